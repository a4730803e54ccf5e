package dev.lsmkv.engine;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.FileType;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.version.VersionSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Which files of the directory are still needed, and the deletion of the others (Pebble's
 * obsolete_files.go): tables no live version names and that are not outputs being written,
 * WALs older than the manifest's log number that no memtable needs, superseded manifests and
 * temp files.
 *
 * <p>Thread-safety: thread-safe. The pending-output set has its own lock ({@code pending});
 * deletions are serialized by a second one ({@code deleting}), so that two cleanups never race
 * on the same directory listing. Neither is the engine mutex, which a cleanup takes only briefly
 * (through {@code liveWals}) to read the WALs memtables still need.
 *
 * <p>Invariant: a number enters the pending set before its file is created and leaves it only
 * after a version names it (or never, if the edit failed: the engine is then in error and
 * deletes nothing until reopened).
 */
final class ObsoleteFiles {

    private final Path dir;
    private final Vfs fs;
    private final VersionSet versions;
    private final TableCache tableCache;
    private final Supplier<Set<Long>> liveWals;
    private final BooleanSupplier inError;
    private final EngineEventListener events;

    private final Object pending = new Object();
    @GuardedBy("pending")
    private final Set<Long> pendingOutputs = new HashSet<>();
    private final Object deleting = new Object();
    private final AtomicBoolean deletionScheduled = new AtomicBoolean();

    /**
     * @param liveWals the WAL numbers memtables still need (the active one and those waiting for flush)
     * @param inError  true once a background error stopped writes: nothing is deleted then
     */
    ObsoleteFiles(Path dir, Vfs fs, VersionSet versions, TableCache tableCache, Supplier<Set<Long>> liveWals,
            BooleanSupplier inError, EngineEventListener events) {
        this.dir = dir;
        this.fs = fs;
        this.versions = versions;
        this.tableCache = tableCache;
        this.liveWals = liveWals;
        this.inError = inError;
        this.events = events;
    }

    /** Keeps file {@code number} (an output about to be written) from deletion. */
    void addPending(long number) {
        synchronized (pending) {
            pendingOutputs.add(number);
        }
    }

    /** The outputs are live (named by the current version) or abandoned: no longer pending. */
    void removePending(Collection<Long> numbers) {
        synchronized (pending) {
            pendingOutputs.removeAll(numbers);
        }
    }

    /**
     * Runs {@link #deleteObsolete} on {@code executor} (the flush thread) unless a run is already
     * queued: called when a read view is released, which may have made its version's files
     * obsolete. If the executor is shut down, the next open cleans up.
     */
    void scheduleDeletion(Executor executor) {
        if (deletionScheduled.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    deletionScheduled.set(false);
                    deleteObsolete();
                });
            } catch (RejectedExecutionException e) {
                deletionScheduled.set(false); // shutting down: the next open cleans up
            }
        }
    }

    /**
     * Deletes what no one needs.
     *
     * <p>Order matters: list the directory, then read the pending outputs, then the live files.
     * A listed file existed before the pending set was read; if it is an output its number
     * entered the pending set before the file was created, and it leaves the set only after it
     * is live. Reading in any other order can delete an output created in between.
     */
    void deleteObsolete() {
        synchronized (deleting) {
            if (inError.getAsBoolean()) {
                // An edit whose manifest write failed may still name its new files: keep
                // everything until a reopen has re-read the manifest.
                return;
            }
            try {
                List<String> names = fs.list(dir);
                Set<Long> pendingNow;
                synchronized (pending) {
                    pendingNow = new HashSet<>(pendingOutputs);
                }
                Set<Long> live = versions.liveFileNumbers();
                long logNumber = versions.logNumber();
                long manifestNumber = versions.manifestFileNumber();
                Set<Long> wals = liveWals.get();
                for (String name : names) {
                    FileNames.Parsed p = FileNames.parse(name);
                    if (p == null) {
                        continue;
                    }
                    boolean obsolete = switch (p.type()) {
                        case TABLE -> !live.contains(p.number()) && !pendingNow.contains(p.number());
                        case WAL -> p.number() < logNumber && !wals.contains(p.number());
                        case MANIFEST -> p.number() < manifestNumber && !versions.recoveredFromTornTail();
                        case TEMP -> !pendingNow.contains(p.number());
                        default -> false;
                    };
                    if (obsolete) {
                        if (p.type() == FileType.TABLE) {
                            tableCache.evict(p.number());
                        }
                        Path file = dir.resolve(name);
                        try {
                            fs.delete(file);
                            events.fileDeleted(file);
                        } catch (IOException e) {
                            // Housekeeping: reported, and retried at the next cleanup or open.
                            events.cleanupFailed(file, e);
                        }
                    }
                }
            } catch (IOException e) {
                events.cleanupFailed(dir, e); // the listing failed
            }
        }
    }
}
