package dev.lsmkv.spring.core;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.LsmEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Iterates a key range in chunks of {@link #CHUNK} entries, each read by a cursor that is closed
 * before the chunk is handed out, so an abandoned iterator holds no engine resources. Each chunk is
 * its own point in time (what {@code findAll()} without paging needs; queries use one snapshot).
 */
final class ChunkedScan<T> implements Iterator<T> {

    /** Entries per chunk. */
    static final int CHUNK = 512;

    /** Maps one entry to what the iterator hands out, or null to leave the entry out. */
    interface Mapper<T> {
        @Nullable T map(byte[] key, byte[] value);
    }

    private final LsmEngine engine;
    private final byte @Nullable [] to;
    private final Mapper<T> mapper;
    private byte[] from;
    private List<T> chunk = List.of();
    private int pos;
    private boolean exhausted;

    ChunkedScan(LsmEngine engine, byte[] from, byte @Nullable [] to, Mapper<T> mapper) {
        this.engine = engine;
        this.from = from;
        this.to = to;
        this.mapper = mapper;
    }

    @Override
    public boolean hasNext() {
        if (pos < chunk.size()) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        while (true) {
            List<T> next = new ArrayList<>(CHUNK);
            byte[] last = null;
            int read = 0;
            try (Cursor c = engine.scan(from, to)) {
                while (read < CHUNK && c.next()) {
                    read++;
                    last = c.key();
                    T mapped = mapper.map(last, c.value());
                    if (mapped != null) {
                        next.add(mapped);
                    }
                }
            }
            if (read < CHUNK) {
                exhausted = true;
            } else {
                from = successor(last);
            }
            chunk = next;
            pos = 0;
            if (!chunk.isEmpty() || exhausted) {
                return !chunk.isEmpty();
            }
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return chunk.get(pos++);
    }

    /** The smallest key after {@code key}. */
    static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
