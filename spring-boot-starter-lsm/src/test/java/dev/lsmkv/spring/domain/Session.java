package dev.lsmkv.spring.domain;

import dev.lsmkv.spring.Indexed;
import dev.lsmkv.spring.TimeToLive;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** An entity with a time to live and an index. */
@KeySpace("sessions")
public class Session {

    @Id
    private String id;
    @Indexed
    private String user;
    @TimeToLive
    private Long ttl;

    public Session() {
    }

    public Session(String id, String user, Long ttl) {
        this.id = id;
        this.user = user;
        this.ttl = ttl;
    }

    public String getId() { return id; }
    public String getUser() { return user; }
    public Long getTtl() { return ttl; }
}
