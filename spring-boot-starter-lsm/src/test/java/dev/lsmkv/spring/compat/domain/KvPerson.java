package dev.lsmkv.spring.compat.domain;

import java.util.Objects;
import org.springframework.data.annotation.Id;

/**
 * Shaped like the Person of spring-data-keyvalue's AbstractRepositoryUnitTests: a generated
 * String id, a first name and an age, nothing indexed (every derived query is a scan).
 */
public class KvPerson {

    @Id
    private String id;
    private String firstname;
    private int age;

    public KvPerson() {
    }

    public KvPerson(String firstname, int age) {
        this.firstname = firstname;
        this.age = age;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getFirstname() {
        return firstname;
    }

    public void setFirstname(String firstname) {
        this.firstname = firstname;
    }

    public int getAge() {
        return age;
    }

    public void setAge(int age) {
        this.age = age;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KvPerson p && Objects.equals(id, p.id) && Objects.equals(firstname, p.firstname)
                && age == p.age;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, firstname, age);
    }

    @Override
    public String toString() {
        return "KvPerson{" + id + "," + firstname + "," + age + "}";
    }
}
