package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of the tree under sustained writes (issue "Engine at scale"): level 0 bounded by the
 * stop trigger, every level within its target once compaction settles, space amplification at
 * most 1.25, obsolete files deleted but never under an open cursor, block cache counters.
 */
class LeveledCompactionIntegrationTests {

    @TempDir
    Path dir;

    private static EngineOptions.Builder tinyLevels() {
        return EngineOptions.builder()
                .syncMode(SyncMode.NONE)
                .compression(Compression.NONE)
                .memtableSizeBytes(32 * 1024)
                .targetFileSizeBytes(32 * 1024)
                .level1MaxBytes(128 * 1024)
                .level0CompactionTrigger(4)
                .level0SlowdownTrigger(8)
                .level0StopTrigger(12);
    }

    private static byte[] key(int i) {
        return String.format("key%08d", i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(Random rnd, int size) {
        byte[] v = new byte[size];
        rnd.nextBytes(v);
        return v;
    }

    /** Waits (bounded) until no level has a compaction score of 1 or more. */
    private static EngineStats settle(LsmEngine db) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            EngineStats s = db.stats();
            boolean due = s.levels().stream().limit(s.levels().size() - 1).anyMatch(l -> l.score() >= 1);
            if (!due || System.nanoTime() > deadline) {
                return s;
            }
            Thread.sleep(20);
        }
    }

    /**
     * About 2.3 MB of live data over a 256 KiB L1 and a 2.5 MiB L2: the data settles in L2, the
     * bottom level, so space amplification is bounded by (L0 + L1) / L2 whatever the timing of
     * background work (with a last level far from full, leveled compaction can reach 1.3 or more).
     */
    @Test
    void writesFarPastLevel1KeepTheShapeAndSpaceAmplificationBounded() throws Exception {
        Random rnd = new Random(42);
        int keys = 20_000;
        try (LsmEngine db = LsmEngine.open(dir, tinyLevels().level1MaxBytes(256 * 1024).build())) {
            int maxLevel0 = 0;
            for (int i = 0; i < 4 * keys; i++) {
                db.put(key(rnd.nextInt(keys)), value(rnd, 100));
                if (i % 200 == 0) {
                    maxLevel0 = Math.max(maxLevel0, db.stats().levels().get(0).files());
                }
            }
            EngineStats settled = settle(db);
            // A memtable is switched only while level 0 is below the stop trigger (at most 11
            // files) and at most maxImmutableMemtables (2) then wait for flush, each becoming one
            // level-0 file: 11 + 2.
            assertThat(maxLevel0).as("level 0 never beyond the stop trigger's bound").isLessThanOrEqualTo(12 - 1 + 2);
            for (EngineStats.LevelStats level : settled.levels().subList(0, settled.levels().size() - 1)) {
                assertThat(level.score()).as("level %d within its target after compaction settles", level.level())
                        .isLessThan(1.0);
            }
            assertThat(settled.levels().stream().filter(l -> l.level() >= 2 && l.files() > 0)).as("several levels in use")
                    .isNotEmpty();
            assertThat(settled.compactions()).isPositive();
            long beforeFullCompaction = settled.liveDataBytes();
            db.compact();
            long liveData = db.stats().liveDataBytes();
            double spaceAmplification = (double) beforeFullCompaction / liveData;
            System.out.printf("space amplification %.3f (%d bytes on disk, %d live), write amplification %.2f%n",
                    spaceAmplification, beforeFullCompaction, liveData, settled.writeAmplification());
            assertThat(spaceAmplification).isLessThanOrEqualTo(1.25);
            assertThat(bytesOfTables()).as("only live tables remain on disk").isEqualTo(liveData);
        }
    }

    @Test
    void obsoleteFilesAreDeletedButNeverUnderAnOpenCursor() throws Exception {
        Random rnd = new Random(7);
        try (LsmEngine db = LsmEngine.open(dir, tinyLevels().build())) {
            for (int i = 0; i < 2_000; i++) {
                db.put(key(i), value(rnd, 100));
            }
            db.flush();
            List<String> before = tableNames();
            Cursor cursor = db.scan(null, null);
            try {
                for (int i = 0; i < 2_000; i++) {
                    db.put(key(i), value(rnd, 100)); // every old entry is shadowed
                }
                db.compact();
                assertThat(tableNames()).as("files the cursor reads are kept").containsAll(before);
                int seen = 0;
                while (cursor.next()) {
                    seen++;
                }
                assertThat(seen).isEqualTo(2_000);
            } finally {
                cursor.close();
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (tableNames().stream().anyMatch(before::contains) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(tableNames()).as("released files are deleted").doesNotContainAnyElementsOf(before);
        }
    }

    @Test
    void blockCacheCountsHitsAndMissesAndCanBeTurnedOff() throws Exception {
        try (LsmEngine db = LsmEngine.open(dir, tinyLevels().blockCacheSizeBytes(1 << 20).build())) {
            db.put(key(1), "v".getBytes(StandardCharsets.UTF_8));
            db.put(key(3), "v".getBytes(StandardCharsets.UTF_8));
            db.flush();
            db.get(key(1));
            EngineStats first = db.stats();
            db.get(key(1));
            EngineStats second = db.stats();
            assertThat(first.blockCacheMisses()).isPositive();
            assertThat(second.blockCacheHits()).isGreaterThan(first.blockCacheHits());
            assertThat(second.blockCacheBytes()).isPositive();
            assertThat(second.bloomChecks()).isEqualTo(2);
            db.get(key(2)); // absent, inside the file's key range: the bloom filter answers
            assertThat(db.stats().bloomUseful()).isEqualTo(1);
        }
    }

    @Test
    void withTheBlockCacheOffReadsStillWork() throws Exception {
        Path other = Files.createDirectories(dir.resolve("nocache"));
        try (LsmEngine db = LsmEngine.open(other, tinyLevels().blockCacheSizeBytes(0).build())) {
            for (int i = 0; i < 1_000; i++) {
                db.put(key(i), ("v" + i).getBytes(StandardCharsets.UTF_8));
            }
            db.flush();
            for (int i = 0; i < 1_000; i++) {
                assertThat(db.get(key(i))).isEqualTo(("v" + i).getBytes(StandardCharsets.UTF_8));
            }
            EngineStats s = db.stats();
            assertThat(s.blockCacheHits() + s.blockCacheMisses() + s.blockCacheBytes()).isZero();
        }
    }

    @Test
    void writeStallsAreCountedWhenLevel0FillsUp() throws Exception {
        Random rnd = new Random(3);
        EngineOptions options = tinyLevels().level0CompactionTrigger(2).level0SlowdownTrigger(2).level0StopTrigger(3)
                .maxImmutableMemtables(1).build();
        try (LsmEngine db = LsmEngine.open(dir, options)) {
            for (int i = 0; i < 20_000; i++) {
                db.put(key(rnd.nextInt(50_000)), value(rnd, 100));
            }
            EngineStats s = db.stats();
            assertThat(s.stalls()).isPositive();
            assertThat(s.stallMicros()).isPositive();
            assertThat(s.healthy()).isTrue();
        }
    }

    private List<String> tableNames() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sst")).sorted().toList();
        }
    }

    private long bytesOfTables() throws Exception {
        long total = 0;
        for (String name : tableNames()) {
            total += Files.size(dir.resolve(name));
        }
        return total;
    }
}
