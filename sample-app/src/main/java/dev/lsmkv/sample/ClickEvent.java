package dev.lsmkv.sample;

import dev.lsmkv.spring.Indexed;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/**
 * One followed link. Click events have no {@code @TimeToLive} of their own: they live as long as
 * the keyspace default, {@code lsm.keyspaces.clicks.time-to-live} (7 days in application.yaml),
 * after which the engine drops them and their index entries together.
 */
@KeySpace("clicks")
public class ClickEvent {

    @Id
    private String id;
    @Indexed
    private String code;
    private Instant at;
    private String referrer;
    private String userAgent;

    protected ClickEvent() {
        // for the codec
    }

    public ClickEvent(String id, String code, Instant at, String referrer, String userAgent) {
        this.id = id;
        this.code = code;
        this.at = at;
        this.referrer = referrer;
        this.userAgent = userAgent;
    }

    public String getId() { return id; }
    public String getCode() { return code; }
    public Instant getAt() { return at; }
    public String getReferrer() { return referrer; }
    public String getUserAgent() { return userAgent; }
}
