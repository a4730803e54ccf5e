package dev.lsmkv.spring.compat.qbe;

import java.util.Objects;
import org.springframework.data.annotation.Id;

/** The Person of spring-data-redis' QueryByExampleRedisExecutorIntegrationTests, in a package of its own. */
public class QbePerson {

    @Id
    private String id;
    private String firstname;
    private String lastname;

    public QbePerson() {
    }

    public QbePerson(String firstname, String lastname) {
        this.firstname = firstname;
        this.lastname = lastname;
    }

    public String getId() {
        return id;
    }

    public String getFirstname() {
        return firstname;
    }

    public String getLastname() {
        return lastname;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QbePerson p && Objects.equals(id, p.id) && Objects.equals(firstname, p.firstname)
                && Objects.equals(lastname, p.lastname);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, firstname, lastname);
    }
}
