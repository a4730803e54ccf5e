package dev.lsmkv.engine.iterator;

import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fixture: an {@link InternalIterator} over a list of entries, sorted here by internal key.
 * Counts closes so tests can check ownership. Not thread-safe.
 */
class ListInternalIterator implements InternalIterator {

    private final List<Entry> entries;
    private final AtomicInteger closes;
    private int pos = -1;

    ListInternalIterator(List<Entry> entries) {
        this(entries, new AtomicInteger());
    }

    ListInternalIterator(List<Entry> entries, AtomicInteger closes) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> InternalKey.compare(a.key(), b.key()));
        this.entries = Collections.unmodifiableList(sorted);
        this.closes = closes;
    }

    static Entry put(String userKey, long seq, String value) {
        return new Entry(InternalKey.encode(bytes(userKey), seq, EntryKind.PUT), bytes(value));
    }

    static Entry delete(String userKey, long seq) {
        return new Entry(InternalKey.encode(bytes(userKey), seq, EntryKind.DELETE), new byte[0]);
    }

    static Entry putWithTtl(String userKey, long seq, long expiresAt, String value) {
        return new Entry(InternalKey.encode(bytes(userKey), seq, EntryKind.PUT_WITH_TTL),
                dev.lsmkv.engine.base.TtlValue.encode(expiresAt, bytes(value)));
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static ListInternalIterator of(Entry... entries) {
        return new ListInternalIterator(List.of(entries));
    }

    boolean isClosed() {
        return closes.get() > 0;
    }

    int closeCount() {
        return closes.get();
    }

    @Override
    public boolean isValid() {
        return pos >= 0 && pos < entries.size();
    }

    @Override
    public void seekToFirst() {
        pos = 0;
    }

    @Override
    public void seek(byte[] internalKey) {
        int lo = 0;
        int hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compare(entries.get(mid).key(), internalKey) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        pos = lo;
    }

    @Override
    public void next() {
        if (!isValid()) {
            throw new IllegalStateException("next() on an invalid iterator");
        }
        pos++;
    }

    @Override
    public byte[] key() {
        if (!isValid()) {
            throw new IllegalStateException("key() on an invalid iterator");
        }
        return entries.get(pos).key();
    }

    @Override
    public byte[] value() {
        if (!isValid()) {
            throw new IllegalStateException("value() on an invalid iterator");
        }
        return entries.get(pos).value();
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
