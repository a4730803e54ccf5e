package dev.lsmkv.spring.bench;

import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** A small entity of five fields, no index. */
@KeySpace("plain")
public class PlainEntity {
    @Id
    private Long id;
    private String name;
    private String email;
    private int age;
    private String city;

    public PlainEntity() {
    }

    public PlainEntity(Long id, String name, String email, int age, String city) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.age = age;
        this.city = city;
    }

    public Long getId() { return id; }
}
