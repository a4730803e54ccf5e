package dev.lsmkv.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The engine's threads, daemon threads named for the store: one flush thread (which also runs
 * obsolete-file cleanups), one compaction thread (background and manual compactions, never two at
 * once) and, under {@link SyncMode#PERIODIC}, one WAL sync thread.
 *
 * <p>Thread-safety: thread-safe (the executors are).
 */
final class BackgroundThreads {

    private final ExecutorService flush;
    private final ExecutorService compaction;
    private final ScheduledExecutorService sync;

    BackgroundThreads(Path dir, SyncMode syncMode) {
        this.flush = Executors.newSingleThreadExecutor(daemon("lsmkv-flush " + dir.getFileName()));
        this.compaction = Executors.newSingleThreadExecutor(daemon("lsmkv-compaction " + dir.getFileName()));
        this.sync = syncMode == SyncMode.PERIODIC
                ? Executors.newSingleThreadScheduledExecutor(daemon("lsmkv-wal-sync " + dir.getFileName()))
                : null;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    ExecutorService flushExecutor() {
        return flush;
    }

    ExecutorService compactionExecutor() {
        return compaction;
    }

    /** Under PERIODIC, runs {@code walSync} every {@code interval} (at least 1 ms); otherwise does nothing. */
    void startPeriodicSync(Runnable walSync, Duration interval) {
        if (sync != null) {
            long millis = Math.max(1, interval.toMillis());
            var unused = sync.scheduleWithFixedDelay(walSync, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops taking tasks and waits for the running ones (close). */
    void shutdown() {
        shutdownAndWait(flush);
        shutdownAndWait(compaction);
        if (sync != null) {
            shutdownAndWait(sync);
        }
    }

    /** Stops taking tasks and interrupts the running ones, without waiting (a failed open). */
    void shutdownNow() {
        flush.shutdownNow();
        compaction.shutdownNow();
        if (sync != null) {
            sync.shutdownNow();
        }
    }

    private static void shutdownAndWait(ExecutorService executor) {
        executor.shutdown();
        try {
            while (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                // A running flush or compaction sees closed at its next entry and stops; a
                // table write or read in progress finishes first.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
