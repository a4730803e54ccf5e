package dev.lsmkv.engine;

import static dev.lsmkv.engine.AckModel.b;
import static dev.lsmkv.engine.AckModel.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, bug 2: a failure while the leader inserts its group into the memtable (it runs
 * without the mutex) used to leave {@code enqueue} without the mutex: its {@code finally} threw
 * {@link IllegalMonitorStateException} instead of the cause, and the writer queued behind the
 * leader was never woken. Now the cause reaches the caller, every queued writer returns, and
 * the engine is read-only with that cause until reopened.
 */
class WriteFailureIntegrationTests {

    private static final Path DIR = Path.of("/write-failure");

    @Test
    void memtableInsertFailureReachesTheCallerAndStopsWrites() {
        CrashableFileSystem fs = new CrashableFileSystem();
        EngineOptions opts = EngineOptions.builder().fileSystem(fs).build();
        LsmEngine db = LsmEngine.open(DIR, opts);
        db.put(b("before"), b("1"));
        IllegalStateException boom = new IllegalStateException("insert failed on purpose");
        ((DbImpl) db).setBeforeMemTableInsertHook(() -> {
            throw boom;
        });

        assertThatThrownBy(() -> db.put(b("k"), b("v")))
                .isInstanceOf(LsmException.class)
                .hasMessageContaining("memtable")
                .hasRootCause(boom);
        ((DbImpl) db).setBeforeMemTableInsertHook(null);
        assertThatThrownBy(() -> db.put(b("later"), b("v")))
                .isInstanceOf(LsmException.class)
                .hasMessageContaining("writes to " + DIR + " are stopped")
                .hasRootCause(boom);
        assertThat(s(db.get(b("before")))).isEqualTo("1");
        assertThat(db.get(b("later"))).isNull();
        assertThat(db.stats().backgroundError()).contains("insert failed on purpose");
        db.close();

        try (LsmEngine reopened = LsmEngine.open(DIR, opts)) {
            assertThat(s(reopened.get(b("before")))).isEqualTo("1");
            reopened.put(b("after"), b("2"));
            assertThat(s(reopened.get(b("after")))).isEqualTo("2");
        }
    }

    @Test
    void writerQueuedBehindAFailedLeaderReturns() throws Exception {
        LsmEngine db = LsmEngine.open(DIR, EngineOptions.builder().fileSystem(new CrashableFileSystem()).build());
        CountDownLatch leaderInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ((DbImpl) db).setBeforeMemTableInsertHook(() -> {
            leaderInside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new OutOfMemoryError("simulated");
        });
        AtomicReference<Throwable> leaderError = new AtomicReference<>();
        Thread leader = new Thread(() -> {
            try {
                db.put(b("a"), b("1"));
            } catch (Throwable t) {
                leaderError.set(t);
            }
        }, "leader");
        leader.setDaemon(true);
        leader.start();
        assertThat(leaderInside.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicReference<Throwable> followerError = new AtomicReference<>();
        Thread follower = new Thread(() -> {
            try {
                db.put(b("b"), b("2"));
            } catch (Throwable t) {
                followerError.set(t);
            }
        }, "follower");
        follower.setDaemon(true);
        follower.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (follower.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1); // until it waits in the writer queue behind the leader
        }
        release.countDown();

        leader.join(TimeUnit.SECONDS.toMillis(10));
        follower.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(leader.isAlive()).as("leader returned").isFalse();
        assertThat(follower.isAlive()).as("the writer behind the failed leader returned").isFalse();
        assertThat(leaderError.get()).isInstanceOf(LsmException.class).hasRootCauseInstanceOf(OutOfMemoryError.class);
        assertThat(followerError.get()).isInstanceOf(LsmException.class).hasMessageContaining("stopped");
        db.close();
    }
}
