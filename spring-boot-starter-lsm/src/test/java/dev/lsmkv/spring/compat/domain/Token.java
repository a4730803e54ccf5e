package dev.lsmkv.spring.compat.domain;

import java.util.Objects;
import java.util.UUID;
import org.springframework.data.annotation.Id;

/** An entity with a UUID id assigned by the application. */
public class Token {

    @Id
    private UUID id;
    private String label;

    public Token() {
    }

    public Token(UUID id, String label) {
        this.id = id;
        this.label = label;
    }

    public UUID getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Token t && Objects.equals(id, t.id) && Objects.equals(label, t.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, label);
    }

    @Override
    public String toString() {
        return "Token{" + id + "}";
    }
}
