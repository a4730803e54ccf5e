package dev.lsmkv.sample;

import dev.lsmkv.spring.Indexed;
import dev.lsmkv.spring.TimeToLive;
import java.time.Duration;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/**
 * A short link. The code is the id; {@code owner} is {@link Indexed}, so "links of an owner"
 * reads a secondary index instead of scanning every link.
 *
 * <p>Expiry: a link created with a time to live keeps a fixed {@code expiresAt}. The engine TTL is
 * taken from {@link #remainingSeconds()}, not from a stored number of seconds, so re-saving the
 * link (every click does) never pushes its expiry further out.
 */
@KeySpace("links")
public class Link {

    @Id
    private String code;
    private String url;
    @Indexed
    private String owner;
    private Instant createdAt;
    private long clicks;
    /** Time to live asked for at creation, in seconds; null when the link never expires. */
    private Long ttlSeconds;
    /** When the link expires; null when it never does. */
    private Instant expiresAt;

    protected Link() {
        // for the codec
    }

    public Link(String code, String url, String owner, Instant createdAt, Long ttlSeconds) {
        this.code = code;
        this.url = url;
        this.owner = owner;
        this.createdAt = createdAt;
        this.ttlSeconds = ttlSeconds;
        this.expiresAt = ttlSeconds == null ? null : createdAt.plusSeconds(ttlSeconds);
    }

    /**
     * The engine TTL of this version of the link: seconds left until {@code expiresAt}, never
     * less than a millisecond (zero or negative would mean "no expiry" to the store), or null
     * when the link has no expiry.
     */
    @TimeToLive
    Double remainingSeconds() {
        if (expiresAt == null) {
            return null;
        }
        long millis = Duration.between(Instant.now(), expiresAt).toMillis();
        return Math.max(1, millis) / 1000.0;
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    void click() {
        clicks++;
    }

    public String getCode() { return code; }
    public String getUrl() { return url; }
    public String getOwner() { return owner; }
    public Instant getCreatedAt() { return createdAt; }
    public long getClicks() { return clicks; }
    public Long getTtlSeconds() { return ttlSeconds; }
    public Instant getExpiresAt() { return expiresAt; }
}
