package dev.lsmkv.engine.memtable;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalKey;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A memtable with a point index answers every lookup as one without (the skip list alone): at the
 * newest sequence from the index, at older ones from the skip list.
 */
class MemTablePointIndexTests {

    private static byte[] key(int k) {
        return ("key-" + k).getBytes(UTF_8);
    }

    @Test
    void answersEveryLookupAsTheSkipListDoes() {
        MemTable indexed = new MemTable(4096, true);
        MemTable plain = new MemTable();
        SplittableRandom random = new SplittableRandom(11);
        long maxSequence = 0;
        for (int i = 0; i < 20_000; i++) {
            // sequences mostly ascending, some out of order (the engine never does that; the index must still hold)
            long seq = random.nextInt(10) == 0 ? random.nextLong(1, 30_000) : 10_000 + i;
            int k = random.nextInt(500);
            EntryKind kind = random.nextInt(5) == 0 ? EntryKind.DELETE : EntryKind.PUT;
            byte[] value = kind == EntryKind.DELETE ? new byte[0] : ("v" + seq).getBytes(UTF_8);
            indexed.add(seq, kind, key(k), value);
            plain.add(seq, kind, key(k), value);
            maxSequence = Math.max(maxSequence, seq);
            if (i % 7 == 0) {
                for (int q = 0; q < 5; q++) {
                    int lk = random.nextInt(600); // some never added
                    long at = q == 0 ? InternalKey.MAX_SEQUENCE : random.nextLong(0, maxSequence + 2);
                    byte[] lookup = InternalKey.lookupKey(key(lk), at);
                    assertSame(indexed.get(lookup), plain.get(lookup), lk, at);
                }
            }
        }
    }

    /** As above over 60,000 keys: the index's table grows from its first size through six doublings. */
    @Test
    void answersAsTheSkipListDoesAcrossTableGrowth() {
        MemTable indexed = new MemTable(0, true);
        MemTable plain = new MemTable();
        SplittableRandom random = new SplittableRandom(12);
        int keys = 60_000;
        for (int i = 1; i <= 2 * keys; i++) {
            int k = random.nextInt(keys);
            byte[] value = ("v" + i).getBytes(UTF_8);
            indexed.add(i, EntryKind.PUT, key(k), value);
            plain.add(i, EntryKind.PUT, key(k), value);
        }
        for (int k = 0; k < keys + 100; k++) {
            byte[] lookup = InternalKey.lookupKey(key(k), InternalKey.MAX_SEQUENCE);
            assertSame(indexed.get(lookup), plain.get(lookup), k, InternalKey.MAX_SEQUENCE);
        }
    }

    /** A table hash of 0 would read as an empty slot: a KeyHash that folds to 0 gets another. */
    @Test
    void noKeyHashFoldsToTheEmptySlotsHash() {
        assertThat(PointIndex.hash(0L)).isNotZero();
        assertThat(PointIndex.hash(0x0000_0001_0000_0001L)).isNotZero();
        assertThat(PointIndex.hash(0x1234_5678_0000_0000L)).isEqualTo(0x1234_5678);
    }

    /** Different user keys with the same table hash are told apart by their bytes; a newer put replaces only its own key. */
    @Test
    void keysWithTheSameHashAreToldApart() {
        PointIndex index = new PointIndex(o -> (byte[]) o);
        int keys = 3_000; // past the first table: the grow copies the colliding run too
        for (int k = 0; k < keys; k++) {
            index.put(InternalKey.encode(key(k), 10, EntryKind.PUT), 42, InternalKey.encode(key(k), 10, EntryKind.PUT));
        }
        index.put(InternalKey.encode(key(7), 20, EntryKind.PUT), 42, InternalKey.encode(key(7), 20, EntryKind.PUT));
        index.put(InternalKey.encode(key(8), 5, EntryKind.PUT), 42, InternalKey.encode(key(8), 5, EntryKind.PUT)); // older: ignored
        assertThat(index.size()).isEqualTo(keys);
        for (int k = 0; k < keys; k++) {
            byte[] lookup = InternalKey.lookupKey(key(k), InternalKey.MAX_SEQUENCE);
            byte[] found = (byte[]) index.get(lookup, InternalKey.userKeyLength(lookup), 42);
            assertThat(found).as("key %d", k).isNotNull();
            assertThat(InternalKey.sameUserKey(found, lookup)).isTrue();
            assertThat(InternalKey.sequence(found)).isEqualTo(k == 7 ? 20 : 10);
        }
        byte[] missing = InternalKey.lookupKey(key(keys), InternalKey.MAX_SEQUENCE);
        assertThat(index.get(missing, InternalKey.userKeyLength(missing), 42)).isNull();
        byte[] prefix = InternalKey.lookupKey("key-".getBytes(UTF_8), InternalKey.MAX_SEQUENCE); // a prefix of every key
        assertThat(index.get(prefix, InternalKey.userKeyLength(prefix), 42)).isNull();
    }

    /**
     * One writer adds 150,000 distinct keys (the table grows many times meanwhile) and publishes
     * each sequence after its add; readers look up a random key already published and must find
     * it, whichever table they probe.
     */
    @Test
    void readersFindEveryPublishedKeyWhileTheTableGrows() throws Exception {
        MemTable m = new MemTable(0, true);
        writeWhileReading(m, 150_000, i -> key(i), (at, random) -> {
            // the newest few (those the last grows moved) half the time
            long k = random.nextBoolean() ? random.nextLong(1, at + 1) : Math.max(1, at - random.nextInt(64));
            Entry e = m.get(InternalKey.lookupKey(key((int) k), at));
            assertThat(e).as("key %d at %d", k, at).isNotNull();
            assertThat(e.sequence()).as("key %d at %d", k, at).isEqualTo(k);
        });
    }

    /** What a reader checks at the published sequence {@code at} (at least 1). */
    private interface ReadCheck {
        void check(long at, SplittableRandom random);
    }

    /**
     * One writer adds sequences 1..total (the key of sequence i is {@code keyAt(i)}) and publishes
     * each after its add, as the engine does after a group's insert; two readers run {@code check}
     * at the published sequence until the writer is done, and at least 1,000 times each.
     */
    private static void writeWhileReading(MemTable m, int total, java.util.function.IntFunction<byte[]> keyAt,
            ReadCheck check) throws Exception {
        java.util.concurrent.atomic.AtomicLong published = new java.util.concurrent.atomic.AtomicLong(0);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?>[] readers = new Future<?>[2];
            for (int r = 0; r < readers.length; r++) {
                long seed = 100 + r;
                readers[r] = pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    long checked = 0;
                    while (!done.get() || checked < 1000) {
                        long at = published.get();
                        if (at > 0) {
                            check.check(at, random);
                            checked++;
                        }
                    }
                    return null;
                });
            }
            for (int i = 1; i <= total; i++) {
                m.add(i, EntryKind.PUT, keyAt.apply(i), ("v" + i).getBytes(UTF_8));
                published.set(i);
            }
            done.set(true);
            for (Future<?> f : readers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertSame(Entry actual, Entry expected, int k, long at) {
        if (expected == null) {
            assertThat(actual).as("key %d at %d", k, at).isNull();
            return;
        }
        assertThat(actual).as("key %d at %d", k, at).isNotNull();
        assertThat(actual.key()).as("key %d at %d", k, at).isEqualTo(expected.key());
        assertThat(actual.value()).as("key %d at %d", k, at).isEqualTo(expected.value());
    }

    /**
     * One writer adds key (i mod 64) at sequence i and then publishes i, as the engine does after
     * a group's insert; readers look up at the published sequence and must see exactly the newest
     * version at or below it, never a newer one and never nothing.
     */
    @Test
    void readersAtThePublishedSequenceSeeTheNewestVersionWhileOneWriterAdds() throws Exception {
        MemTable m = new MemTable(1 << 16, true);
        int keys = 64;
        writeWhileReading(m, 200_000, i -> key(i % keys), (at, random) -> {
            int k = random.nextInt(keys);
            Entry e = m.get(InternalKey.lookupKey(key(k), at));
            // the newest i <= at with i % keys == k, if any (sequences start at 1)
            long expected = at - Math.floorMod(at - k, keys);
            if (expected < 1) {
                assertThat(e).as("key %d at %d", k, at).isNull();
            } else {
                assertThat(e).as("key %d at %d", k, at).isNotNull();
                assertThat(e.sequence()).as("key %d at %d", k, at).isEqualTo(expected);
            }
        });
    }

    @Test
    void theIndexIsCountedInMemoryUsage() {
        MemTable indexed = new MemTable(0, true);
        MemTable plain = new MemTable();
        indexed.add(1, EntryKind.PUT, key(1), new byte[10]);
        plain.add(1, EntryKind.PUT, key(1), new byte[10]);
        assertThat(indexed.approximateMemoryUsage() - plain.approximateMemoryUsage())
                .isEqualTo(MemTable.POINT_INDEX_OVERHEAD);
    }
}
