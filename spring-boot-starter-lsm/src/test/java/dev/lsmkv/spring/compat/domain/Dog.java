package dev.lsmkv.spring.compat.domain;

import dev.lsmkv.spring.Indexed;
import java.util.Objects;

/** A subtype stored in its supertype's keyspace, with an indexed property of its own. */
public class Dog extends Animal {

    @Indexed
    private String breed;

    public Dog() {
    }

    public Dog(String id, String name, String breed) {
        super(id, name);
        this.breed = breed;
    }

    public String getBreed() {
        return breed;
    }

    public void setBreed(String breed) {
        this.breed = breed;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Objects.equals(breed, ((Dog) o).breed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), breed);
    }
}
