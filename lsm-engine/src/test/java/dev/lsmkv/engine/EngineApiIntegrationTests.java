package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public contract of API.md on a real directory, one rule per test. */
class EngineApiIntegrationTests {

    @TempDir
    Path dir;

    private LsmEngine db;

    private LsmEngine open() {
        return open(EngineOptions.builder().syncMode(SyncMode.NONE).build());
    }

    private LsmEngine open(EngineOptions options) {
        db = LsmEngine.open(dir, options);
        return db;
    }

    @AfterEach
    void closeDb() {
        if (db != null) {
            db.close();
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ basics

    @Test
    void putGetDeleteRoundTrip() {
        open();
        db.put(b("k"), b("v"));
        assertThat(db.get(b("k"))).isEqualTo(b("v"));
        db.delete(b("k"));
        assertThat(db.get(b("k"))).isNull();
        assertThat(db.get(b("missing"))).isNull();
    }

    @Test
    void emptyValueIsAValueNotAbsence() {
        open();
        db.put(b("k"), new byte[0]);
        assertThat(db.get(b("k"))).isEqualTo(new byte[0]);
        db.flush();
        assertThat(db.get(b("k"))).isEqualTo(new byte[0]);
    }

    @Test
    void reopenRecoversWritesFromWalAndTables() {
        open();
        db.put(b("flushed"), b("1"));
        db.flush();
        db.put(b("in-wal"), b("2"));
        db.delete(b("flushed"));
        db.close();
        open();
        assertThat(db.get(b("in-wal"))).isEqualTo(b("2"));
        assertThat(db.get(b("flushed"))).isNull();
    }

    @Test
    void laterOperationInBatchWins() {
        open();
        db.write(new WriteBatch().put(b("k"), b("first")).delete(b("k")).put(b("k"), b("last")));
        assertThat(db.get(b("k"))).isEqualTo(b("last"));
        db.write(new WriteBatch().put(b("j"), b("x")).delete(b("j")));
        assertThat(db.get(b("j"))).isNull();
    }

    @Test
    void callerMayReuseArraysAndOwnsReturnedOnes() {
        open();
        byte[] key = b("key");
        byte[] value = b("value");
        db.put(key, value);
        key[0] = 'X';
        value[0] = 'X';
        byte[] got = db.get(b("key"));
        assertThat(got).isEqualTo(b("value"));
        got[0] = 'Y';
        assertThat(db.get(b("key"))).isEqualTo(b("value"));
        try (Cursor c = db.scan(null, null)) {
            assertThat(c.next()).isTrue();
            c.key()[0] = 'Z';
            c.value()[0] = 'Z';
        }
        assertThat(db.get(b("key"))).isEqualTo(b("value"));

        db.flush(); // the same from an SSTable, whose values are copied out of (cached) blocks
        byte[] fromTable = db.get(b("key"));
        assertThat(fromTable).isEqualTo(b("value"));
        fromTable[0] = 'Y';
        assertThat(db.get(b("key"))).isEqualTo(b("value"));
        try (Cursor c = db.scan(null, null)) {
            assertThat(c.next()).isTrue();
            byte[] first = c.value();
            first[0] = 'Z';
            assertThat(c.value()).isEqualTo(b("value")).isNotSameAs(first);
        }
        assertThat(db.get(b("key"))).isEqualTo(b("value"));
    }

    @Test
    void keysCompareAsUnsignedBytes() {
        open();
        db.put(new byte[] {(byte) 0xFF}, b("high"));
        db.put(new byte[] {0x01}, b("low"));
        db.put(new byte[] {0x01, 0x00}, b("longer"));
        List<byte[]> keys = new ArrayList<>();
        try (Cursor c = db.scan(null, null)) {
            while (c.next()) {
                keys.add(c.key());
            }
        }
        assertThat(keys).containsExactly(new byte[] {0x01}, new byte[] {0x01, 0x00}, new byte[] {(byte) 0xFF});
    }

    @Test
    void scanHonoursBoundsAndSkipsDeleted() {
        open();
        for (String k : List.of("a", "b", "c", "d", "e")) {
            db.put(b(k), b(k.toUpperCase()));
        }
        db.delete(b("c"));
        db.flush();
        db.put(b("bb"), b("BB"));
        List<String> seen = new ArrayList<>();
        try (Cursor c = db.scan(b("b"), b("e"))) {
            while (c.next()) {
                seen.add(new String(c.key(), StandardCharsets.UTF_8));
            }
        }
        assertThat(seen).containsExactly("b", "bb", "d");
    }

    @Test
    void cursorReadsThePointInTimeItWasOpenedAt() {
        open();
        db.put(b("a"), b("1"));
        try (Cursor c = db.scan(null, null)) {
            db.put(b("b"), b("2"));
            db.delete(b("a"));
            assertThat(c.next()).isTrue();
            assertThat(c.key()).isEqualTo(b("a"));
            assertThat(c.next()).isFalse();
        }
    }

    @Test
    void snapshotIgnoresLaterWritesAcrossFlushAndCompaction() {
        open();
        db.put(b("k"), b("old"));
        try (Snapshot s = db.snapshot()) {
            db.put(b("k"), b("new"));
            db.put(b("other"), b("x"));
            db.flush();
            db.compact();
            assertThat(s.get(b("k"))).isEqualTo(b("old"));
            assertThat(s.get(b("other"))).isNull();
            assertThat(db.get(b("k"))).isEqualTo(b("new"));
            try (Cursor c = s.scan(null, null)) {
                assertThat(c.next()).isTrue();
                assertThat(c.value()).isEqualTo(b("old"));
                assertThat(c.next()).isFalse();
            }
        }
    }

    // ------------------------------------------------------------------ TTL

    @Test
    void ttlEntryDisappearsOnceItsTimeHasPassed() {
        ManualClock clock = new ManualClock(1_000_000);
        open(EngineOptions.builder().syncMode(SyncMode.NONE).clock(clock).build());
        db.put(b("k"), b("v"), Duration.ofSeconds(10));
        assertThat(db.get(b("k"))).isEqualTo(b("v"));
        clock.advance(9_999);
        assertThat(db.get(b("k"))).isEqualTo(b("v"));
        clock.advance(1);
        assertThat(db.get(b("k"))).isNull();
        try (Cursor c = db.scan(null, null)) {
            assertThat(c.next()).isFalse();
        }
    }

    @Test
    void cursorReportsTheRemainingTimeToLiveOfEachEntry() {
        ManualClock clock = new ManualClock(1_000_000);
        open(EngineOptions.builder().syncMode(SyncMode.NONE).clock(clock).build());
        db.put(b("a"), b("1"), Duration.ofSeconds(10));
        db.put(b("b"), b("2"));
        db.flush();
        db.put(b("c"), b("3"), Duration.ofSeconds(60));
        clock.advance(4_000);
        try (Cursor c = db.scan(null, null)) {
            assertThat(c.next()).isTrue();
            assertThat(c.timeToLive()).isEqualTo(Duration.ofSeconds(6)); // from a table
            assertThat(c.next()).isTrue();
            assertThat(c.timeToLive()).isNull();
            assertThat(c.next()).isTrue();
            assertThat(c.timeToLive()).isEqualTo(Duration.ofSeconds(56)); // from the memtable
            assertThat(c.value()).isEqualTo(b("3"));
            assertThat(c.timeToLive()).isEqualTo(Duration.ofSeconds(56)); // reading the value changes nothing
        }
    }

    @Test
    void ttlSurvivesReopenWithoutBeingExtended() {
        ManualClock clock = new ManualClock(1_000_000);
        EngineOptions options = EngineOptions.builder().syncMode(SyncMode.NONE).clock(clock).build();
        open(options);
        db.put(b("k"), b("v"), Duration.ofSeconds(10));
        db.close();
        clock.advance(5_000);
        open(options);
        assertThat(db.get(b("k"))).isEqualTo(b("v"));
        clock.advance(5_000);
        assertThat(db.get(b("k"))).isNull();
    }

    @Test
    void expiredEntriesAreGoneFromDiskAfterCompaction() {
        ManualClock clock = new ManualClock(1_000_000);
        open(EngineOptions.builder().syncMode(SyncMode.NONE).clock(clock).build());
        for (int i = 0; i < 1000; i++) {
            db.put(b("ttl" + i), new byte[100], Duration.ofSeconds(1));
        }
        db.put(b("keep"), b("v"));
        db.flush();
        long before = db.stats().liveDataBytes();
        clock.advance(1_000);
        db.compact();
        long after = db.stats().liveDataBytes();
        assertThat(after).isLessThan(before / 10);
        assertThat(db.get(b("keep"))).isEqualTo(b("v"));
    }

    // ------------------------------------------------------------------ bad input and misuse

    @Test
    void nullEmptyAndOversizedKeysAreRejectedNamingTheLimit() {
        open();
        assertThatThrownBy(() -> db.put(null, b("v"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 KiB");
        assertThatThrownBy(() -> db.put(new byte[0], b("v"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> db.put(new byte[64 * 1024 + 1], b("v"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
        assertThatThrownBy(() -> db.get(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.delete(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.put(b("k"), null)).isInstanceOf(IllegalArgumentException.class);
        db.put(new byte[64 * 1024], b("max key"));
        assertThat(db.get(new byte[64 * 1024])).isEqualTo(b("max key"));
        assertThat(db.stats().puts()).isEqualTo(1);
    }

    @Test
    void badTtlIsRejected() {
        open();
        assertThatThrownBy(() -> db.put(b("k"), b("v"), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl");
        assertThatThrownBy(() -> db.put(b("k"), b("v"), Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.put(b("k"), b("v"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(db.get(b("k"))).isNull();
    }

    @Test
    void batchWithABadEntryCannotBeBuiltSoNothingIsWritten() {
        open();
        WriteBatch batch = new WriteBatch().put(b("good"), b("v"));
        assertThatThrownBy(() -> batch.put(new byte[0], b("v"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(batch.size()).isEqualTo(1);
        assertThat(db.get(b("good"))).isNull();
    }

    @Test
    void secondOpenOfTheSameDirectoryFailsAtOnce() {
        open();
        assertThatThrownBy(() -> LsmEngine.open(dir)).isInstanceOf(LsmException.class)
                .hasMessageContaining("locked");
    }

    @Test
    void directoryCanBeReopenedAfterClose() {
        open();
        db.put(b("k"), b("v"));
        db.close();
        try (LsmEngine again = LsmEngine.open(dir)) {
            assertThat(again.get(b("k"))).isEqualTo(b("v"));
        }
        db = null;
    }

    @Test
    void useAfterCloseIsIllegalState() {
        open();
        Cursor cursor = db.scan(null, null);
        Snapshot snapshot = db.snapshot();
        db.close();
        assertThatThrownBy(() -> db.get(b("k"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> db.put(b("k"), b("v"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> db.scan(null, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> db.stats()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(cursor::next).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> snapshot.get(b("k"))).isInstanceOf(IllegalStateException.class);
        db.close(); // idempotent
        db = null;
    }

    @Test
    void directoryHoldingOtherFilesIsRefusedAndLeftUntouched() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a database");
        assertThatThrownBy(() -> LsmEngine.open(dir)).isInstanceOf(LsmException.class)
                .hasMessageContaining("not an lsmkv store").hasMessageContaining("notes.txt");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
        }
    }

    @Test
    void optionsOutOfRangeNameTheSetting() {
        assertThatThrownBy(() -> EngineOptions.builder().memtableSizeBytes(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memtableSizeBytes");
        assertThatThrownBy(() -> EngineOptions.builder().blockCacheSizeBytes(-5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blockCacheSizeBytes");
        assertThatThrownBy(() -> EngineOptions.builder().syncMode(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("syncMode");
        assertThatThrownBy(() -> EngineOptions.builder().level0StopTrigger(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level0StopTrigger");
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void concurrentWritersUnderSyncAlwaysShareFsyncs() throws Exception {
        open(EngineOptions.builder().syncMode(SyncMode.ALWAYS).build());
        int threads = 8;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    db.put(b("t" + thread + "-" + i), b("v" + i));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        EngineStats stats = db.stats();
        assertThat(stats.puts()).isEqualTo(threads * perThread);
        assertThat(stats.walSyncs()).isLessThan(threads * perThread);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertThat(db.get(b("t" + t + "-" + i))).isEqualTo(b("v" + i));
            }
        }
    }

    @Test
    void readersAndWritersRunConcurrentlyWithFlushesAndCompactions() throws Exception {
        open(EngineOptions.builder().syncMode(SyncMode.NONE).memtableSizeBytes(16 * 1024)
                .targetFileSizeBytes(16 * 1024).level1MaxBytes(64 * 1024).build());
        int writers = 2;
        int perWriter = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    db.put(b(String.format("w%d-%06d", thread, i)), b("value-" + i));
                }
            }));
        }
        for (int r = 0; r < 2; r++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    String prev = null;
                    try (Cursor c = db.scan(null, null)) {
                        while (c.next()) {
                            String k = new String(c.key(), StandardCharsets.UTF_8);
                            assertThat(prev == null || prev.compareTo(k) < 0).isTrue();
                            prev = k;
                        }
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        for (int t = 0; t < writers; t++) {
            for (int i = 0; i < perWriter; i += 7) {
                assertThat(db.get(b(String.format("w%d-%06d", t, i)))).isEqualTo(b("value-" + i));
            }
        }
        assertThat(db.stats().flushes()).isPositive();
        assertThat(db.stats().healthy()).isTrue();
    }
}
