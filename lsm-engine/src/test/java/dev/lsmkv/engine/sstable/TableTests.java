package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.fs.MemFile;
import static dev.lsmkv.engine.sstable.Tables.bytes;
import static dev.lsmkv.engine.sstable.Tables.ikey;
import static dev.lsmkv.engine.sstable.Tables.userKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.base.TtlValue;
import dev.lsmkv.engine.cache.BlockCache;
import dev.lsmkv.engine.sstable.Tables.KV;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TableTests {

    private static List<KV> scan(TableReader r) {
        List<KV> out = new ArrayList<>();
        try (InternalIterator it = r.iterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.add(new KV(it.key(), it.value()));
            }
        }
        return out;
    }

    private static void assertSame(List<KV> actual, List<KV> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).key()).as("key %d", i).isEqualTo(expected.get(i).key());
            assertThat(actual.get(i).value()).as("value %d", i).isEqualTo(expected.get(i).value());
        }
    }

    @Test
    void manyBlocksRoundTripThroughScanAndGet() throws IOException {
        List<KV> entries = Tables.sequential(5000);
        byte[] file = Tables.build(entries, Tables.options(512, 16, Compression.LZ4, 10));
        try (TableReader r = Tables.open(file)) {
            assertThat(r.properties().dataBlocks()).isGreaterThan(50);
            assertSame(scan(r), entries);
            for (KV kv : entries) {
                Entry e = r.get(kv.key());
                assertThat(e).isNotNull();
                assertThat(e.key()).isEqualTo(kv.key());
                assertThat(e.value()).isEqualTo(kv.value());
            }
        }
    }

    @Test
    void forwardScanReadsAheadInFarFewerCallsThanBlocks() throws IOException {
        List<KV> entries = Tables.sequential(20_000);
        byte[] file = Tables.build(entries, Tables.options(512, 16, Compression.LZ4, 10));
        int[] calls = new int[1];
        dev.lsmkv.engine.fs.ReadableFile mem = MemFile.readable(file);
        dev.lsmkv.engine.fs.ReadableFile counting = new dev.lsmkv.engine.fs.ReadableFile() {
            @Override public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
                calls[0]++;
                mem.readFully(position, dst, offset, length);
            }
            @Override public long size() { return mem.size(); }
            @Override public void close() throws IOException { mem.close(); }
        };
        TableStats stats = new TableStats();
        try (TableReader r = TableReader.open(counting, Tables.PATH, 42, null, stats)) {
            long blocks = r.properties().dataBlocks();
            assertThat(blocks).isGreaterThan(300);
            int atOpen = calls[0];
            long blocksAtOpen = stats.blocksRead();

            assertSame(scan(r), entries);
            int scanCalls = calls[0] - atOpen;
            // Two single-block reads, then windows of 16 KiB doubling to 256 KiB.
            assertThat(scanCalls).isLessThan((int) (blocks / 10));
            assertThat(stats.blocksRead() - blocksAtOpen).as("every block verified once").isEqualTo(blocks);

            // A seek reads only the block it lands in: no read-ahead for point positioning.
            int before = calls[0];
            try (InternalIterator it = r.iterator()) {
                it.seek(entries.get(10_000).key());
                assertThat(it.key()).isEqualTo(entries.get(10_000).key());
            }
            assertThat(calls[0] - before).isEqualTo(1);
        }
    }

    @Test
    void getOfAbsentKeysBetweenPresentOnesIsNull() throws IOException {
        byte[] file = Tables.build(Tables.sequential(2000), Tables.options(256, 4, Compression.NONE, 0));
        try (TableReader r = Tables.open(file)) {
            for (int i = 0; i < 2000; i++) {
                assertThat(r.get(InternalKey.lookupKey(bytes(userKey(2 * i + 1)), 1000))).isNull();
            }
            assertThat(r.get(InternalKey.lookupKey(bytes("a"), 10))).isNull();
            assertThat(r.get(InternalKey.lookupKey(bytes("zzz"), 10))).isNull();
        }
    }

    @Test
    void seekAcrossBlockBoundariesLandsOnNextKey() throws IOException {
        List<KV> entries = Tables.sequential(3000);
        byte[] file = Tables.build(entries, Tables.options(300, 3, Compression.NONE, 10));
        try (TableReader r = Tables.open(file); InternalIterator it = r.iterator()) {
            for (int i = 0; i < 3000; i++) {
                it.seek(InternalKey.lookupKey(bytes(userKey(2 * i - 1 < 0 ? 0 : 2 * i - 1)), 1));
                assertThat(it.key()).isEqualTo(entries.get(i).key());
            }
            it.seek(InternalKey.lookupKey(bytes(userKey(99_999)), 1));
            assertThat(it.isValid()).isFalse();
        }
    }

    @Test
    void getReturnsNewestVersionAtOrBelowLookupSequence() throws IOException {
        List<KV> entries = new ArrayList<>();
        entries.add(new KV(ikey("a", 1, EntryKind.PUT), bytes("a1")));
        // Versions of "k": sequences 40, 30, 20, 10 (newest first), many so they span blocks.
        entries.add(new KV(ikey("k", 40, EntryKind.PUT), bytes("k40")));
        entries.add(new KV(ikey("k", 30, EntryKind.DELETE), new byte[0]));
        entries.add(new KV(ikey("k", 20, EntryKind.PUT_WITH_TTL), TtlValue.encode(5000, bytes("k20"))));
        entries.add(new KV(ikey("k", 10, EntryKind.PUT), bytes("k10")));
        entries.add(new KV(ikey("z", 5, EntryKind.PUT), bytes("z5")));
        byte[] file = Tables.build(entries, Tables.options(1, 1, Compression.NONE, 10));
        try (TableReader r = Tables.open(file)) {
            assertThat(r.properties().dataBlocks()).isEqualTo(6);
            assertThat(r.get(InternalKey.lookupKey(bytes("k"), 100)).value()).isEqualTo(bytes("k40"));
            assertThat(r.get(InternalKey.lookupKey(bytes("k"), 40)).value()).isEqualTo(bytes("k40"));
            assertThat(r.get(InternalKey.lookupKey(bytes("k"), 39)).kind()).isEqualTo(EntryKind.DELETE);
            Entry ttl = r.get(InternalKey.lookupKey(bytes("k"), 25));
            assertThat(ttl.kind()).isEqualTo(EntryKind.PUT_WITH_TTL);
            assertThat(TtlValue.userValue(ttl.value())).isEqualTo(bytes("k20"));
            assertThat(r.get(InternalKey.lookupKey(bytes("k"), 10)).value()).isEqualTo(bytes("k10"));
            assertThat(r.get(InternalKey.lookupKey(bytes("k"), 9))).isNull(); // next entry is another user key
            assertThat(r.get(InternalKey.lookupKey(bytes("j"), 100))).isNull();
        }
    }

    @Test
    void emptyTableOpensAndHasNothing() throws IOException {
        byte[] file = Tables.build(List.of(), TableOptions.defaults());
        try (TableReader r = Tables.open(file)) {
            assertThat(scan(r)).isEmpty();
            assertThat(r.get(InternalKey.lookupKey(bytes("a"), 1))).isNull();
            TableProperties p = r.properties();
            assertThat(p.entries()).isZero();
            assertThat(p.dataBlocks()).isZero();
            assertThat(p.smallestKey()).isEmpty();
            assertThat(p.earliestExpiryMillis()).isEqualTo(Long.MAX_VALUE);
            try (InternalIterator it = r.iterator()) {
                it.seek(ikey("a", 1, EntryKind.PUT));
                assertThat(it.isValid()).isFalse();
            }
        }
    }

    @Test
    void valuesLargerThanBlockSizeGetTheirOwnBlocks() throws IOException {
        Random rnd = new Random(1);
        List<KV> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] v = new byte[10_000 + i * 1000];
            rnd.nextBytes(v);
            entries.add(new KV(ikey(userKey(i), 1, EntryKind.PUT), v));
        }
        byte[] file = Tables.build(entries, Tables.options(4096, 16, Compression.LZ4, 10));
        try (TableReader r = Tables.open(file)) {
            assertThat(r.properties().dataBlocks()).isEqualTo(20);
            assertSame(scan(r), entries);
            assertThat(r.get(entries.get(7).key()).value()).isEqualTo(entries.get(7).value());
        }
    }

    @Test
    void lz4ShrinksCompressibleBlocks() throws IOException {
        List<KV> entries = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            entries.add(new KV(ikey(userKey(i), 1, EntryKind.PUT), bytes("the same words again and again " + (i % 10))));
        }
        byte[] raw = Tables.build(entries, Tables.options(4096, 16, Compression.NONE, 0));
        byte[] lz4 = Tables.build(entries, Tables.options(4096, 16, Compression.LZ4, 0));
        System.out.printf("compressible: %d bytes raw, %d bytes LZ4%n", raw.length, lz4.length);
        assertThat(lz4.length).isLessThan(raw.length / 2);
        try (TableReader r = Tables.open(lz4)) {
            assertSame(scan(r), entries);
            assertThat(r.properties().compression()).isEqualTo(Compression.LZ4);
        }
    }

    @Test
    void lz4KeepsIncompressibleBlocksRaw() throws IOException {
        Random rnd = new Random(2);
        List<KV> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] v = new byte[100];
            rnd.nextBytes(v);
            entries.add(new KV(ikey(userKey(i), 1, EntryKind.PUT), v));
        }
        byte[] raw = Tables.build(entries, Tables.options(4096, 16, Compression.NONE, 0));
        byte[] lz4 = Tables.build(entries, Tables.options(4096, 16, Compression.LZ4, 0));
        assertThat(lz4.length).isEqualTo(raw.length); // every block stored raw: same bytes but the properties' code
        try (TableReader r = Tables.open(lz4)) {
            for (long[] h : r.dataBlockHandles()) {
                assertThat(lz4[(int) (h[0] + h[1])]).as("type byte of block at %d", h[0]).isEqualTo((byte) 0);
            }
            assertSame(scan(r), entries);
        }
    }

    /** {@code randomEntries} values of 1,000 random bytes, then {@code repetitiveEntries} of one repeated byte. */
    private static List<KV> randomThenRepetitive(int randomEntries, int repetitiveEntries) {
        Random rnd = new Random(3);
        List<KV> entries = new ArrayList<>();
        for (int i = 0; i < randomEntries + repetitiveEntries; i++) {
            byte[] v = new byte[1000];
            if (i < randomEntries) {
                rnd.nextBytes(v);
            } else {
                java.util.Arrays.fill(v, (byte) ('a' + i % 7));
            }
            entries.add(new KV(ikey(userKey(i), 1, EntryKind.PUT), v));
        }
        return entries;
    }

    private static int[] blockTypes(byte[] file) throws IOException {
        try (TableReader r = Tables.open(file)) {
            return java.util.Arrays.stream(r.dataBlockHandles()).mapToInt(h -> file[(int) (h[0] + h[1])]).toArray();
        }
    }

    /** A finished LZ4 table of {@code entries} in {@code f}. */
    private static TableBuilder builtWithLz4(MemFile f, List<KV> entries, int blockSize) throws IOException {
        TableBuilder b = new TableBuilder(f, Tables.PATH, Tables.options(blockSize, 16, Compression.LZ4, 0));
        for (KV kv : entries) {
            b.add(kv.key(), kv.value());
        }
        b.finish();
        return b;
    }

    @Test
    void incompressibleRunsStopBeingCompressedButCompressibleBlocksAfterThemAreAgain() throws IOException {
        List<KV> entries = randomThenRepetitive(400, 400);
        MemFile f = new MemFile();
        // four ~1,020-byte entries reach 4,000 bytes: 100 blocks of random values, then 100 compressible ones
        TableBuilder b = builtWithLz4(f, entries, 4000);
        int[] types = blockTypes(f.bytes());
        assertThat(types).hasSize(200);
        // After SKIP_COMPRESSION_AFTER raw blocks, only one in COMPRESSION_PROBE_EVERY is tried.
        int randomBlocks = 400 / 4;
        int expectedSkips = (randomBlocks - TableBuilder.SKIP_COMPRESSION_AFTER)
                * (TableBuilder.COMPRESSION_PROBE_EVERY - 1) / TableBuilder.COMPRESSION_PROBE_EVERY;
        // plus the compressible blocks skipped before the next probe finds them
        assertThat(b.compressionSkips()).isBetween((long) expectedSkips - 1,
                (long) expectedSkips + TableBuilder.COMPRESSION_PROBE_EVERY);
        int firstCompressed = -1;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == Compression.LZ4.code()) {
                firstCompressed = i;
                break;
            }
        }
        // the repetitive half starts at block ~100; the next probe (within 16 blocks) compresses it, and all after it
        assertThat(firstCompressed).isBetween(randomBlocks, randomBlocks + TableBuilder.COMPRESSION_PROBE_EVERY);
        for (int i = firstCompressed; i < types.length - 1; i++) {
            assertThat(types[i]).as("type of block %d", i).isEqualTo(Compression.LZ4.code());
        }
        try (TableReader r = Tables.open(f.bytes())) {
            assertSame(scan(r), entries);
        }
    }

    @Test
    void compressibleBlocksAreAlwaysTried() throws IOException {
        List<KV> entries = randomThenRepetitive(0, 800);
        MemFile f = new MemFile();
        TableBuilder b = builtWithLz4(f, entries, 4096);
        assertThat(b.compressionSkips()).isZero();
        assertThat(blockTypes(f.bytes())).containsOnly(Compression.LZ4.code());
    }

    @Test
    void skippingCompressionLeavesIncompressibleTablesByteForByteTheSame() throws IOException {
        // every block of random values is stored raw whether it was tried or skipped
        List<KV> entries = randomThenRepetitive(600, 0);
        byte[] raw = Tables.build(entries, Tables.options(4096, 16, Compression.NONE, 10));
        byte[] lz4 = Tables.build(entries, Tables.options(4096, 16, Compression.LZ4, 10));
        assertThat(lz4.length).isEqualTo(raw.length);
        assertThat(blockTypes(lz4)).containsOnly(Compression.NONE.code());
        try (TableReader r = Tables.open(lz4)) {
            assertSame(scan(r), entries);
        }
    }

    @Test
    void propertiesRoundTrip() throws IOException {
        List<KV> entries = new ArrayList<>();
        entries.add(new KV(ikey("a", 7, EntryKind.PUT), bytes("1")));
        entries.add(new KV(ikey("b", 9, EntryKind.DELETE), new byte[0]));
        entries.add(new KV(ikey("c", 3, EntryKind.PUT_WITH_TTL), TtlValue.encode(2_000, bytes("x"))));
        entries.add(new KV(ikey("d", 12, EntryKind.PUT_WITH_TTL), TtlValue.encode(1_000, bytes("y"))));
        entries.add(new KV(ikey("e", 5, EntryKind.DELETE), new byte[0]));
        MemFile f = new MemFile();
        TableBuilder b = new TableBuilder(f, Tables.PATH, TableOptions.defaults());
        for (KV kv : entries) {
            b.add(kv.key(), kv.value());
        }
        assertThat(b.entries()).isEqualTo(5);
        TableProperties written = b.finish();
        assertThat(b.fileSize()).isEqualTo(f.size());
        assertThat(written.entries()).isEqualTo(5);
        assertThat(written.dataBlocks()).isEqualTo(1);
        assertThat(written.smallestKey()).isEqualTo(ikey("a", 7, EntryKind.PUT));
        assertThat(written.largestKey()).isEqualTo(ikey("e", 5, EntryKind.DELETE));
        assertThat(written.minSequence()).isEqualTo(3);
        assertThat(written.maxSequence()).isEqualTo(12);
        assertThat(written.tombstones()).isEqualTo(2);
        assertThat(written.earliestExpiryMillis()).isEqualTo(1_000);
        assertThat(written.rawKeyBytes()).isEqualTo(5 * 9);
        assertThat(written.rawValueBytes()).isEqualTo(1 + 9 + 9);
        assertThat(written.compression()).isEqualTo(Compression.LZ4);
        try (TableReader r = Tables.open(f.bytes())) {
            assertThat(r.properties()).isEqualTo(written);
            assertThat(r.fileSize()).isEqualTo(f.size());
            assertThat(r.fileNumber()).isEqualTo(42);
            assertThat(r.path()).isEqualTo(Tables.PATH);
        }
    }

    @Test
    void builderRejectsKeysOutOfOrder() throws IOException {
        TableBuilder b = new TableBuilder(new MemFile(), Tables.PATH, TableOptions.defaults());
        b.add(ikey("b", 5, EntryKind.PUT), new byte[0]);
        assertThatThrownBy(() -> b.add(ikey("a", 5, EntryKind.PUT), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.add(ikey("b", 5, EntryKind.PUT), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        b.add(ikey("b", 4, EntryKind.PUT), new byte[0]); // older version of the same key sorts after
    }

    @Test
    void estimatedFileSizeTracksWrittenAndPendingBytes() throws IOException {
        MemFile f = new MemFile();
        TableBuilder b = new TableBuilder(f, Tables.PATH, Tables.options(1024, 16, Compression.NONE, 10));
        long last = 0;
        for (KV kv : Tables.sequential(1000)) {
            b.add(kv.key(), kv.value());
            assertThat(b.estimatedFileSize()).isGreaterThanOrEqualTo(last).isGreaterThanOrEqualTo(f.size());
            last = b.estimatedFileSize();
        }
        b.finish();
        assertThat(b.fileSize()).isBetween(last, last + 4096);
    }

    @Test
    void indexSeparatorsAreShortened() throws IOException {
        List<KV> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(new KV(ikey("a-long-common-prefix-" + (char) ('A' + i % 26) + i, 1, EntryKind.PUT), new byte[200]));
        }
        entries.sort((x, y) -> InternalKey.compare(x.key(), y.key()));
        byte[] file = Tables.build(entries, Tables.options(256, 16, Compression.NONE, 0));
        try (TableReader r = Tables.open(file)) {
            assertSame(scan(r), entries);
            for (KV kv : entries) {
                assertThat(r.get(kv.key())).isNotNull();
            }
        }
        assertThat(KeyOrder.separator(ikey("abcdef", 1, EntryKind.PUT), ikey("abzz", 1, EntryKind.PUT)))
                .isEqualTo(InternalKey.lookupKey(bytes("abd"), InternalKey.MAX_SEQUENCE));
        assertThat(KeyOrder.separator(ikey("ab", 1, EntryKind.PUT), ikey("abc", 1, EntryKind.PUT)))
                .isEqualTo(ikey("ab", 1, EntryKind.PUT));
        assertThat(KeyOrder.successor(ikey("abc", 1, EntryKind.PUT)))
                .isEqualTo(InternalKey.lookupKey(bytes("b"), InternalKey.MAX_SEQUENCE));
    }

    @Test
    void secondReadOfBlockHitsCache() throws IOException {
        byte[] file = Tables.build(Tables.sequential(100), TableOptions.defaults());
        BlockCache cache = new BlockCache(1 << 20);
        TableStats stats = new TableStats();
        MemFile.Readable readable = MemFile.readable(file);
        try (TableReader r = TableReader.open(readable, Tables.PATH, 42, cache, stats)) {
            long blocksAtOpen = stats.blocksRead();
            int readsAtOpen = readable.reads;
            byte[] key = Tables.sequential(100).get(10).key();
            assertThat(r.get(key)).isNotNull();
            assertThat(cache.misses()).isEqualTo(1);
            assertThat(cache.hits()).isZero();
            assertThat(stats.blocksRead()).isEqualTo(blocksAtOpen + 1);
            assertThat(r.get(key)).isNotNull();
            assertThat(cache.hits()).isEqualTo(1);
            assertThat(readable.reads).isEqualTo(readsAtOpen + 1);
            assertThat(scan(r)).hasSize(100); // one block, from the cache
            assertThat(readable.reads).isEqualTo(readsAtOpen + 1);
            assertThat(cache.sizeBytes()).isPositive();
        }
    }

    @Test
    void iteratorWithoutFillCacheUsesCachedBlocksButAddsNone() throws IOException {
        List<KV> entries = Tables.sequential(2000);
        byte[] file = Tables.build(entries, TableOptions.defaults());
        BlockCache cache = new BlockCache(16 << 20);
        try (TableReader r = TableReader.open(MemFile.readable(file), Tables.PATH, 42, cache, new TableStats())) {
            byte[] key = entries.get(1000).key();
            assertThat(r.get(key)).isNotNull(); // caches the one block holding it
            long cachedBytes = cache.sizeBytes();
            long hits = cache.hits();
            int n = 0;
            try (InternalIterator it = r.iterator(false)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    assertThat(it.key()).isEqualTo(entries.get(n).key());
                    n++;
                }
            }
            assertThat(n).isEqualTo(entries.size());
            assertThat(cache.sizeBytes()).isEqualTo(cachedBytes); // a compaction's reads evict nothing
            assertThat(cache.hits()).isEqualTo(hits + 1); // the cached block was used, not read again
            assertThat(scan(r)).hasSize(entries.size()); // the default iterator fills the cache
            assertThat(cache.sizeBytes()).isGreaterThan(cachedBytes);
        }
    }

    @Test
    void bloomFilterSkipsAbsentKeysAndCounts() throws IOException {
        byte[] file = Tables.build(Tables.sequential(1000), TableOptions.defaults());
        TableStats stats = new TableStats();
        MemFile.Readable readable = MemFile.readable(file);
        try (TableReader r = TableReader.open(readable, Tables.PATH, 42, null, stats)) {
            int readsAtOpen = readable.reads;
            for (int i = 0; i < 1000; i++) {
                assertThat(r.get(InternalKey.lookupKey(bytes(userKey(2 * i + 1)), 5000))).isNull();
            }
            assertThat(stats.bloomChecks()).isEqualTo(1000);
            assertThat(stats.bloomUseful()).isGreaterThan(970);
            assertThat(readable.reads - readsAtOpen).isEqualTo(1000 - stats.bloomUseful());
            assertThat(r.mayContain(bytes(userKey(0)))).isTrue();
            assertThat(r.hasFilter()).isTrue();
        }
    }

    @Test
    void tableWithoutFilterMayContainEverything() throws IOException {
        byte[] file = Tables.build(Tables.sequential(10), Tables.options(4096, 16, Compression.NONE, 0));
        TableStats stats = new TableStats();
        try (TableReader r = Tables.open(file, null, stats)) {
            assertThat(r.hasFilter()).isFalse();
            assertThat(r.mayContain(bytes("nope"))).isTrue();
            assertThat(r.get(InternalKey.lookupKey(bytes("nope"), 1))).isNull();
            assertThat(stats.bloomChecks()).isZero();
        }
    }

    @Test
    void randomTablesMatchTheirInput() throws IOException {
        Random rnd = new Random(42);
        for (int round = 0; round < 20; round++) {
            int n = rnd.nextInt(3000);
            List<KV> entries = new ArrayList<>();
            java.util.TreeMap<byte[], byte[]> sorted = new java.util.TreeMap<>(InternalKey.COMPARATOR);
            while (sorted.size() < n) {
                byte[] user = new byte[1 + rnd.nextInt(12)];
                for (int i = 0; i < user.length; i++) {
                    user[i] = (byte) ("ab\u00ff\u0000c".charAt(rnd.nextInt(5)));
                }
                byte[] v = new byte[rnd.nextInt(rnd.nextInt(10) == 0 ? 5000 : 50)];
                rnd.nextBytes(v);
                sorted.put(InternalKey.encode(user, rnd.nextInt(1000), EntryKind.PUT), v);
            }
            sorted.forEach((k, v) -> entries.add(new KV(k, v)));
            TableOptions opts = Tables.options(64 + rnd.nextInt(4096), 1 + rnd.nextInt(16),
                    rnd.nextBoolean() ? Compression.LZ4 : Compression.NONE, rnd.nextInt(15));
            byte[] file = Tables.build(entries, opts);
            try (TableReader r = Tables.open(file, new BlockCache(1 << 16), new TableStats())) {
                assertSame(scan(r), entries);
                try (InternalIterator it = r.iterator()) {
                    for (int probe = 0; probe < 200 && n > 0; probe++) {
                        KV kv = entries.get(rnd.nextInt(n));
                        assertThat(r.get(kv.key()).value()).isEqualTo(kv.value());
                        it.seek(kv.key());
                        assertThat(it.key()).isEqualTo(kv.key());
                    }
                }
            }
        }
    }
}
