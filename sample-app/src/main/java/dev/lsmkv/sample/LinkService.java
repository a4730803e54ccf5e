package dev.lsmkv.sample;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/**
 * Link operations. Short codes are 7 random base62 characters from a {@link SecureRandom}
 * (62^7, about 3.5 trillion codes); a code already in use is drawn again.
 *
 * <p>Concurrency: every change of one link (create, click, delete) runs under a lock chosen by
 * its code from a fixed set of 64 stripes, so two concurrent clicks are read-increment-write
 * one after the other and none is lost. Different codes mostly use different stripes and run
 * in parallel. (One JVM per data directory is guaranteed by the engine's directory lock, so an
 * in-process lock is enough.)
 */
@Service
public class LinkService {

    static final int CODE_LENGTH = 7;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int MAX_ATTEMPTS = 10;

    private final LinkRepository links;
    private final ClickEventRepository clicks;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    public LinkService(LinkRepository links, ClickEventRepository clicks) {
        this.links = links;
        this.clicks = clicks;
        this.clock = Clock.systemUTC();
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Creates a link under a fresh code; {@code ttlSeconds} null means it never expires. */
    public Link create(String url, String owner, Long ttlSeconds) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String code = newCode();
            ReentrantLock lock = lockOf(code);
            lock.lock();
            try {
                if (links.existsById(code)) {
                    continue; // collision: draw another code
                }
                return links.save(new Link(code, url, owner, clock.instant(), ttlSeconds));
            } finally {
                lock.unlock();
            }
        }
        throw new IllegalStateException("no free short code after " + MAX_ATTEMPTS + " attempts");
    }

    /** The link, unless unknown or expired. */
    public Optional<Link> find(String code) {
        if (!isWellFormed(code)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return links.findById(code).filter(l -> !l.isExpired(now));
    }

    /** Counts one click and records a click event; empty when the code is unknown or expired. */
    public Optional<Link> click(String code, String referrer, String userAgent) {
        if (!isWellFormed(code)) {
            return Optional.empty();
        }
        Link link;
        ReentrantLock lock = lockOf(code);
        lock.lock();
        try {
            Instant now = clock.instant();
            Optional<Link> found = links.findById(code).filter(l -> !l.isExpired(now));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            link = found.get();
            link.click();
            links.save(link);
        } finally {
            lock.unlock();
        }
        clicks.save(new ClickEvent(UUID.randomUUID().toString(), code, clock.instant(),
                truncate(referrer), truncate(userAgent)));
        return Optional.of(link);
    }

    /** Deletes the link; false when there was none (or it had expired). */
    public boolean delete(String code) {
        if (!isWellFormed(code)) {
            return false;
        }
        ReentrantLock lock = lockOf(code);
        lock.lock();
        try {
            boolean existed = find(code).isPresent();
            links.deleteById(code);
            return existed;
        } finally {
            lock.unlock();
        }
    }

    /** One page of an owner's links, read through the owner index. */
    public Page<Link> byOwner(String owner, int page, int size, Sort sort) {
        Pageable pageable = PageRequest.of(page, size, sort);
        return links.findByOwner(owner, pageable);
    }

    /** Click events of a code still kept (the keyspace TTL drops older ones), newest first. */
    public java.util.List<ClickEvent> recentClicks(String code, int max) {
        return clicks.findByCode(code, PageRequest.of(0, max, Sort.by(Sort.Direction.DESC, "at")));
    }

    String newCode() {
        char[] c = new char[CODE_LENGTH];
        for (int i = 0; i < c.length; i++) {
            c[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(c);
    }

    static boolean isWellFormed(String code) {
        if (code == null || code.isEmpty() || code.length() > 64) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z')) {
                return false;
            }
        }
        return true;
    }

    private ReentrantLock lockOf(String code) {
        return stripes[Math.floorMod(code.hashCode(), stripes.length)];
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 256 ? s : s.substring(0, 256);
    }
}
