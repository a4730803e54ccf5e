package dev.lsmkv.spring.compat.domain;

import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * An entity with two public constructors and no no-argument one; Spring Data instantiates it
 * through the one marked {@link PersistenceCreator}.
 */
public class Gadget {

    @Id
    private final String id;
    private final String name;
    private final int version;

    public Gadget(String name) {
        this(null, name, 0);
    }

    @PersistenceCreator
    public Gadget(String id, String name, int version) {
        this.id = id;
        this.name = name;
        this.version = version;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getVersion() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gadget g && Objects.equals(id, g.id) && Objects.equals(name, g.name) && version == g.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, version);
    }

    @Override
    public String toString() {
        return "Gadget{" + id + "," + name + "," + version + "}";
    }
}
