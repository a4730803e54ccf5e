package dev.lsmkv.spring.bench;

import dev.lsmkv.spring.Indexed;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** A small entity of five fields, one indexed. */
@KeySpace("bench")
public class BenchEntity {
    @Id
    private Long id;
    private String name;
    private String email;
    private int age;
    @Indexed
    private String grp;

    public BenchEntity() {
    }

    public BenchEntity(Long id, String name, String email, int age, String grp) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.age = age;
        this.grp = grp;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getEmail() { return email; }
    public int getAge() { return age; }
    public String getGrp() { return grp; }
}
