package dev.lsmkv.spring.compat.domain;

import dev.lsmkv.spring.Indexed;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/**
 * Shaped like the Person of spring-data-redis' RedisRepositoryIntegrationTestBase: keyspace
 * "persons", {@code firstname} and {@code alive} indexed, {@code lastname} not, a nested
 * hometown (embedded, not a reference).
 */
@KeySpace("persons")
public class Person {

    @Id
    private String id;
    @Indexed
    private String firstname;
    @Indexed
    private Boolean alive;
    private String lastname;
    private City hometown;

    public Person() {
    }

    public Person(String firstname, String lastname) {
        this.firstname = firstname;
        this.lastname = lastname;
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

    public Boolean getAlive() {
        return alive;
    }

    public void setAlive(Boolean alive) {
        this.alive = alive;
    }

    public String getLastname() {
        return lastname;
    }

    public void setLastname(String lastname) {
        this.lastname = lastname;
    }

    public City getHometown() {
        return hometown;
    }

    public void setHometown(City hometown) {
        this.hometown = hometown;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Person p && Objects.equals(id, p.id) && Objects.equals(firstname, p.firstname)
                && Objects.equals(lastname, p.lastname) && Objects.equals(alive, p.alive)
                && Objects.equals(hometown, p.hometown);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, firstname, lastname);
    }

    @Override
    public String toString() {
        return "Person{" + id + "," + firstname + " " + lastname + "," + alive + "," + hometown + "}";
    }
}
