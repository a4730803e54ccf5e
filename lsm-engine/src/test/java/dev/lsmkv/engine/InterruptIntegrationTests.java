package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import dev.lsmkv.engine.fs.SyncHookFileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread interrupted while it uses the engine (a web server timing out a request, say) must
 * neither break the engine for others nor lose its interrupt: NIO channels close themselves on
 * interrupt, so the file layer keeps them out of harm's way.
 */
class InterruptIntegrationTests {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void interruptedWriterAndReaderCompleteAndKeepTheirInterrupt() {
        try (LsmEngine db = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.ALWAYS)
                .blockCacheSizeBytes(0).build())) {
            db.put(b("before"), b("v"));
            db.flush();
            Thread.currentThread().interrupt();
            try {
                db.put(b("while-interrupted"), b("w")); // WAL append + fsync
                db.flush();                             // new WAL, directory fsync, table write
                assertThat(db.get(b("before"))).isEqualTo(b("v")); // positional read of a table
                assertThat(Thread.currentThread().isInterrupted()).as("interrupt kept").isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(db.stats().healthy()).isTrue();
            db.put(b("after"), b("x"));
            assertThat(db.get(b("while-interrupted"))).isEqualTo(b("w"));
            assertThat(db.get(b("before"))).isEqualTo(b("v"));
        }
        try (LsmEngine db = LsmEngine.open(dir)) {
            assertThat(db.get(b("while-interrupted"))).isEqualTo(b("w"));
            assertThat(db.get(b("after"))).isEqualTo(b("x"));
        }
    }

    /**
     * A writer queued behind a leader parks until its group is written; interrupted, it must
     * neither spin (park returns at once while the flag is set) nor give up, and keeps its flag.
     */
    @Test
    void anInterruptedWriterQueuedBehindALeaderParksCompletesAndKeepsItsInterrupt() throws Exception {
        CountDownLatch syncing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean blockNextSync = new AtomicBoolean(false);
        SyncHookFileSystem fs = new SyncHookFileSystem(new CrashableFileSystem()) {
            @Override
            protected void beforeSync(Path file) {
                if (blockNextSync.compareAndSet(true, false)) {
                    syncing.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        Path store = Path.of("/interrupt-db");
        try (LsmEngine db = LsmEngine.open(store, EngineOptions.builder().syncMode(SyncMode.ALWAYS)
                .fileSystem(fs).build())) {
            blockNextSync.set(true);
            Thread leader = new Thread(() -> db.put(b("leader"), b("1")), "leader");
            leader.start();
            assertThat(syncing.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicBoolean keptInterrupt = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread follower = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    db.put(b("follower"), b("2"));
                    keptInterrupt.set(Thread.currentThread().isInterrupted());
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "follower");
            follower.start();
            try {
                // Parked (WAITING) behind the leader's fsync, not spinning (RUNNABLE) on its flag.
                await().atMost(Duration.ofSeconds(10)).until(() -> follower.getState() == Thread.State.WAITING);
                int samples = 200;
                int waiting = 0;
                for (int i = 0; i < samples; i++) {
                    Thread.sleep(1);
                    if (follower.getState() == Thread.State.WAITING) {
                        waiting++;
                    }
                }
                assertThat(waiting).as("samples (of %d) that found the queued follower parked", samples)
                        .isGreaterThanOrEqualTo(samples * 9 / 10);
            } finally {
                release.countDown(); // also when an assertion failed: close() waits for the leader
            }
            leader.join(10_000);
            follower.join(10_000);
            assertThat(failure.get()).isNull();
            assertThat(keptInterrupt.get()).as("interrupt kept").isTrue();
            assertThat(db.get(b("leader"))).isEqualTo(b("1"));
            assertThat(db.get(b("follower"))).isEqualTo(b("2"));
        }
    }

    @Test
    void readersKeepWorkingWhileAnotherReaderIsInterruptedRepeatedly() throws Exception {
        try (LsmEngine db = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE)
                .blockCacheSizeBytes(0).build())) {
            for (int i = 0; i < 2_000; i++) {
                db.put(b(String.format("k%05d", i)), b("v" + i));
            }
            db.flush();
            AtomicBoolean stop = new AtomicBoolean();
            Thread victim = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        db.get(b("k00042"));
                    } catch (LsmException ignored) {
                        // An interrupt that lands mid-read may fail this thread's read: allowed.
                    }
                    Thread.interrupted();
                }
            });
            victim.start();
            try {
                for (int round = 0; round < 200; round++) {
                    victim.interrupt();
                    int i = round * 7 % 2_000;
                    assertThat(db.get(b(String.format("k%05d", i)))).isEqualTo(b("v" + i));
                }
            } finally {
                stop.set(true);
                victim.join();
            }
            assertThat(db.stats().healthy()).isTrue();
        }
    }
}
