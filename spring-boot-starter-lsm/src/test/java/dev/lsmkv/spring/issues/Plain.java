package dev.lsmkv.spring.issues;

import java.util.Objects;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** An entity without indexes, with a UUID id. */
@KeySpace("plain")
public class Plain {
    @Id
    UUID id;
    String name;

    Plain() {
    }

    Plain(UUID id, String name) {
        this.id = id;
        this.name = name;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plain p && Objects.equals(id, p.id) && Objects.equals(name, p.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
