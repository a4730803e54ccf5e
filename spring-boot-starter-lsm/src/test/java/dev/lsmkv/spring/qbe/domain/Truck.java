package dev.lsmkv.spring.qbe.domain;

import dev.lsmkv.spring.Indexed;
import java.util.Objects;

/** A subtype in its supertype's keyspace. */
public class Truck extends Vehicle {

    @Indexed
    private Integer axles;

    public Truck() {
    }

    public Truck(String id, String make, String color, Integer axles) {
        super(id, make, color);
        this.axles = axles;
    }

    public Integer getAxles() { return axles; }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Objects.equals(axles, ((Truck) o).axles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), axles);
    }
}
