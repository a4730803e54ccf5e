package dev.lsmkv.engine;

import static dev.lsmkv.engine.AckModel.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import dev.lsmkv.engine.fs.FaultInjectingFileSystem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A full disk in a flush, a manual compaction and background work: the call fails with an
 * {@link LsmException} saying "No space left on device", later writes are refused with the
 * same cause, reads go on, and once space is back a reopen (also after power loss) has every
 * acknowledged write. {@link FaultInjectionIntegrationTests} covers a full disk in the WAL.
 */
class DiskFullIntegrationTests {

    private static final Path DIR = Path.of("/full-db");
    private static final String ENOSPC = FaultInjectingFileSystem.DISK_FULL_MESSAGE;

    private static EngineOptions.Builder options() {
        return EngineOptions.builder().syncMode(SyncMode.ALWAYS).compression(Compression.NONE)
                .blockCacheSizeBytes(0);
    }

    @Test
    void diskFullDuringFlushFailsTheFlushAndStopsWrites() {
        // Budgets from "nothing" to "almost the whole table": the failure lands in the table's
        // data, index, filter or footer, or in the manifest edit after it.
        for (long budget : new long[] {0, 1, 100, 4_000, 12_000, 20_000, 24_000}) {
            CrashableFileSystem disk = new CrashableFileSystem();
            FaultInjectingFileSystem fs = new FaultInjectingFileSystem(disk);
            EngineOptions opts = options().fileSystem(fs).build();
            AckModel model = new AckModel();
            LsmEngine db = LsmEngine.open(DIR, opts);
            for (int i = 0; i < 500; i++) {
                String key = String.format("key%05d", i);
                db.put(b(key), b("value-" + i + "-" + "x".repeat(30)));
                model.ack(key, "value-" + i + "-" + "x".repeat(30));
            }
            fs.failAfterBytes(budget);
            boolean flushed;
            try {
                db.flush();
                flushed = true;
            } catch (LsmException e) {
                flushed = false;
                assertThat(e).as("budget %d", budget).hasStackTraceContaining(ENOSPC);
            }
            if (budget <= 4_000) {
                assertThat(flushed).as("a %d-byte budget cannot hold the table", budget).isFalse();
            }
            if (!flushed) {
                assertThat(db.stats().backgroundError()).as("budget %d", budget).contains(ENOSPC);
                assertThatThrownBy(() -> db.put(b("refused"), b("x"))).isInstanceOf(LsmException.class)
                        .hasMessageContaining(ENOSPC);
                model.maybe("refused", "x");
            }
            model.verify(db, "budget " + budget + ", disk still full");
            checkRecovered(disk, fs, db, model, "flush, budget " + budget);
        }
    }

    @Test
    void diskFullDuringManualCompactionFailsItAndLosesNothing() {
        for (long budget : new long[] {0, 50, 3_000, 10_000, 30_000}) {
            CrashableFileSystem disk = new CrashableFileSystem();
            FaultInjectingFileSystem fs = new FaultInjectingFileSystem(disk);
            EngineOptions opts = options().level0CompactionTrigger(20).level0SlowdownTrigger(20)
                    .level0StopTrigger(24).fileSystem(fs).build();
            AckModel model = new AckModel();
            LsmEngine db = LsmEngine.open(DIR, opts);
            for (int round = 0; round < 4; round++) {
                for (int i = round; i < 300; i += 2) {
                    String key = String.format("key%05d", i);
                    String value = "round" + round + "-" + "y".repeat(40);
                    db.put(b(key), b(value));
                    model.ack(key, value);
                }
                db.delete(b(String.format("key%05d", round * 7)));
                model.ack(String.format("key%05d", round * 7), null);
                db.flush();
            }
            fs.failAfterBytes(budget);
            try {
                db.compact();
                assertThat(budget).as("compaction fitted in the budget").isGreaterThan(3_000);
            } catch (LsmException e) {
                assertThat(e).as("budget %d", budget).hasStackTraceContaining(ENOSPC);
                assertThat(db.stats().backgroundError()).contains(ENOSPC);
                assertThatThrownBy(() -> db.delete(b("key00001"))).isInstanceOf(LsmException.class)
                        .hasMessageContaining(ENOSPC);
                model.maybe("key00001", null);
            }
            model.verify(db, "budget " + budget + ", disk still full");
            checkRecovered(disk, fs, db, model, "compaction, budget " + budget);
        }
    }

    @Test
    void diskFullInBackgroundFlushAndCompactionStopsWritesClearly() {
        // A tiny memtable and L0 trigger: the budget runs out in whichever of WAL, background
        // flush or background compaction writes next.
        for (long budget = 2_000; budget <= 80_000; budget += 13_000) {
            CrashableFileSystem disk = new CrashableFileSystem();
            FaultInjectingFileSystem fs = new FaultInjectingFileSystem(disk);
            EngineOptions opts = options().memtableSizeBytes(4 * 1024).level0CompactionTrigger(2)
                    .level0SlowdownTrigger(3).level0StopTrigger(4).fileSystem(fs).build();
            AckModel model = new AckModel();
            LsmEngine db = LsmEngine.open(DIR, opts);
            fs.failAfterBytes(budget);
            LsmException failure = null;
            for (int i = 0; i < 5_000 && failure == null; i++) {
                String key = String.format("key%05d", i % 700);
                String value = "v" + i + "-" + "z".repeat(60);
                try {
                    db.put(b(key), b(value));
                    model.ack(key, value);
                } catch (LsmException e) {
                    failure = e;
                    model.maybe(key, value);
                }
            }
            assertThat(failure).as("budget %d ran out", budget).isNotNull();
            assertThat(failure.getMessage()).as("budget %d", budget).contains(ENOSPC);
            assertThat(db.stats().backgroundError()).contains(ENOSPC);
            assertThat(db.stats().healthy()).isFalse();
            model.verify(db, "budget " + budget + ", disk still full");
            checkRecovered(disk, fs, db, model, "background, budget " + budget);
        }
    }

    /** Power loss now, and close; with space back, both reopen with every acknowledged write. */
    private static void checkRecovered(CrashableFileSystem disk, FaultInjectingFileSystem fs, LsmEngine db,
            AckModel model, String when) {
        CrashableFileSystem afterPowerLoss = disk.crashClone();
        try {
            db.close();
        } catch (LsmException e) {
            assertThat(e).hasStackTraceContaining(ENOSPC);
        }
        fs.clear();
        try (LsmEngine again = LsmEngine.open(DIR, options().fileSystem(afterPowerLoss).build())) {
            model.verify(again, when + ", after power loss");
        }
        try (LsmEngine again = LsmEngine.open(DIR, options().fileSystem(fs).build())) {
            model.verify(again, when + ", after reopen");
            assertThat(again.stats().healthy()).isTrue();
            again.put(b("writable-again"), b("yes"));
            assertThat(again.get(b("writable-again"))).isEqualTo(b("yes"));
        }
    }
}
