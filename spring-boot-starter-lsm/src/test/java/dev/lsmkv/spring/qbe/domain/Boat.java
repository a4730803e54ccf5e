package dev.lsmkv.spring.qbe.domain;

import java.util.Objects;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** A subtype with a keyspace of its own. */
@KeySpace("qbe_boats")
public class Boat extends Vehicle {

    private String hull;

    public Boat() {
    }

    public Boat(String id, String make, String color, String hull) {
        super(id, make, color);
        this.hull = hull;
    }

    public String getHull() { return hull; }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Objects.equals(hull, ((Boat) o).hull);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), hull);
    }
}
