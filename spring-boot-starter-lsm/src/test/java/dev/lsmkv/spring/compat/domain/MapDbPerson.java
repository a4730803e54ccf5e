package dev.lsmkv.spring.compat.domain;

import org.springframework.data.annotation.Id;

/**
 * Shaped like the Person of spring-data-keyvalue's MapDbIntegrationTests: package-private
 * fields and a package-private two-argument constructor, no no-argument constructor.
 */
public class MapDbPerson {

    @Id
    String id;
    String firstname;
    String lastname;

    MapDbPerson(String firstname, String lastname) {
        this.firstname = firstname;
        this.lastname = lastname;
    }

    public String getId() {
        return id;
    }
}
