package dev.lsmkv.spring.issues;

import dev.lsmkv.spring.Indexed;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** An entity with an indexed enum, an indexed list of doubles and an unindexed name. */
@KeySpace("paints")
public class Paint {
    public enum Color { RED, GREEN, BLUE }

    @Id
    Long id;
    @Indexed
    Color color;
    @Indexed
    List<Double> sizes = new ArrayList<>();
    @Indexed
    String tag;
    String name;

    Paint() {
    }

    Paint(Long id, Color color, String tag, String name, Double... sizes) {
        this.id = id;
        this.color = color;
        this.tag = tag;
        this.name = name;
        this.sizes = new ArrayList<>(List.of(sizes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Paint p && Objects.equals(id, p.id) && color == p.color && Objects.equals(sizes, p.sizes)
                && Objects.equals(tag, p.tag) && Objects.equals(name, p.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }

    @Override
    public String toString() {
        return "Paint{" + id + "," + color + "," + tag + "," + sizes + "," + name + "}";
    }
}
