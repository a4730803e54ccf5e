package dev.lsmkv.spring.compat.domain;

import java.util.Objects;
import org.springframework.data.annotation.Id;

/**
 * Shaped like the Immutable of spring-data-redis' RedisRepositoryIntegrationTestBase: final
 * fields, one public all-arguments constructor, withers, and a nested Immutable.
 */
public final class Immutable {

    @Id
    private final String id;
    private final String name;
    private final Immutable nested;

    public Immutable(String id, String name, Immutable nested) {
        this.id = id;
        this.name = name;
        this.nested = nested;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Immutable getNested() {
        return nested;
    }

    public Immutable withId(String id) {
        return Objects.equals(this.id, id) ? this : new Immutable(id, name, nested);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Immutable i && Objects.equals(id, i.id) && Objects.equals(name, i.name)
                && Objects.equals(nested, i.nested);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, nested);
    }

    @Override
    public String toString() {
        return "Immutable{" + id + "," + name + "," + nested + "}";
    }
}
