package dev.lsmkv.spring.qbe.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lsmkv.spring.Indexed;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/**
 * A type hierarchy for probe-type tests: {@link Truck} shares this keyspace (stored with its type
 * name, so it reads back as a Truck), {@link Boat} has a keyspace of its own.
 */
@KeySpace("qbe_vehicles")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
@JsonSubTypes({@JsonSubTypes.Type(value = Vehicle.class, name = "vehicle"),
        @JsonSubTypes.Type(value = Truck.class, name = "truck"), @JsonSubTypes.Type(value = Boat.class, name = "boat")})
public class Vehicle {

    @Id
    private String id;
    @Indexed
    private String make;
    private String color;

    public Vehicle() {
    }

    public Vehicle(String id, String make, String color) {
        this.id = id;
        this.make = make;
        this.color = color;
    }

    public String getId() { return id; }
    public String getMake() { return make; }
    public String getColor() { return color; }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Objects.equals(id, ((Vehicle) o).id)
                && Objects.equals(make, ((Vehicle) o).make) && Objects.equals(color, ((Vehicle) o).color);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, make, color);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + id + "," + make + "," + color + "}";
    }
}
