package dev.lsmkv.spring.support;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.EngineStats;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.Snapshot;
import dev.lsmkv.engine.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double of {@link LsmEngine} over a sorted map with the same contract (unsigned key
 * order, TTL, atomic batches by copying, point-in-time cursors by copying). It lets the starter be
 * tested before, and independently of, the real engine; it keeps no files.
 */
public final class InMemoryLsmEngine implements LsmEngine {

    private record Entry(byte[] value, long expiresAtMillis) {
        boolean live(long now) {
            return expiresAtMillis == 0 || now < expiresAtMillis;
        }
    }

    private static final java.util.Comparator<byte[]> ORDER = Arrays::compareUnsigned;
    private volatile NavigableMap<byte[], Entry> map = new ConcurrentSkipListMap<>(ORDER);
    private final InstantSource clock;
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong gets = new AtomicLong();
    private volatile boolean closed;
    private volatile String backgroundError;

    public InMemoryLsmEngine() {
        this(InstantSource.system());
    }

    public InMemoryLsmEngine(InstantSource clock) {
        this.clock = clock;
    }

    public void setBackgroundError(String error) {
        this.backgroundError = error;
    }

    public boolean isClosed() {
        return closed;
    }

    private long now() {
        return clock.millis();
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        write(new WriteBatch().put(key, value));
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        write(new WriteBatch().put(key, value, ttl));
    }

    @Override
    public byte[] get(byte[] key) {
        check();
        gets.incrementAndGet();
        Entry e = map.get(key);
        return e != null && e.live(now()) ? e.value.clone() : null;
    }

    @Override
    public void delete(byte[] key) {
        write(new WriteBatch().delete(key));
    }

    @Override
    public synchronized void write(WriteBatch batch) {
        check();
        // WriteBatch has no public iteration; replay through its encoding is engine-internal,
        // so the fake reads the operations reflectively from the batch's list.
        for (Object op : ops(batch)) {
            applyOp(op);
        }
    }

    @Override
    public Cursor scan(byte[] fromInclusive, byte[] toExclusive) {
        check();
        return cursor(map, fromInclusive, toExclusive, now());
    }

    @Override
    public Snapshot snapshot() {
        check();
        NavigableMap<byte[], Entry> copy = new java.util.TreeMap<>(ORDER);
        copy.putAll(map);
        long at = now();
        return new Snapshot() {
            @Override
            public byte[] get(byte[] key) {
                Entry e = copy.get(key);
                return e != null && e.live(at) ? e.value.clone() : null;
            }

            @Override
            public Cursor scan(byte[] from, byte[] to) {
                return cursor(copy, from, to, at);
            }

            @Override
            public long sequence() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }

    private static Cursor cursor(NavigableMap<byte[], Entry> source, byte[] from, byte[] to, long now) {
        NavigableMap<byte[], Entry> view = source;
        if (from != null && to != null) {
            view = Arrays.compareUnsigned(from, to) >= 0 ? new java.util.TreeMap<>(ORDER) : source.subMap(from, true, to, false);
        } else if (from != null) {
            view = source.tailMap(from, true);
        } else if (to != null) {
            view = source.headMap(to, false);
        }
        List<Map.Entry<byte[], Entry>> entries = new java.util.ArrayList<>();
        for (Map.Entry<byte[], Entry> e : view.entrySet()) {
            if (e.getValue().live(now)) {
                entries.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        Iterator<Map.Entry<byte[], Entry>> it = entries.iterator();
        return new Cursor() {
            Map.Entry<byte[], Entry> current;

            @Override
            public boolean next() {
                current = it.hasNext() ? it.next() : null;
                return current != null;
            }

            @Override
            public byte[] key() {
                return current.getKey().clone();
            }

            @Override
            public byte[] value() {
                return current.getValue().value.clone();
            }

            @Override
            public Duration timeToLive() {
                long expiresAt = current.getValue().expiresAtMillis;
                return expiresAt == 0 ? null : Duration.ofMillis(Math.max(1, expiresAt - now));
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void flush() {
        check();
    }

    @Override
    public void compact() {
        check();
    }

    /** Not modelled: this double has no files to copy; tests of checkpoints use a real engine. */
    @Override
    public void checkpoint(java.nio.file.Path dir) {
        check();
        throw new UnsupportedOperationException("InMemoryLsmEngine keeps no files; use a real engine to test checkpoints");
    }

    @Override
    public EngineStats stats() {
        check();
        return EngineStats.builder()
                .levels(List.of(new EngineStats.LevelStats(0, 0, 0, 0)))
                .memtableEntries(map.size())
                .puts(puts.get())
                .gets(gets.get())
                .backgroundError(backgroundError)
                .build();
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---- WriteBatch access

    private static List<?> ops(WriteBatch batch) {
        try {
            for (var f : WriteBatch.class.getDeclaredFields()) {
                if (List.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    return (List<?>) f.get(batch);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("WriteBatch layout changed");
    }

    private void applyOp(Object op) {
        try {
            Class<?> c = op.getClass();
            byte[] key = (byte[]) accessor(c, "key").invoke(op);
            byte[] value = (byte[]) accessor(c, "value").invoke(op);
            if (value == null) {
                map.remove(key);
                return;
            }
            long ttl = (Long) accessor(c, "ttlMillis").invoke(op);
            long expires = ttl > 0 ? now() + ttl : 0;
            puts.incrementAndGet();
            map.put(key.clone(), new Entry(value.clone(), expires));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.lang.reflect.Method accessor(Class<?> c, String name) throws NoSuchMethodException {
        java.lang.reflect.Method m = c.getDeclaredMethod(name);
        m.setAccessible(true);
        return m;
    }

    /** A clock tests can move. */
    public static final class MutableClock implements InstantSource {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }
    }
}
