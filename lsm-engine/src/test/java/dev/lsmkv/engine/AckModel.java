package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a store may hold after faults and crashes, given which writes were acknowledged. Each key
 * maps to the set of values it may have (empty = absent): an acknowledged write narrows the set to
 * its own outcome; a write that failed, or was in flight at a crash, adds its outcome to the set,
 * since it may or may not have reached the WAL. Batches are tracked too, so a batch that shows on
 * some of its keys but not others is caught: batch keys are fresh and written by no other op.
 *
 * <p>Thread-safety: not thread-safe; one writer thread per model.
 */
final class AckModel {

    private final Map<String, Set<Optional<String>>> possible = new TreeMap<>();
    private final List<Batch> batches = new ArrayList<>();
    private long acknowledged;
    private long uncertain;

    private record Batch(List<String> keys, String value) {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** A write of {@code value} (null = delete) to {@code key} that returned normally. */
    void ack(String key, String value) {
        Set<Optional<String>> set = new HashSet<>();
        set.add(Optional.ofNullable(value));
        possible.put(key, set);
        acknowledged++;
    }

    /** A write of {@code value} (null = delete) that failed or was in flight: either outcome. */
    void maybe(String key, String value) {
        possible.computeIfAbsent(key, k -> {
            Set<Optional<String>> set = new HashSet<>();
            set.add(Optional.empty());
            return set;
        }).add(Optional.ofNullable(value));
        uncertain++;
    }

    /** A batch of fresh keys, all written with {@code value}. */
    void batch(List<String> keys, String value, boolean acked) {
        for (String k : keys) {
            if (acked) {
                ack(k, value);
            } else {
                maybe(k, value);
            }
        }
        batches.add(new Batch(List.copyOf(keys), value));
    }

    /**
     * Narrows every key to the value {@code db} shows now, and forgets the batches: once a
     * recovered store has been verified, what it holds is the only allowed past. A write that was
     * in flight and did not show must never appear later.
     */
    void pin(LsmEngine db) {
        for (Map.Entry<String, Set<Optional<String>>> e : possible.entrySet()) {
            Set<Optional<String>> set = new HashSet<>();
            set.add(Optional.ofNullable(s(db.get(b(e.getKey())))));
            e.setValue(set);
        }
        batches.clear();
    }

    long acknowledged() {
        return acknowledged;
    }

    long uncertain() {
        return uncertain;
    }

    int keys() {
        return possible.size();
    }

    /** Whether {@code value} (null = absent) is an allowed outcome for {@code key}. */
    boolean allows(String key, String value) {
        Set<Optional<String>> set = possible.get(key);
        return set == null ? value == null : set.contains(Optional.ofNullable(value));
    }

    /**
     * Checks every key by get, the whole store by scan (no key the model never wrote, no value it
     * does not allow), and every batch for all-or-nothing. Returns how many keys were checked.
     */
    long verify(LsmEngine db, String when) {
        for (Map.Entry<String, Set<Optional<String>>> e : possible.entrySet()) {
            String got = s(db.get(b(e.getKey())));
            assertThat(e.getValue()).as("%s: get(%s) returned %s", when, e.getKey(), got)
                    .contains(Optional.ofNullable(got));
        }
        Map<String, String> scanned = new TreeMap<>();
        try (Cursor c = db.scan(null, null)) {
            while (c.next()) {
                String k = s(c.key());
                String v = s(c.value());
                assertThat(allows(k, v)).as("%s: scan found %s=%s, which no write made", when, k, v).isTrue();
                scanned.put(k, v);
            }
        }
        for (Batch batch : batches) {
            long present = batch.keys().stream().filter(k -> batch.value().equals(scanned.get(k))).count();
            assertThat(present == 0 || present == batch.keys().size())
                    .as("%s: batch %s half-applied (%d of %d keys)", when, batch.keys().get(0), present,
                            batch.keys().size())
                    .isTrue();
        }
        return possible.size();
    }
}
