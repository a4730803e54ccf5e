package dev.lsmkv.spring.compat.domain;

import java.util.Objects;

/** A nested value (the hometown of {@link Person}). */
public class City {

    private String name;

    public City() {
    }

    public City(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof City c && Objects.equals(name, c.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return "City{" + name + "}";
    }
}
