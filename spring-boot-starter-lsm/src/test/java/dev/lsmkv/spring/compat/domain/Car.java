package dev.lsmkv.spring.compat.domain;

import dev.lsmkv.spring.Indexed;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** An entity with a numeric id and an indexed enum, queried by countBy/existsBy after restarts. */
@KeySpace("cars")
public class Car {

    public enum Color { RED, GREEN, BLUE }

    @Id
    private Long id;
    @Indexed
    private Color color;
    private String model;
    private long mileage;

    public Car() {
    }

    public Car(Long id, Color color, String model, long mileage) {
        this.id = id;
        this.color = color;
        this.model = model;
        this.mileage = mileage;
    }

    public Long getId() {
        return id;
    }

    public Color getColor() {
        return color;
    }

    public String getModel() {
        return model;
    }

    public long getMileage() {
        return mileage;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Car c && Objects.equals(id, c.id) && color == c.color && Objects.equals(model, c.model)
                && mileage == c.mileage;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, color, model, mileage);
    }

    @Override
    public String toString() {
        return "Car{" + id + "," + color + "," + model + "," + mileage + "}";
    }
}
