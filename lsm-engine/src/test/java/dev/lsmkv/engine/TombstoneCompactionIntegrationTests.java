package dev.lsmkv.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.lsmkv.engine.tool.DirectoryInspector;
import dev.lsmkv.engine.version.FileMetaData;
import dev.lsmkv.engine.version.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tombstone-density compactions ({@link EngineOptions#tombstoneCompactionRatio()}): deleting a
 * range gives its space back through background compaction alone, no {@link LsmEngine#compact()}.
 */
class TombstoneCompactionIntegrationTests {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final int LAST = Version.NUM_LEVELS - 1;

    @TempDir
    Path dir;

    private static byte[] key(String prefix, int i) {
        return String.format("%s%06d", prefix, i).getBytes(UTF_8);
    }

    /** {@code count} keys of 100 random (incompressible) bytes each, fully compacted into the last level. */
    private static void load(LsmEngine db, int count) {
        Random rnd = new Random(15);
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[100];
            rnd.nextBytes(value);
            db.put(key("k", i), value);
        }
        db.compact();
    }

    private long tombstonesOnDisk() throws IOException {
        return DirectoryInspector.of(dir).readState().allFiles().stream().mapToLong(FileMetaData::tombstones).sum();
    }

    @Test
    void aDeletedRangeIsCompactedAwayInTheBackground() throws IOException {
        EngineOptions options = EngineOptions.builder().syncMode(SyncMode.NONE).build();
        long before;
        try (LsmEngine db = LsmEngine.open(dir, options)) {
            load(db, 10_000);
            EngineStats loaded = db.stats();
            before = loaded.liveDataBytes();
            assertThat(loaded.levels().get(LAST).files()).as("one sorted run in the last level").isPositive();
            assertThat(loaded.totalFiles()).isEqualTo(loaded.levels().get(LAST).files());

            for (int i = 2_000; i < 8_000; i++) {
                db.delete(key("k", i));
            }
            db.flush(); // one L0 table of 6,000 tombstones: far below the L0 trigger of 4 files

            await().atMost(BOUND).until(() -> {
                EngineStats s = db.stats();
                return s.levels().get(0).files() == 0 && s.liveDataBytes() < before * 0.55;
            });
            EngineStats after = db.stats();
            assertThat(after.compactions()).isGreaterThan(loaded.compactions());
            assertThat(after.spaceAmplification()).isCloseTo(1.0, within(0.01));
            assertThat(db.get(key("k", 1_999))).isNotNull();
            assertThat(db.get(key("k", 2_000))).isNull();
            assertThat(db.get(key("k", 7_999))).isNull();
            assertThat(db.get(key("k", 8_000))).isNotNull();
            try (Cursor c = db.scan(null, null)) {
                int n = 0;
                while (c.next()) {
                    n++;
                }
                assertThat(n).isEqualTo(4_000);
            }
        }
        assertThat(tombstonesOnDisk()).as("every tombstone dropped with the values it deleted").isZero();
    }

    @Test
    void aLastLevelTableOfTombstonesWaitsForTheSnapshotThatNeedsThemAndIsNotRecompactedMeanwhile()
            throws IOException, InterruptedException {
        EngineOptions options = EngineOptions.builder().syncMode(SyncMode.NONE).build();
        try (LsmEngine db = LsmEngine.open(dir, options)) {
            load(db, 2_000);
            int loadedFiles = db.stats().totalFiles();
            Snapshot snapshot = db.snapshot();
            // Keys after every loaded key: the tombstone table overlaps nothing and moves down whole.
            for (int i = 0; i < 1_000; i++) {
                db.put(key("z", i), new byte[10]);
            }
            db.flush();
            for (int i = 0; i < 1_000; i++) {
                db.delete(key("z", i));
            }
            db.flush();

            await().atMost(BOUND).until(() -> db.stats().levels().get(0).files() == 0);
            long compactions = db.stats().compactions();
            Thread.sleep(300);
            assertThat(db.stats().compactions()).as("no compaction loop while the snapshot needs the tombstones")
                    .isEqualTo(compactions);
            assertThat(snapshot.get(key("z", 0))).as("the snapshot predates the puts").isNull();
            assertThat(db.get(key("z", 0))).isNull();
            assertThat(db.stats().totalFiles()).as("the tombstones are still in a table").isGreaterThan(loadedFiles);

            snapshot.close();
            db.put(key("a", 0), new byte[10]);
            db.flush(); // any flush lets the compaction thread look again
            await().atMost(BOUND).until(() -> db.stats().levels().get(LAST).files() == loadedFiles);
            assertThat(db.get(key("z", 0))).isNull();
        }
        assertThat(tombstonesOnDisk()).isZero();
    }

    @Test
    void offAtRatioZero() throws IOException {
        EngineOptions options = EngineOptions.builder().syncMode(SyncMode.NONE).tombstoneCompactionRatio(0).build();
        try (LsmEngine db = LsmEngine.open(dir, options)) {
            load(db, 2_000);
            for (int i = 0; i < 1_000; i++) {
                db.delete(key("k", i));
            }
            db.flush();
            // With the option on, this table is compacted within milliseconds of the flush.
            await().during(Duration.ofMillis(500)).atMost(BOUND)
                    .until(() -> db.stats().levels().get(0).files() == 1);
        }
        assertThat(tombstonesOnDisk()).isEqualTo(1_000);
    }
}
