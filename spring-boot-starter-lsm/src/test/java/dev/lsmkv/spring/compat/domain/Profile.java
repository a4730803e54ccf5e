package dev.lsmkv.spring.compat.domain;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;

/** An entity with a property Spring Data must not persist ({@code @Transient}) and a derived getter. */
public class Profile {

    @Id
    private String id;
    private String displayName;
    @Transient
    private String sessionToken;

    public Profile() {
    }

    public Profile(String id, String displayName, String sessionToken) {
        this.id = id;
        this.displayName = displayName;
        this.sessionToken = sessionToken;
    }

    public String getId() {
        return id;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getSessionToken() {
        return sessionToken;
    }

    /** Derived, not a property: fails when there is no display name. */
    public String getInitial() {
        return displayName.substring(0, 1);
    }
}
