package dev.lsmkv.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EngineStats}: a shape that can grow, and the memtable's share of the data. */
class EngineStatsTests {

    @TempDir
    Path tmp;

    @Test
    void builderStartsAtZeroAndToBuilderCopiesEveryValue() {
        EngineStats empty = EngineStats.builder().build();
        assertThat(empty.levels()).isEmpty();
        assertThat(empty.puts()).isZero();
        assertThat(empty.healthy()).isTrue();
        assertThat(empty.writeAmplification()).isZero();

        EngineStats s = EngineStats.builder().levels(List.of(new EngineStats.LevelStats(0, 2, 300, 0.5)))
                .liveDataBytes(300).memtableBytes(50).memtableEntries(7).puts(9).userBytesWritten(100)
                .bytesFlushed(120).compactionBytesWritten(30).blockCacheHits(3).blockCacheMisses(1)
                .backgroundError("disk full").build();
        assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
        assertThat(s.toBuilder().puts(10).build()).isNotEqualTo(s);
        assertThat(s.dataBytes()).isEqualTo(350);
        assertThat(s.writeAmplification()).isEqualTo(1.5);
        assertThat(s.blockCacheHitRatio()).isEqualTo(0.75);
        assertThat(s.totalFiles()).isEqualTo(2);
        assertThat(s.healthy()).isFalse();
        assertThat(s.toString()).contains("memtableEntries=7", "backgroundError=disk full");
    }

    @Test
    @SuppressWarnings("deprecation")
    void theRecordConstructorOfEarlierVersionsStillMapsEachPosition() {
        EngineStats s = new EngineStats(List.of(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                19, 20, 21, 22, 23, 24, 25, 26, 27, "e");
        assertThat(List.of(s.liveDataBytes(), s.memtableBytes(), (long) s.immutableMemtables(), s.walBytes(),
                (long) s.snapshots(), s.sequence(), s.puts(), s.gets(), s.deletes(), s.scans(), s.batches(),
                s.userBytesWritten(), s.walBytesWritten(), s.walSyncs(), s.flushes(), s.bytesFlushed(),
                s.compactions(), s.compactionBytesRead(), s.compactionBytesWritten(), s.stalls(), s.stallMicros(),
                s.bloomChecks(), s.bloomUseful(), s.blockCacheHits(), s.blockCacheMisses(),
                s.blockCacheEvictions(), s.blockCacheBytes()))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L,
                        19L, 20L, 21L, 22L, 23L, 24L, 25L, 26L, 27L);
        assertThat(s.memtableEntries()).isZero();
        assertThat(s.backgroundError()).isEqualTo("e");
    }

    @Test
    void dataInTheMemtableIsCountedUntilItIsFlushed() {
        try (LsmEngine db = LsmEngine.open(tmp.resolve("db"))) {
            for (int i = 0; i < 500; i++) {
                db.put(("k" + i).getBytes(UTF_8), new byte[100]);
            }
            db.delete("k0".getBytes(UTF_8));
            EngineStats before = db.stats();
            assertThat(before.memtableEntries()).isEqualTo(501);
            assertThat(before.liveDataBytes()).isZero();
            assertThat(before.dataBytes()).isEqualTo(before.memtableBytes()).isGreaterThan(500 * 100);

            db.flush();
            EngineStats after = db.stats();
            assertThat(after.memtableEntries()).isZero();
            assertThat(after.liveDataBytes()).isPositive();
            assertThat(after.dataBytes()).isEqualTo(after.liveDataBytes() + after.memtableBytes());
        }
    }

    @Test
    void spaceAmplificationIsAllTableBytesOverTheDeepestNonEmptyLevel() {
        assertThat(EngineStats.builder().build().spaceAmplification()).as("no table").isZero();
        List<EngineStats.LevelStats> levels = List.of(new EngineStats.LevelStats(0, 1, 100, 0.25),
                new EngineStats.LevelStats(1, 0, 0, 0), new EngineStats.LevelStats(3, 1, 50, 0.1),
                new EngineStats.LevelStats(6, 4, 850, 0), new EngineStats.LevelStats(5, 0, 0, 0));
        assertThat(EngineStats.builder().levels(levels).build().spaceAmplification())
                .isCloseTo(1000.0 / 850, within(1e-9));
        assertThat(EngineStats.builder().levels(List.of(new EngineStats.LevelStats(0, 3, 900, 0.75))).build()
                .spaceAmplification()).as("everything in L0").isEqualTo(1.0);
    }

    /**
     * Two full overwrites flushed into L0 over a compacted copy in the last level: three copies
     * on disk for one live one. A full compaction leaves one.
     */
    @Test
    void overwritesNotYetCompactedRaiseSpaceAmplificationAndCompactionBringsItToOne() {
        Random rnd = new Random(15);
        try (LsmEngine db = LsmEngine.open(tmp.resolve("db"), EngineOptions.builder().syncMode(SyncMode.NONE)
                .build())) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 2_000; i++) {
                    byte[] value = new byte[100];
                    rnd.nextBytes(value);
                    db.put(("k" + i).getBytes(UTF_8), value);
                }
                if (round == 0) {
                    db.compact();
                    assertThat(db.stats().spaceAmplification()).as("one copy in one level").isEqualTo(1.0);
                } else {
                    db.flush();
                }
            }
            EngineStats overwritten = db.stats();
            assertThat(overwritten.levels().get(0).files()).as("two flushes, below the L0 trigger of 4").isEqualTo(2);
            assertThat(overwritten.spaceAmplification()).isGreaterThan(2.5);

            db.compact();
            assertThat(db.stats().spaceAmplification()).isCloseTo(1.0, within(0.01));
        }
    }
}
