package dev.lsmkv.engine;

import dev.lsmkv.engine.compaction.Compaction;
import dev.lsmkv.engine.compaction.CompactionJob;
import dev.lsmkv.engine.compaction.CompactionPicker;
import dev.lsmkv.engine.version.VersionEdit;
import dev.lsmkv.engine.version.VersionSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the flush thread and the compaction thread run once scheduled (LevelDB's BackgroundCall,
 * Pebble's flush and compaction loops in compaction.go): the flush of the oldest immutable
 * memtables, one at a time, and one picked compaction, rescheduling itself while there is work.
 * Scheduling itself (the flags that say a task is queued) stays in {@link DbImpl}, which owns the
 * state under its mutex; this class reads and updates that state under the same mutex
 * ({@code db.mutex}), so Error Prone's {@code @GuardedBy} check covers it here too.
 *
 * <p>Failures: any error but a stop requested by close() becomes the engine's background error
 * (writes stop, reads go on). A stopped flush leaves the memtable's writes in its WAL, recovered
 * at the next open; a stopped compaction leaves its inputs live.
 */
final class BackgroundWork {

    private final DbImpl db;
    private final VersionSet versions;
    private final CompactionPicker picker;
    private final CompactionRunner runner;
    private final ObsoleteFiles obsoleteFiles;
    private final EngineCounters counters;
    private final BackgroundError backgroundError;

    BackgroundWork(DbImpl db, VersionSet versions, CompactionPicker picker, CompactionRunner runner,
            ObsoleteFiles obsoleteFiles, EngineCounters counters, BackgroundError backgroundError) {
        this.db = db;
        this.versions = versions;
        this.picker = picker;
        this.runner = runner;
        this.obsoleteFiles = obsoleteFiles;
        this.counters = counters;
        this.backgroundError = backgroundError;
    }

    /** The flush thread's task: flushes the oldest immutable memtable until none is left. */
    void flush() {
        try {
            while (true) {
                MemTableList.ImmutableMemTable imm;
                long logNumber;
                db.mutex.lock();
                try {
                    imm = db.memtables.oldestImmutable();
                    if (imm == null || db.closing || backgroundError.isSet()) {
                        db.flushScheduled = false;
                        db.backgroundDone.signalAll();
                        return;
                    }
                    logNumber = db.memtables.logNumberAfterOldestFlush();
                } finally {
                    db.mutex.unlock();
                }
                flushOne(imm, logNumber);
            }
        } catch (Throwable e) {
            if (!(e instanceof CompactionJob.StoppedException)) {
                backgroundError.set(new LsmException("flush of a memtable to " + db.dir() + " failed: "
                        + e.getMessage(), e));
            } // else closing: the memtable's writes stay in its WAL and are recovered at the next open
            db.mutex.lock();
            try {
                db.flushScheduled = false;
            } finally {
                db.mutex.unlock();
            }
        }
    }

    /**
     * Writes {@code imm} as one L0 table and applies the edit, which also sets the manifest's log
     * number to {@code logNumber} (the WAL of the next newer memtable): imm's WAL is then obsolete.
     */
    private void flushOne(MemTableList.ImmutableMemTable imm, long logNumber) throws IOException {
        VersionEdit edit = new VersionEdit();
        List<Long> outputs = new ArrayList<>();
        runner.flush(imm.mem(), edit, outputs);
        edit.setLogNumber(logNumber);
        db.applyEdit(edit, outputs, imm);
        obsoleteFiles.deleteObsolete();
    }

    /** The compaction thread's task: runs one picked compaction, then reschedules itself while there is work. */
    void compact() {
        boolean didWork = false;
        try {
            Compaction c = null;
            db.mutex.lock();
            try {
                if (!db.closing && !backgroundError.isSet()) {
                    c = picker.pick(versions, db.smallestSnapshot());
                }
            } finally {
                db.mutex.unlock();
            }
            if (c != null) {
                runCompaction(c);
                didWork = true;
            }
        } catch (CompactionJob.StoppedException e) {
            // close() asked: the inputs stay live, the partial outputs are deleted at the next open.
        } catch (Throwable e) {
            backgroundError.set(new LsmException("compaction in " + db.dir() + " failed: " + e.getMessage(), e));
        } finally {
            db.mutex.lock();
            try {
                db.compactionScheduled = false;
                db.backgroundDone.signalAll();
                if (didWork) {
                    db.maybeScheduleCompaction();
                }
            } finally {
                db.mutex.unlock();
            }
        }
    }

    private void runCompaction(Compaction c) throws IOException {
        try {
            VersionEdit edit = new VersionEdit();
            List<Long> outputs = new ArrayList<>();
            runner.compact(c, edit, outputs);
            db.applyEdit(edit, outputs, null);
            counters.compactions.increment();
        } finally {
            c.inputVersion().unref();
        }
        obsoleteFiles.deleteObsolete();
    }
}
