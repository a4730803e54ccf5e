package dev.lsmkv.spring.compat.domain;

import dev.lsmkv.spring.Indexed;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/**
 * A type hierarchy in one keyspace ("animals"), like the type-alias cases of
 * spring-data-keyvalue's KeyValueTemplateTests / KeyValueTemplateUnitTests: {@link Dog} inherits
 * the keyspace and adds an indexed property of its own.
 */
@KeySpace("animals")
public class Animal {

    @Id
    private String id;
    @Indexed
    private String name;

    public Animal() {
    }

    public Animal(String id, String name) {
        this.id = id;
        this.name = name;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Objects.equals(id, ((Animal) o).id)
                && Objects.equals(name, ((Animal) o).name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + id + "," + name + "}";
    }
}
