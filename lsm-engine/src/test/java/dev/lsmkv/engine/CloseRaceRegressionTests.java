package dev.lsmkv.engine;

import static dev.lsmkv.engine.AckModel.b;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * KNOWN BUG, kept out of the default suite (the name matches no Surefire include); run it with
 * {@code mvn -o -pl lsm-engine test -Dtest=CloseRaceRegressionTests}. Found by
 * {@link MisuseIntegrationTests#closeWhileOthersReadWriteAndScanEndsEveryCallCleanly}.
 *
 * <p>{@code close()} sets {@code closing}, after which {@code maybeScheduleFlush} schedules
 * nothing and a running {@code backgroundFlush} returns without flushing. Anyone then waiting
 * for an immutable memtable to be flushed waits forever, with {@code awaitUninterruptibly}:
 * <ul>
 *   <li>{@code flush()} racing {@code close()}: it switched the memtable and waits in its
 *       {@code while (pending)} loop (DbImpl.flush, "backgroundDone.awaitUninterruptibly()");</li>
 *   <li>a writer stalled because {@code maxImmutableMemtables} wait for flush
 *       ({@code makeRoomForWrite}); {@code close()} itself then waits for the writer queue to
 *       drain, so close never returns either.</li>
 * </ul>
 * And the plainest case: {@code close()} with a {@code put} in the writer queue. close waits
 * ({@code while (!writers.isEmpty()) backgroundDone.awaitUninterruptibly()}, DbImpl.close) for a
 * signal on {@code backgroundDone}, but a leader that drains the queue signals only the next
 * writer's condition, never {@code backgroundDone}; with no background work to signal it, close
 * never returns.
 *
 * <p>Expected: each call returns, or throws IllegalStateException ("closed"), within seconds.
 */
class CloseRaceRegressionTests {

    @Test
    void closeRacingPlainPutsReturns() throws Exception {
        for (int round = 0; round < 20; round++) {
            LsmEngine db = LsmEngine.open(Path.of("/hang-put"),
                    EngineOptions.builder().fileSystem(new CrashableFileSystem()).build());
            for (int t = 0; t < 3; t++) {
                Thread w = new Thread(() -> {
                    try {
                        for (int i = 0; ; i++) {
                            db.put(b("k" + i), b("v"));
                        }
                    } catch (IllegalStateException closed) {
                        // expected once closed
                    }
                }, "writer-" + t);
                w.setDaemon(true);
                w.start();
            }
            Thread.sleep(20);
            Thread closer = new Thread(db::close, "closer");
            closer.setDaemon(true);
            closer.start();
            closer.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(closer.isAlive()).as("close() still running after 10 s (round %d)", round).isFalse();
        }
    }

    @Test
    void flushRacingCloseReturns() throws Exception {
        for (int round = 0; round < 20; round++) {
            LsmEngine db = LsmEngine.open(Path.of("/hang-flush"),
                    EngineOptions.builder().fileSystem(new CrashableFileSystem()).build());
            List<Thread> flushers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread f = new Thread(() -> {
                    try {
                        for (int i = 0; ; i++) {
                            db.put(b("k" + i), b("v"));
                            db.flush();
                        }
                    } catch (IllegalStateException closed) {
                        // expected once closed
                    }
                }, "flusher-" + t);
                f.setDaemon(true);
                f.start();
                flushers.add(f);
            }
            Thread.sleep(30);
            db.close();
            for (Thread f : flushers) {
                f.join(TimeUnit.SECONDS.toMillis(10));
                assertThat(f.isAlive()).as("%s still in flush() 10 s after close (round %d)", f.getName(), round)
                        .isFalse();
            }
        }
    }

    @Test
    void closeReturnsWhileWritersAreStalledOnTheMemtableQueue() throws Exception {
        for (int round = 0; round < 20; round++) {
            LsmEngine db = LsmEngine.open(Path.of("/hang-stall"), EngineOptions.builder().memtableSizeBytes(4 * 1024)
                    .maxImmutableMemtables(1).fileSystem(new CrashableFileSystem()).build());
            for (int t = 0; t < 4; t++) {
                Thread w = new Thread(() -> {
                    try {
                        for (int i = 0; ; i++) {
                            db.put(b("k" + i), new byte[2_000]);
                        }
                    } catch (IllegalStateException closed) {
                        // expected once closed
                    }
                }, "writer-" + t);
                w.setDaemon(true);
                w.start();
            }
            Thread.sleep(30);
            Thread closer = new Thread(db::close, "closer");
            closer.setDaemon(true);
            closer.start();
            closer.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(closer.isAlive()).as("close() still running after 10 s (round %d)", round).isFalse();
        }
    }
}
