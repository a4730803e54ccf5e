package dev.lsmkv.engine;

import dev.lsmkv.engine.compaction.CompactionJob;
import dev.lsmkv.engine.version.Version;
import dev.lsmkv.engine.version.VersionEdit;
import dev.lsmkv.engine.version.VersionSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link LsmEngine#compact()} after its flush (LevelDB's CompactRange over the whole key range):
 * runs on the compaction thread, so it never overlaps a background compaction, and merges every
 * table into one sorted run. The caller waits; a failure stops writes like any background error.
 *
 * <p>Thread-safety: thread-safe; each call is one task on the single compaction thread.
 */
final class ManualCompaction {

    /** Applies a version edit whose outputs are in {@code outputs} (DbImpl.applyEdit). */
    @FunctionalInterface
    interface EditApplier {
        void apply(VersionEdit edit, List<Long> outputs) throws IOException;
    }

    private final Path dir;
    private final ExecutorService compactionExecutor;
    private final ReentrantLock mutex;
    private final VersionSet versions;
    private final CompactionRunner runner;
    private final EditApplier applier;
    private final ObsoleteFiles obsoleteFiles;
    private final EngineCounters counters;
    private final BackgroundError backgroundError;

    ManualCompaction(Path dir, ExecutorService compactionExecutor, ReentrantLock mutex, VersionSet versions,
            CompactionRunner runner, EditApplier applier, ObsoleteFiles obsoleteFiles, EngineCounters counters,
            BackgroundError backgroundError) {
        this.dir = dir;
        this.compactionExecutor = compactionExecutor;
        this.mutex = mutex;
        this.versions = versions;
        this.runner = runner;
        this.applier = applier;
        this.obsoleteFiles = obsoleteFiles;
        this.counters = counters;
        this.backgroundError = backgroundError;
    }

    /** Runs the compaction on the compaction thread and waits for it. */
    void run() {
        Future<?> done;
        try {
            done = compactionExecutor.submit(() -> {
                try {
                    compactAll();
                } catch (CompactionJob.StoppedException e) {
                    throw new IllegalStateException("engine at " + dir + " was closed while the manual compaction "
                            + "ran; it was stopped and its inputs are unchanged", e);
                } catch (IOException e) {
                    throw new LsmException("manual compaction of " + dir + " failed: " + e.getMessage(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("engine at " + dir + " is closed", e);
        }
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LsmException("interrupted while waiting for compaction (it goes on in the background)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalStateException closedMeanwhile) {
                throw closedMeanwhile;
            }
            if (cause instanceof LsmException le) {
                backgroundError.set(le);
                throw le;
            }
            LsmException le = new LsmException("manual compaction of " + dir + " failed: " + cause, cause);
            backgroundError.set(le);
            throw le;
        }
    }

    /**
     * Runs on the compaction thread: merges every table into one sorted run at the shallowest
     * level that holds it within its target size (never above the deepest level in use), so
     * tombstones and expired entries are dropped wherever no snapshot still needs them.
     */
    private void compactAll() throws IOException {
        if (backgroundError.isSet()) {
            throw backgroundError.writesStopped();
        }
        Version v;
        mutex.lock();
        try {
            v = versions.refCurrent();
        } finally {
            mutex.unlock();
        }
        try {
            VersionEdit edit = new VersionEdit();
            List<Long> outputs = new ArrayList<>();
            if (!runner.compactAll(v, edit, outputs)) {
                return;
            }
            applier.apply(edit, outputs);
            counters.compactions.increment();
        } finally {
            v.unref();
        }
        obsoleteFiles.deleteObsolete();
    }
}
