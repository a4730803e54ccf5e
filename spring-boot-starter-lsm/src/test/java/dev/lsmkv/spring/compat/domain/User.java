package dev.lsmkv.spring.compat.domain;

import java.time.OffsetDateTime;
import java.time.OffsetTime;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/**
 * Shaped like the User of spring-data-redis' RedisRepositoryIntegrationTestBase (GH-2677): the
 * id is the final name, set by a private constructor behind a static factory, plus
 * offset-based java.time values.
 */
@KeySpace("Users")
public class User {

    @Id
    private final String name;
    private OffsetDateTime lastAccessed;
    private OffsetTime expiration;

    private User(String name) {
        this.name = name;
    }

    public static User of(String name) {
        return new User(name);
    }

    public String getName() {
        return name;
    }

    public OffsetDateTime getLastAccessed() {
        return lastAccessed;
    }

    public OffsetTime getExpiration() {
        return expiration;
    }

    public User lastAccess(OffsetDateTime dateTime) {
        this.lastAccessed = dateTime;
        return this;
    }

    public User expires(OffsetTime time) {
        this.expiration = time;
        return this;
    }
}
