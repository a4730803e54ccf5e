package dev.lsmkv.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Power loss with preallocated WALs ({@link EngineOptions#walPreallocate()}, format version 2):
 * {@link CrashableFileSystem#crashClone(Random)} brings each WAL page written since the last sync
 * back either as written or as it was at that sync, at random, as a kernel that writes pages back
 * in no set order leaves them. The store must open every time (a page that came back as zeros, with
 * records after it, is a torn tail, not corruption), keep every write acknowledged as durable, and
 * recover a prefix of each writer's writes (no write lost with a later one kept).
 */
class PreallocatedWalPowerLossTests {

    private static final Path DIR = Path.of("/power-loss-db");

    private static byte[] key(int writer, int i) {
        return String.format("w%d-%06d", writer, i).getBytes(UTF_8);
    }

    private static byte[] value(int writer, int i) {
        return ("value-" + writer + "-" + i + "-" + "x".repeat((i * 37 + writer) % 700)).getBytes(UTF_8);
    }

    /**
     * ALWAYS, three writers, each waiting for its put before the next: at each of many moments the
     * state a power loss would leave opens with every put acknowledged before that moment, and each
     * writer's puts present are a prefix of its puts (at most the one in flight beyond those).
     */
    @Test
    void alwaysKeepsEveryAcknowledgedWriteWhateverPagesWereWrittenBack() throws Exception {
        CrashableFileSystem fs = new CrashableFileSystem();
        EngineOptions options = EngineOptions.builder().syncMode(SyncMode.ALWAYS).fileSystem(fs)
                .memtableSizeBytes(512 * 1024).build();
        assertThat(options.walPreallocate()).isTrue();
        int writers = 3;
        AtomicIntegerArray acked = new AtomicIntegerArray(writers);
        AtomicBoolean stop = new AtomicBoolean();
        Random writeback = new Random(20261208);
        int crashes = 0;
        try (LsmEngine db = LsmEngine.open(DIR, options)) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; !stop.get(); i++) {
                            db.put(key(writer, i), value(writer, i));
                            acked.set(writer, i + 1);
                        }
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }, "writer-" + w);
                threads.add(t);
                t.start();
            }
            try {
                // at least 12 power losses, and on until WALs have been switched (a flush) twice
                while (crashes < 12 || (db.stats().flushes() < 2 && crashes < 400)) {
                    Thread.sleep(15);
                    int[] before = new int[writers];
                    for (int w = 0; w < writers; w++) {
                        before[w] = acked.get(w);
                    }
                    CrashableFileSystem afterPowerLoss = fs.crashClone(writeback);
                    checkRecovered(afterPowerLoss, options, before, writers);
                    crashes++;
                }
            } finally {
                stop.set(true);
                for (Thread t : threads) {
                    t.join();
                }
            }
            assertThat(db.stats().flushes()).as("memtable switches: WALs written, closed and started").isGreaterThanOrEqualTo(2);
        }
    }

    /**
     * PERIODIC, one writer: whatever pages of the WAL's unsynced tail came back, the store opens
     * with a prefix of the writes, and at least every write made before a flush that returned.
     */
    @Test
    void periodicRecoversAPrefixWhateverPagesWereWrittenBack() throws Exception {
        CrashableFileSystem fs = new CrashableFileSystem();
        EngineOptions options = EngineOptions.builder().syncMode(SyncMode.PERIODIC).syncInterval(Duration.ofMillis(2))
                .fileSystem(fs).memtableSizeBytes(512 * 1024).build();
        Random writeback = new Random(7);
        try (LsmEngine db = LsmEngine.open(DIR, options)) {
            int written = 0;
            int flushedUpTo = 0;
            for (int round = 0; round < 40; round++) {
                int n = 200 + writeback.nextInt(400);
                for (int i = 0; i < n; i++, written++) {
                    db.put(key(0, written), value(0, written));
                }
                if (round % 10 == 9) {
                    db.flush();
                    flushedUpTo = written;
                }
                checkRecovered(fs.crashClone(writeback), options, new int[] {flushedUpTo}, 1);
            }
        }
    }

    /**
     * Opens the state a power loss left and checks it: for each writer, its keys present are
     * 0..m-1 for some m at least {@code durable[writer]}, each with its value.
     */
    private static void checkRecovered(CrashableFileSystem afterPowerLoss, EngineOptions options, int[] durable,
            int writers) throws Exception {
        try (LsmEngine recovered = LsmEngine.open(DIR, options.toBuilder().fileSystem(afterPowerLoss).build())) {
            for (int w = 0; w < writers; w++) {
                int present = 0;
                while (recovered.get(key(w, present)) != null) {
                    assertThat(recovered.get(key(w, present))).isEqualTo(value(w, present));
                    present++;
                }
                assertThat(present).as("writer %d: writes present after the power loss", w).isGreaterThanOrEqualTo(durable[w]);
                for (int gap = 1; gap <= 64; gap++) {
                    assertThat(recovered.get(key(w, present + gap)))
                            .as("writer %d: write %d present though write %d is lost", w, present + gap, present).isNull();
                }
            }
        }
    }
}
