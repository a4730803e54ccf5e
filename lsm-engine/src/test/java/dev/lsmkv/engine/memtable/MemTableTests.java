package dev.lsmkv.engine.memtable;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.base.KeyHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Random;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemTableTests {

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private static final byte[] NONE = new byte[0];

    // ---- get

    @Test
    void getReturnsNewestVersionVisibleAtSequence() {
        MemTable m = new MemTable();
        m.add(1, EntryKind.PUT, b("k"), b("v1"));
        m.add(5, EntryKind.PUT, b("k"), b("v5"));
        m.add(9, EntryKind.PUT, b("k"), b("v9"));
        m.add(3, EntryKind.PUT, b("j"), b("j3"));

        assertThat(m.get(InternalKey.lookupKey(b("k"), 100)).value()).isEqualTo(b("v9"));
        assertThat(m.get(InternalKey.lookupKey(b("k"), 9)).value()).isEqualTo(b("v9"));
        Entry at7 = m.get(InternalKey.lookupKey(b("k"), 7));
        assertThat(at7.value()).isEqualTo(b("v5"));
        assertThat(at7.sequence()).isEqualTo(5);
        assertThat(at7.kind()).isEqualTo(EntryKind.PUT);
        assertThat(m.get(InternalKey.lookupKey(b("k"), 0))).isNull();
    }

    @Test
    void getOfDeletedKeyReturnsTheDeleteEntry() {
        MemTable m = new MemTable();
        m.add(1, EntryKind.PUT, b("k"), b("v1"));
        m.add(2, EntryKind.DELETE, b("k"), NONE);

        Entry e = m.get(InternalKey.lookupKey(b("k"), 10));
        assertThat(e.kind()).isEqualTo(EntryKind.DELETE);
        assertThat(e.sequence()).isEqualTo(2);
        assertThat(e.value()).isEmpty();
    }

    @Test
    void getOfMissingKeyReturnsNull() {
        MemTable m = new MemTable();
        assertThat(m.get(InternalKey.lookupKey(b("k"), 10))).isNull();
        m.add(1, EntryKind.PUT, b("ka"), b("v"));
        m.add(1, EntryKind.PUT, b("a"), b("v"));
        // "ka" sorts right after "k" but is another user key.
        assertThat(m.get(InternalKey.lookupKey(b("k"), 10))).isNull();
        assertThat(m.get(InternalKey.lookupKey(b("z"), 10))).isNull();
    }

    // ---- iterator

    @Test
    void iteratorReturnsUserKeysAscendingAndVersionsNewestFirst() {
        MemTable m = new MemTable();
        for (int seq = 1; seq <= 300; seq++) {
            m.add(seq, seq % 7 == 0 ? EntryKind.DELETE : EntryKind.PUT, b("key" + (seq % 10)), seq % 7 == 0 ? NONE : b("v" + seq));
        }
        List<byte[]> keys = new ArrayList<>();
        try (InternalIterator it = m.iterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                keys.add(it.key());
            }
        }
        assertThat(keys).hasSize(300);
        for (int i = 1; i < keys.size(); i++) {
            byte[] prev = keys.get(i - 1);
            byte[] cur = keys.get(i);
            assertThat(InternalKey.compare(prev, cur)).isNegative();
            if (InternalKey.sameUserKey(prev, cur)) {
                assertThat(InternalKey.sequence(prev)).isGreaterThan(InternalKey.sequence(cur));
            }
        }
        assertThat(InternalKey.userKey(keys.get(0))).isEqualTo(b("key0"));
        assertThat(InternalKey.sequence(keys.get(0))).isEqualTo(300);
    }

    @Test
    void iteratorSeekLandsOnFirstKeyAtOrAfterTarget() {
        MemTable m = new MemTable();
        m.add(1, EntryKind.PUT, b("a"), b("a1"));
        m.add(4, EntryKind.PUT, b("b"), b("b4"));
        m.add(2, EntryKind.PUT, b("b"), b("b2"));
        m.add(3, EntryKind.PUT, b("c"), b("c3"));
        try (InternalIterator it = m.iterator()) {
            it.seek(InternalKey.lookupKey(b("b"), 3));
            assertThat(it.isValid()).isTrue();
            assertThat(it.value()).isEqualTo(b("b2"));
            it.next();
            assertThat(it.value()).isEqualTo(b("c3"));
            it.next();
            assertThat(it.isValid()).isFalse();
            it.seek(InternalKey.lookupKey(b("d"), 3));
            assertThat(it.isValid()).isFalse();
            it.seekToFirst();
            assertThat(it.value()).isEqualTo(b("a1"));
        }
    }

    @Test
    void concurrentAddsFromFourThreadsAreAllPresentInOrder() throws Exception {
        MemTable m = new MemTable();
        int threads = 4;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    long seq = (long) i * threads + id + 1;
                    m.add(seq, EntryKind.PUT, b(String.format("k%05d", i % 5000)), b("v" + seq));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(m.entries()).isEqualTo((long) threads * perThread);
        long count = 0;
        byte[] prev = null;
        try (InternalIterator it = m.iterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                if (prev != null) {
                    assertThat(InternalKey.compare(prev, it.key())).isNegative();
                }
                prev = it.key();
                count++;
            }
        }
        assertThat(count).isEqualTo((long) threads * perThread);
    }

    // ---- accounting

    @Test
    void memoryAccountingGrowsWithEachAdd() {
        MemTable m = new MemTable();
        assertThat(m.isEmpty()).isTrue();
        assertThat(m.approximateMemoryUsage()).isZero();
        assertThat(m.entries()).isZero();

        m.add(1, EntryKind.PUT, b("key"), new byte[100]);
        long one = m.approximateMemoryUsage();
        assertThat(one).isEqualTo(3 + InternalKey.TRAILER_SIZE + 100 + MemTable.ENTRY_OVERHEAD);

        m.add(2, EntryKind.DELETE, b("key"), NONE);
        assertThat(m.approximateMemoryUsage()).isEqualTo(one + 3 + InternalKey.TRAILER_SIZE + MemTable.ENTRY_OVERHEAD);
        assertThat(m.entries()).isEqualTo(2);
        assertThat(m.isEmpty()).isFalse();
    }

    // ---- bloom filter

    @Test
    void bloomNeverHidesAnAddedKeyEvenWhenTiny() {
        MemTable m = new MemTable(64); // one block: nearly every probe is a false positive
        java.util.Random rnd = new java.util.Random(7);
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            byte[] k = new byte[1 + rnd.nextInt(24)];
            rnd.nextBytes(k);
            keys.add(k);
            m.add(i + 1, EntryKind.PUT, k, b("v" + i));
        }
        for (int i = 0; i < keys.size(); i++) {
            Entry e = m.get(InternalKey.lookupKey(keys.get(i), InternalKey.MAX_SEQUENCE));
            assertThat(e).as("key %d", i).isNotNull();
        }
    }

    @Test
    void bloomRulesOutAbsentKeysAndGetAgrees() {
        MemTableBloom bloom = new MemTableBloom(32 * 1024); // ~26 bits per key below
        MemTable m = new MemTable(32 * 1024);
        for (int i = 0; i < 10_000; i++) {
            byte[] k = b("present-" + i);
            bloom.add(KeyHash.of(k, 0, k.length));
            m.add(i + 1, EntryKind.PUT, k, b("v"));
        }
        int falsePositives = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] k = b("absent-" + i);
            if (bloom.mayContain(KeyHash.of(k, 0, k.length))) {
                falsePositives++;
            }
            assertThat(m.get(InternalKey.lookupKey(k, InternalKey.MAX_SEQUENCE))).isNull();
        }
        assertThat(falsePositives).as("false positives of 100k").isLessThan(3_000);
        assertThat(bloom.sizeBytes()).isEqualTo(32 * 1024);
    }

    @Test
    void readersFindEveryKeyPublishedAfterItsAdd() throws Exception {
        MemTable m = new MemTable(16 * 1024);
        int n = 50_000;
        byte[][] keys = new byte[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = b("k" + (i * 7919L % n));
        }
        java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < n; i++) {
                    m.add(i + 1, EntryKind.PUT, keys[i], NONE);
                    published.set(i + 1); // as the engine's visible sequence: a volatile write after the add
                }
            });
            Future<Integer> reader = pool.submit(() -> {
                int checked = 0;
                java.util.Random rnd = new java.util.Random(3);
                while (published.get() < n || checked < 10_000) {
                    int visible = published.get();
                    if (visible == 0) {
                        continue;
                    }
                    int i = rnd.nextInt(visible);
                    assertThat(m.get(InternalKey.lookupKey(keys[i], InternalKey.MAX_SEQUENCE))).as("key %d", i).isNotNull();
                    checked++;
                }
                return checked;
            });
            writer.get(30, TimeUnit.SECONDS);
            assertThat(reader.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(10_000);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- against a model

    @Test
    void matchesASortedModelWithLargeValues() {
        MemTable m = new MemTable(64 * 1024);
        java.util.TreeMap<byte[], byte[]> model = new java.util.TreeMap<>(InternalKey.COMPARATOR);
        java.util.Random rnd = new java.util.Random(42);
        for (int seq = 1; seq <= 20_000; seq++) {
            byte[] key = b("key" + rnd.nextInt(5_000));
            // Mostly small values, a few of half a MiB.
            byte[] value = new byte[seq % 997 == 0 ? (1 << 19) + rnd.nextInt(1000) : rnd.nextInt(300)];
            rnd.nextBytes(value);
            EntryKind kind = seq % 11 == 0 ? EntryKind.DELETE : EntryKind.PUT;
            byte[] stored = kind == EntryKind.DELETE ? NONE : value;
            m.add(seq, kind, key, stored);
            model.put(InternalKey.encode(key, seq, kind), stored);
        }
        assertThat(m.entries()).isEqualTo(model.size());
        try (InternalIterator it = m.iterator()) {
            it.seekToFirst();
            for (java.util.Map.Entry<byte[], byte[]> e : model.entrySet()) {
                assertThat(it.isValid()).isTrue();
                assertThat(it.key()).isEqualTo(e.getKey());
                assertThat(it.value()).isEqualTo(e.getValue());
                it.next();
            }
            assertThat(it.isValid()).isFalse();
        }
        for (int probe = 0; probe < 2_000; probe++) {
            byte[] key = b("key" + rnd.nextInt(6_000));
            long seq = 1 + rnd.nextInt(20_000);
            byte[] lookup = InternalKey.lookupKey(key, seq);
            java.util.Map.Entry<byte[], byte[]> expected = model.ceilingEntry(lookup);
            Entry actual = m.get(lookup);
            if (expected == null || !InternalKey.sameUserKey(expected.getKey(), lookup)) {
                assertThat(actual).isNull();
            } else {
                assertThat(actual.key()).isEqualTo(expected.getKey());
                assertThat(actual.value()).isEqualTo(expected.getValue());
            }
        }
    }

    @Test
    void scannersSeeAConsistentOrderWhileOneWriterInserts() throws Exception {
        MemTable m = new MemTable();
        int n = 100_000;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                java.util.Random rnd = new java.util.Random(7);
                for (int i = 1; i <= n; i++) {
                    m.add(i, EntryKind.PUT, b("k" + rnd.nextInt(1_000_000)), new byte[rnd.nextInt(64)]);
                }
            });
            Future<Integer> scanner = pool.submit(() -> {
                int scans = 0;
                while (!writer.isDone() || scans < 3) {
                    byte[] previous = null;
                    try (InternalIterator it = m.iterator()) {
                        for (it.seekToFirst(); it.isValid(); it.next()) {
                            byte[] key = it.key();
                            if (previous != null) {
                                assertThat(InternalKey.compare(previous, key)).isNegative();
                            }
                            previous = key;
                        }
                    }
                    scans++;
                }
                return scans;
            });
            writer.get(60, TimeUnit.SECONDS);
            assertThat(scanner.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(m.entries()).isEqualTo(n); // every sequence is new, so every add is an entry
    }

    // ---- the value slab

    /** Sizes around the slab's bounds: below it, at it, across chunk ends, and too large for a chunk. */
    private static byte[][] slabValues(Random random) {
        int[] sizes = new int[300];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = switch (i % 6) {
                case 0 -> MemTable.SLAB_MIN_VALUE - 1;
                case 1 -> MemTable.SLAB_MIN_VALUE;
                case 2 -> 1_140;
                case 3 -> 5_000 + random.nextInt(60_000);
                case 4 -> MemTable.MAX_CHUNK / 8;
                default -> i % 60 == 5 ? MemTable.MAX_CHUNK / 8 + 1 : random.nextInt(2_000);
            };
        }
        byte[][] values = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            values[i] = new byte[sizes[i]];
            random.nextBytes(values[i]);
        }
        return values;
    }

    @Test
    void largeValuesReadBackExactlyThroughGetAndIteratorWithAndWithoutThePointIndex() {
        for (boolean pointIndex : new boolean[] {false, true}) {
            MemTable m = new MemTable(0, pointIndex);
            byte[][] values = slabValues(new Random(11));
            byte[][] added = new byte[values.length][];
            for (int i = 0; i < values.length; i++) {
                added[i] = values[i].clone();
                m.add(i + 1, EntryKind.PUT, b(String.format("k%04d", i)), added[i]);
            }
            // The caller's arrays are not kept for slab values: changing them changes nothing stored.
            for (byte[] a : added) {
                Arrays.fill(a, (byte) 0x5A);
            }
            for (int i = 0; i < values.length; i++) {
                if (values[i].length < MemTable.SLAB_MIN_VALUE || values[i].length > MemTable.MAX_CHUNK / 8) {
                    continue; // kept as given (and changed above by the caller, which the engine never does)
                }
                Entry e = m.get(InternalKey.lookupKey(b(String.format("k%04d", i)), InternalKey.MAX_SEQUENCE));
                assertThat(e.value()).as("get of value %d (%d bytes), point index %s", i, values[i].length, pointIndex)
                        .isEqualTo(values[i]);
                e.value()[0] ^= 1; // a read's copy: changing it changes nothing stored
                assertThat(m.get(InternalKey.lookupKey(b(String.format("k%04d", i)), InternalKey.MAX_SEQUENCE)).value())
                        .isEqualTo(values[i]);
            }
            InternalIterator it = m.iterator();
            it.seekToFirst();
            for (int i = 0; i < values.length; i++, it.next()) {
                assertThat(it.isValid()).isTrue();
                assertThat(InternalKey.userKey(it.key())).isEqualTo(b(String.format("k%04d", i)));
                boolean slab = values[i].length >= MemTable.SLAB_MIN_VALUE && values[i].length <= MemTable.MAX_CHUNK / 8;
                assertThat(it.value()).as("iterator value %d", i).isEqualTo(slab ? values[i] : added[i]);
            }
            assertThat(it.isValid()).isFalse();
        }
    }

    @Test
    void aPointIndexHitOfASmallValueAllocatesNothing() {
        MemTable m = new MemTable(0, true);
        byte[] v = b("small");
        m.add(1, EntryKind.PUT, b("k"), v);
        Entry first = m.get(InternalKey.lookupKey(b("k"), InternalKey.MAX_SEQUENCE));
        assertThat(first.value()).isSameAs(v);
        // the same entry object every time: findById's hot path builds no Entry per lookup
        assertThat(m.get(InternalKey.lookupKey(b("k"), InternalKey.MAX_SEQUENCE))).isSameAs(first);
    }

    /**
     * getOwned hands out PUT values the caller may keep: a fresh array per call, equal to what was
     * added, never the array the memtable holds; DELETEs come back as they are. With and without
     * the point index, for a small value and a slab value, at the newest and an older sequence.
     */
    @Test
    void getOwnedReturnsAFreshCopyOfEveryPutValue() {
        for (boolean pointIndex : new boolean[] {false, true}) {
            MemTable m = new MemTable(0, pointIndex);
            byte[] small = b("small");
            byte[] large = new byte[MemTable.SLAB_MIN_VALUE + 10];
            java.util.Arrays.fill(large, (byte) 7);
            m.add(1, EntryKind.PUT, b("s"), small);
            m.add(2, EntryKind.PUT, b("l"), large);
            m.add(3, EntryKind.PUT, b("l"), large.clone()); // seq 2 is then older than the index's entry
            m.add(4, EntryKind.DELETE, b("d"), new byte[0]);
            for (String k : new String[] {"s", "l"}) {
                for (long at : new long[] {InternalKey.MAX_SEQUENCE, 2}) {
                    byte[] lookup = InternalKey.lookupKey(b(k), at);
                    long hash = dev.lsmkv.engine.base.KeyHash.ofUserKey(lookup);
                    Entry a = m.getOwned(lookup, hash);
                    Entry again = m.getOwned(lookup, hash);
                    Entry shared = m.get(lookup, hash);
                    assertThat(a.value()).as("%s at %d, index %s", k, at, pointIndex)
                            .isEqualTo(k.equals("s") ? small : large).isEqualTo(shared.value())
                            .isNotSameAs(again.value()).isNotSameAs(small).isNotSameAs(large);
                    if (k.equals("s")) {
                        assertThat(a.value()).isNotSameAs(shared.value()); // get's is the stored array
                    }
                }
            }
            byte[] del = InternalKey.lookupKey(b("d"), InternalKey.MAX_SEQUENCE);
            assertThat(m.getOwned(del, dev.lsmkv.engine.base.KeyHash.ofUserKey(del)).kind()).isEqualTo(EntryKind.DELETE);
        }
    }

    @Test
    void largeValuesAreReadCorrectlyWhileAnotherThreadAdds() throws Exception {
        MemTable m = new MemTable(0, true);
        int n = 3_000;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < n; i++) {
                    byte[] v = new byte[600 + i % 900];
                    Arrays.fill(v, (byte) i);
                    m.add(i + 1, EntryKind.PUT, b("k" + i), v);
                }
            });
            long checked = 0;
            while (!writer.isDone() || checked == 0) {
                for (int i = 0; i < n; i += 7) {
                    Entry e = m.get(InternalKey.lookupKey(b("k" + i), InternalKey.MAX_SEQUENCE));
                    if (e != null) {
                        byte[] expected = new byte[600 + i % 900];
                        Arrays.fill(expected, (byte) i);
                        assertThat(e.value()).isEqualTo(expected);
                        checked++;
                    }
                }
            }
            writer.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
