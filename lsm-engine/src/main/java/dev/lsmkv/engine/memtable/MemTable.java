package dev.lsmkv.engine.memtable;

import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.base.KeyHash;
import java.util.concurrent.atomic.LongAdder;

/**
 * The newest writes, in memory, sorted by internal key ({@link InternalKey#COMPARATOR}), until
 * a flush turns them into an L0 SSTable. Backed by an {@link ArenaSkipList}: entries live inline
 * in a few large arrays rather than as objects of their own.
 *
 * <p>Thread-safety: reads and iterators run concurrently with {@link #add} and with each other,
 * without locks. {@link #add} is serialized by this object's monitor (the engine calls it from
 * one writer at a time, so the lock is uncontended). Iterators are weakly consistent: they may or
 * may not see adds that run while they iterate; the engine filters by sequence, so entries newer
 * than a reader's snapshot are ignored anyway.
 *
 * <p>Invariants:
 * <ol>
 *   <li>An entry's key and value are copied in by {@link #add} and never change; every read
 *       returns copies the caller owns.</li>
 *   <li>An internal key (user key, sequence, kind) is present at most once: the engine assigns
 *       each sequence once; adding a present internal key again is ignored.</li>
 *   <li>{@link #approximateMemoryUsage()} only grows: a memtable is never shrunk, only dropped
 *       whole after its flush.</li>
 * </ol>
 */
public final class MemTable {

    private final ArenaSkipList list = new ArenaSkipList();
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
     * Adds one entry, copying key and value into the arena. REQUIRES: 0 &lt;= sequence &lt;=
     * {@link InternalKey#MAX_SEQUENCE}; {@code storedValue} is an empty array for DELETE and
     * carries the TTL header for PUT_WITH_TTL.
     */
    public synchronized void add(long sequence, EntryKind kind, byte[] userKey, byte[] storedValue) {
        byte[] internalKey = InternalKey.encode(userKey, sequence, kind);
        if (bloom != null) {
            bloom.add(KeyHash.of(userKey, 0, userKey.length)); // before the entry can be found
        }
        if (list.insert(internalKey, storedValue)) { // false: present already (invariant 2)
            entries.increment();
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
        long node = list.seek(lookupKey, null);
        if (node == 0 || !list.sameUserKey(node, lookupKey)) {
            return null;
        }
        return new Entry(list.key(node), list.value(node));
    }

    /** A weakly consistent iterator over all entries in internal-key order. */
    public InternalIterator iterator() {
        return new MemTableIterator(list);
    }

    /** Arena bytes used: keys, values, links and node headers. */
    public long approximateMemoryUsage() {
        return list.bytesUsed();
    }

    public long entries() {
        return entries.sum();
    }

    public boolean isEmpty() {
        return list.first() == 0;
    }

    /**
     * Walks level 0 of the skip list: O(1) per next, O(log n) per seek. key() copies out of the
     * arena once per entry, value() at each call. Not thread-safe, like every {@link InternalIterator}.
     */
    private static final class MemTableIterator implements InternalIterator {

        private final ArenaSkipList list;
        private long node;
        private byte[] key; // the current entry's, copied on first use

        MemTableIterator(ArenaSkipList list) {
            this.list = list;
        }

        @Override
        public boolean isValid() {
            return node != 0;
        }

        @Override
        public void seekToFirst() {
            moveTo(list.first());
        }

        @Override
        public void seek(byte[] internalKey) {
            moveTo(list.seek(internalKey, null));
        }

        @Override
        public void next() {
            assert isValid();
            moveTo(list.next(node));
        }

        private void moveTo(long n) {
            node = n;
            key = null;
        }

        @Override
        public byte[] key() {
            assert isValid();
            if (key == null) {
                key = list.key(node);
            }
            return key;
        }

        @Override
        public byte[] value() {
            assert isValid();
            return list.value(node);
        }

        /** Every value() is a new copy out of the arena. */
        @Override
        public boolean valueIsFresh() {
            return true;
        }

        @Override
        public void close() {
            node = 0;
            key = null;
        }
    }
}
