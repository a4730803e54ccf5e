package dev.lsmkv.engine.memtable;

import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.base.KeyHash;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The newest writes, in memory, sorted by internal key ({@link InternalKey#COMPARATOR}), until
 * a flush turns them into an L0 SSTable.
 *
 * <p>Thread-safety: {@link #add} and every read may run concurrently from any threads without
 * external locking (a {@link ConcurrentSkipListMap} backs it). Iterators are weakly consistent:
 * they may or may not see adds that run while they iterate; the engine filters by sequence, so
 * entries newer than a reader's snapshot are ignored anyway.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Keys and values are the arrays the engine handed to {@link #add}; nothing here copies
 *       or modifies them, and callers must not modify what reads return.</li>
 *   <li>An internal key (user key, sequence, kind) is present at most once; the engine assigns
 *       each sequence once, so adds never replace one another in practice.</li>
 *   <li>{@link #approximateMemoryUsage()} only grows: a memtable is never shrunk, only dropped
 *       whole after its flush.</li>
 * </ol>
 */
public final class MemTable {

    /** Estimated bytes a skip-list entry costs besides its key and value (node, index, headers). */
    static final int ENTRY_OVERHEAD = 64;

    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(InternalKey.COMPARATOR);
    private final LongAdder memoryUsage = new LongAdder();
    private final LongAdder entries = new LongAdder();
    /** Over the user keys added; null when built without one. */
    private final MemTableBloom bloom;

    /** A memtable without a bloom filter. */
    public MemTable() {
        this(0);
    }

    /**
     * A memtable whose point lookups first ask a bloom filter of about {@code bloomBytes} bytes
     * (none if 0): a lookup of a key it does not hold then costs a hash and one cache line instead
     * of a skip-list search. The filter's bytes are not in {@link #approximateMemoryUsage()}.
     */
    public MemTable(long bloomBytes) {
        this.bloom = bloomBytes > 0 ? new MemTableBloom(bloomBytes) : null;
    }

    /**
     * Adds one entry. Copies nothing: the engine passes arrays it owns and never changes again.
     * REQUIRES: 0 &lt;= sequence &lt;= {@link InternalKey#MAX_SEQUENCE}; {@code storedValue} is an
     * empty array for DELETE and carries the TTL header for PUT_WITH_TTL.
     */
    public void add(long sequence, EntryKind kind, byte[] userKey, byte[] storedValue) {
        byte[] internalKey = InternalKey.encode(userKey, sequence, kind);
        if (bloom != null) {
            bloom.add(KeyHash.of(userKey, 0, userKey.length)); // before the entry can be found
        }
        byte[] previous = map.put(internalKey, storedValue);
        if (previous == null) {
            entries.increment();
            memoryUsage.add((long) internalKey.length + storedValue.length + ENTRY_OVERHEAD);
        }
    }

    /**
     * The first entry with internal key &gt;= {@code lookupKey} and the same user key, or null.
     * With {@code lookupKey = InternalKey.lookupKey(userKey, seq)} that is the newest version of
     * the user key visible at {@code seq}, which may be a DELETE or an expired TTL entry.
     */
    public Entry get(byte[] lookupKey) {
        return get(lookupKey, bloom == null ? 0 : KeyHash.ofUserKey(lookupKey));
    }

    /** As {@link #get(byte[])} with the {@link KeyHash} of lookupKey's user key, computed once per lookup by the caller. */
    public Entry get(byte[] lookupKey, long userKeyHash) {
        if (bloom != null && !bloom.mayContain(userKeyHash)) {
            return null;
        }
        Map.Entry<byte[], byte[]> e = map.ceilingEntry(lookupKey);
        if (e == null || !InternalKey.sameUserKey(e.getKey(), lookupKey)) {
            return null;
        }
        return new Entry(e.getKey(), e.getValue());
    }

    /** A weakly consistent iterator over all entries in internal-key order. */
    public InternalIterator iterator() {
        return new MemTableIterator(map);
    }

    /** Key and value bytes plus {@value #ENTRY_OVERHEAD} bytes per entry. */
    public long approximateMemoryUsage() {
        return memoryUsage.sum();
    }

    public long entries() {
        return entries.sum();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    /**
     * Walks the skip list with its own (weakly consistent) iterators: O(1) per next, O(log n)
     * per seek. Not thread-safe, like every {@link InternalIterator}.
     */
    private static final class MemTableIterator implements InternalIterator {

        private final ConcurrentSkipListMap<byte[], byte[]> map;
        private Iterator<Map.Entry<byte[], byte[]>> it;
        private byte[] key;
        private byte[] value;

        MemTableIterator(ConcurrentSkipListMap<byte[], byte[]> map) {
            this.map = map;
        }

        @Override
        public boolean isValid() {
            return key != null;
        }

        @Override
        public void seekToFirst() {
            it = map.entrySet().iterator();
            advance();
        }

        @Override
        public void seek(byte[] internalKey) {
            it = map.tailMap(internalKey, true).entrySet().iterator();
            advance();
        }

        @Override
        public void next() {
            assert isValid();
            advance();
        }

        private void advance() {
            if (it.hasNext()) {
                Map.Entry<byte[], byte[]> e = it.next();
                key = e.getKey();
                value = e.getValue();
            } else {
                key = null;
                value = null;
            }
        }

        @Override
        public byte[] key() {
            assert isValid();
            return key;
        }

        @Override
        public byte[] value() {
            assert isValid();
            return value;
        }

        @Override
        public void close() {
            it = null;
            key = null;
            value = null;
        }
    }
}
