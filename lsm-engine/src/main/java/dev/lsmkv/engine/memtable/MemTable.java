package dev.lsmkv.engine.memtable;

import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.base.KeyHash;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The newest writes, in memory, sorted by internal key ({@link InternalKey#COMPARATOR}), until
 * a flush turns them into an L0 SSTable.
 *
 * <p>Thread-safety: every read may run concurrently with adds, from any threads, without external
 * locking (a {@link ConcurrentSkipListMap} backs it). Adds to a memtable with a point index come
 * from one thread at a time (its {@link PointIndex} has one writer; the engine's adds come from
 * the write leader, or recovery, one at a time); without one, adds may also run concurrently.
 * Iterators are weakly consistent:
 * they may or may not see adds that run while they iterate; the engine filters by sequence, so
 * entries newer than a reader's snapshot are ignored anyway.
 *
 * <p>Values of {@value #SLAB_MIN_VALUE} bytes or more (and small enough for a chunk) are copied
 * into large chunks, a value slab, and reads return copies of them. A memtable's entries live
 * until its flush, seconds under a heavy write load: as arrays of their own, every young
 * collection in that time copied them from survivor space to survivor space (JFR of a YCSB load
 * of 1,140-byte values: the GC's pauses were most of that copying). The chunks are allocated
 * large enough for the collector to keep them where they are (G1 allocates arrays of half a
 * region or more in the old generation; 1 MiB regions for heaps under 2 GiB) and die with the
 * memtable; only a small reference per entry stays in the young generation.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Keys, and values under {@value #SLAB_MIN_VALUE} bytes, are the arrays the engine handed to
 *       {@link #add}; nothing here modifies them, and callers must not modify what reads return.
 *       Larger values are copied into the slab at {@link #add}; the caller's array is not kept.</li>
 *   <li>An internal key (user key, sequence, kind) is present at most once; the engine assigns
 *       each sequence once, so adds never replace one another in practice.</li>
 *   <li>{@link #approximateMemoryUsage()} only grows: a memtable is never shrunk, only dropped
 *       whole after its flush.</li>
 * </ol>
 */
public final class MemTable {

    /** Estimated bytes a skip-list entry costs besides its key and value (node, index, headers). */
    static final int ENTRY_OVERHEAD = 64;

    /** Estimated bytes a {@link #latest} entry costs (its slot, hash and entry object). */
    static final int POINT_INDEX_OVERHEAD = PointIndex.BYTES_PER_ENTRY;

    /** Values of this many bytes or more go into the value slab (see the class comment). */
    static final int SLAB_MIN_VALUE = 512;

    /** The largest slab chunk: values above an eighth of it stay arrays of their own. */
    static final int MAX_CHUNK = 4 << 20;

    /** The first slab chunk; each next one is twice as large, up to {@link #MAX_CHUNK}. */
    static final int FIRST_CHUNK = 64 << 10;

    /** Maps each internal key to its value: a {@code byte[]}, or a {@link SlabValue} in the slab. */
    private final ConcurrentSkipListMap<byte[], Object> map = new ConcurrentSkipListMap<>(InternalKey.COMPARATOR);
    /**
     * The point index ({@link PointIndex}): each user key's newest entry, so that a lookup at the
     * newest sequence (what nearly every get asks) is one hash probe instead of a skip-list search
     * of tens of dependent cache misses; null when built without one. Its values are an
     * {@link Entry} (a lookup returns it as it is), or a {@link Newest} for a slab value. Updated
     * after the skip list, before the engine publishes the entry's sequence.
     */
    private final PointIndex latest;
    private final LongAdder memoryUsage = new LongAdder();
    private final LongAdder entries = new LongAdder();
    /** Over the user keys added; null when built without one. */
    private final MemTableBloom bloom;
    /** The value slab's current chunk and the first free byte in it (guarded by this). */
    private byte[] chunk;
    private int chunkUsed;

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
        this(bloomBytes, false);
    }

    /**
     * As {@link #MemTable(long)}, and with {@code pointIndex} a hash index of each user key's newest
     * entry: a point lookup that may see that entry (its sequence is at or below the lookup's) is one
     * hash probe; an older snapshot's lookup searches the skip list. It costs a hash-map update per
     * add and about {@value #POINT_INDEX_OVERHEAD} bytes per entry, counted in
     * {@link #approximateMemoryUsage()}.
     */
    public MemTable(long bloomBytes, boolean pointIndex) {
        this.bloom = bloomBytes > 0 ? new MemTableBloom(bloomBytes) : null;
        this.latest = pointIndex ? new PointIndex(MemTable::keyOf) : null;
    }

    /**
     * Adds one entry. Copies the value into the slab if it is large (see the class comment), else
     * nothing: the engine passes arrays it owns and never changes again.
     * REQUIRES: 0 &lt;= sequence &lt;= {@link InternalKey#MAX_SEQUENCE}; {@code storedValue} is an
     * empty array for DELETE and carries the TTL header for PUT_WITH_TTL.
     */
    public void add(long sequence, EntryKind kind, byte[] userKey, byte[] storedValue) {
        byte[] internalKey = InternalKey.encode(userKey, sequence, kind);
        long hash = bloom != null || latest != null ? KeyHash.of(userKey, 0, userKey.length) : 0;
        if (bloom != null) {
            bloom.add(hash); // before the entry can be found
        }
        Object value = storedValue.length >= SLAB_MIN_VALUE && storedValue.length <= MAX_CHUNK / 8
                ? slabCopy(storedValue) : storedValue;
        Object previous = map.put(internalKey, value);
        if (latest != null) {
            Object newest = value instanceof byte[] b ? new Entry(internalKey, b) : new Newest(internalKey, (SlabValue) value);
            latest.put(internalKey, PointIndex.hash(hash), newest);
        }
        if (previous == null) {
            entries.increment();
            memoryUsage.add((long) internalKey.length + storedValue.length + ENTRY_OVERHEAD
                    + (latest == null ? 0 : POINT_INDEX_OVERHEAD));
        }
    }

    private static byte[] keyOf(Object newest) {
        return newest instanceof Entry e ? e.key() : ((Newest) newest).key();
    }

    /** A user key's newest entry in the point index when its value is in the slab. */
    private record Newest(byte[] key, SlabValue value) {
    }

    /** A value in the slab: {@code chunk[offset, offset + length)}. */
    private record SlabValue(byte[] chunk, int offset, int length) {
    }

    /**
     * Copies {@code value} into the slab. Synchronized: the engine's adds come from one thread at
     * a time (the write leader, or recovery), so the lock is uncontended; the skip list's put that
     * follows publishes the bytes to readers.
     */
    private synchronized SlabValue slabCopy(byte[] value) {
        if (chunk == null || chunk.length - chunkUsed < value.length) {
            int size = chunk == null ? FIRST_CHUNK : Math.min(MAX_CHUNK, chunk.length * 2);
            chunk = new byte[Math.max(size, value.length)];
            chunkUsed = 0;
        }
        System.arraycopy(value, 0, chunk, chunkUsed, value.length);
        SlabValue v = new SlabValue(chunk, chunkUsed, value.length);
        chunkUsed += value.length;
        return v;
    }

    /** The bytes of a stored value: the array itself, or a copy out of the slab. */
    private static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        SlabValue v = (SlabValue) value;
        return Arrays.copyOfRange(v.chunk(), v.offset(), v.offset() + v.length());
    }

    /**
     * The first entry with internal key &gt;= {@code lookupKey} and the same user key, or null.
     * With {@code lookupKey = InternalKey.lookupKey(userKey, seq)} that is the newest version of
     * the user key visible at {@code seq}, which may be a DELETE or an expired TTL entry.
     */
    public Entry get(byte[] lookupKey) {
        return get(lookupKey, bloom == null && latest == null ? 0 : KeyHash.ofUserKey(lookupKey));
    }

    /** As {@link #get(byte[])} with the {@link KeyHash} of lookupKey's user key, computed once per lookup by the caller. */
    public Entry get(byte[] lookupKey, long userKeyHash) {
        return find(lookupKey, userKeyHash, false);
    }

    /**
     * As {@link #get(byte[], long)}, and a PUT's value is the caller's to keep: copied once (a
     * slab value out of its chunk, any other cloned), where a caller of {@code get} that hands the
     * value on must clone it and so copied a slab value twice.
     */
    public Entry getOwned(byte[] lookupKey, long userKeyHash) {
        return find(lookupKey, userKeyHash, true);
    }

    private Entry find(byte[] lookupKey, long userKeyHash, boolean owned) {
        if (bloom != null && !bloom.mayContain(userKeyHash)) {
            return null;
        }
        if (latest != null) {
            Object newest = latest.get(lookupKey, InternalKey.userKeyLength(lookupKey), PointIndex.hash(userKeyHash));
            if (newest == null) {
                return null; // no entry of this user key had been added when the lookup's sequence was published
            }
            if (InternalKey.compare(keyOf(newest), lookupKey) >= 0) { // the newest it may see
                if (newest instanceof Entry e) {
                    return owned ? entry(e.key(), e.value(), true) : e;
                }
                return entry(((Newest) newest).key(), ((Newest) newest).value(), owned);
            }
        }
        Map.Entry<byte[], Object> e = map.ceilingEntry(lookupKey);
        if (e == null || !InternalKey.sameUserKey(e.getKey(), lookupKey)) {
            return null;
        }
        return entry(e.getKey(), e.getValue(), owned);
    }

    /** The entry of a stored value; with {@code owned}, a PUT's value array is a copy of its own. */
    private static Entry entry(byte[] key, Object value, boolean owned) {
        if (value instanceof byte[] b) {
            return new Entry(key, owned && InternalKey.kind(key) == EntryKind.PUT ? b.clone() : b);
        }
        return new Entry(key, bytes(value)); // a copy out of the slab already
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

        private final ConcurrentSkipListMap<byte[], Object> map;
        private Iterator<Map.Entry<byte[], Object>> it;
        private byte[] key;
        private Object value;
        private byte[] valueBytes;

        MemTableIterator(ConcurrentSkipListMap<byte[], Object> map) {
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
                Map.Entry<byte[], Object> e = it.next();
                key = e.getKey();
                value = e.getValue();
            } else {
                key = null;
                value = null;
            }
            valueBytes = null;
        }

        @Override
        public byte[] key() {
            assert isValid();
            return key;
        }

        @Override
        public byte[] value() {
            assert isValid();
            if (valueBytes == null) {
                valueBytes = bytes(value); // a slab value is copied once per position, and only if asked
            }
            return valueBytes;
        }

        @Override
        public void close() {
            it = null;
            key = null;
            value = null;
            valueBytes = null;
        }
    }
}
