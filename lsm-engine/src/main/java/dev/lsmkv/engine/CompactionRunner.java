package dev.lsmkv.engine;

import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.compaction.Compaction;
import dev.lsmkv.engine.compaction.CompactionJob;
import dev.lsmkv.engine.compaction.CompactionPicker;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.iterator.MergingIterator;
import dev.lsmkv.engine.memtable.MemTable;
import dev.lsmkv.engine.sstable.TableOptions;
import dev.lsmkv.engine.version.FileMetaData;
import dev.lsmkv.engine.version.Version;
import dev.lsmkv.engine.version.VersionEdit;
import dev.lsmkv.engine.version.VersionSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Runs flushes and compactions (Pebble's compaction.go, LevelDB's WriteLevel0Table and
 * DoCompactionWork): opens the inputs, writes the output tables through {@link CompactionJob},
 * fsyncs the directory, and describes the result in a {@link VersionEdit}. It never applies an
 * edit: the engine does, under its own rules (DbImpl.applyEdit).
 *
 * <p>Every output number is noted in the caller's {@code outputs} and kept from obsolete-file
 * deletion ({@link ObsoleteFiles#addPending}) until the edit naming it has been applied.
 *
 * <p>Thread-safety: stateless but for counters; the engine runs one flush and one compaction
 * at a time, each on its own thread.
 */
final class CompactionRunner {

    private final Path dir;
    private final Vfs fs;
    private final TableOptions tableOptions;
    private final long targetFileSizeBytes;
    private final VersionSet versions;
    private final CompactionPicker picker;
    private final TableCache tableCache;
    private final ReadPath readPath;
    private final ObsoleteFiles obsoleteFiles;
    private final EngineCounters counters;
    private final LongSupplier smallestSnapshot;
    private final LongSupplier nowMillis;
    private final BooleanSupplier stopRequested;
    private final EngineEventListener events;

    CompactionRunner(Path dir, Vfs fs, TableOptions tableOptions, long targetFileSizeBytes, VersionSet versions,
            CompactionPicker picker, TableCache tableCache, ReadPath readPath, ObsoleteFiles obsoleteFiles,
            EngineCounters counters, LongSupplier smallestSnapshot, LongSupplier nowMillis,
            BooleanSupplier stopRequested, EngineEventListener events) {
        this.dir = dir;
        this.fs = fs;
        this.tableOptions = tableOptions;
        this.targetFileSizeBytes = targetFileSizeBytes;
        this.versions = versions;
        this.picker = picker;
        this.tableCache = tableCache;
        this.readPath = readPath;
        this.obsoleteFiles = obsoleteFiles;
        this.counters = counters;
        this.smallestSnapshot = smallestSnapshot;
        this.nowMillis = nowMillis;
        this.stopRequested = stopRequested;
        this.events = events;
    }

    /**
     * Writes a memtable as one L0 table (fsync'd, directory fsync'd) and adds it to {@code edit}.
     * Returns the bytes written.
     */
    long flush(MemTable memtable, VersionEdit edit, List<Long> outputs) throws IOException {
        long bytes = 0;
        long start = System.nanoTime();
        long memtableBytes = memtable.approximateMemoryUsage();
        events.flushBegin(memtableBytes);
        try (InternalIterator it = memtable.iterator()) {
            CompactionJob.Result result = job(outputs, key -> false, null, Long.MAX_VALUE).run(it);
            fs.syncDirectory(dir);
            for (FileMetaData f : result.outputs()) {
                edit.addFile(0, f);
                counters.bytesFlushed.add(f.fileSize());
                bytes += f.fileSize();
            }
            counters.flushes.increment();
        }
        events.flushEnd(memtableBytes, bytes, Duration.ofNanos(System.nanoTime() - start));
        return bytes;
    }

    /** Runs picked compaction {@code c} into {@code edit}: a trivial move, or a merge into new tables. */
    void compact(Compaction c, VersionEdit edit, List<Long> outputs) throws IOException {
        long start = System.nanoTime();
        c.addInputDeletions(edit);
        if (c.isTrivialMove()) {
            events.compactionBegin(c.level(), c.outputLevel(), 0);
            edit.addFile(c.outputLevel(), c.inputs().get(0));
            events.compactionEnd(c.level(), c.outputLevel(), 0, 0, Duration.ofNanos(System.nanoTime() - start));
            return;
        }
        List<InternalIterator> children = new ArrayList<>();
        if (c.level() == 0) {
            for (FileMetaData f : c.inputs()) {
                children.add(tableCache.iterator(f.number(), false));
            }
        } else {
            children.add(readPath.levelIterator(c.inputs(), false));
        }
        if (!c.outputLevelInputs().isEmpty()) {
            children.add(readPath.levelIterator(c.outputLevelInputs(), false));
        }
        long bytesRead = 0;
        for (FileMetaData f : c.inputs()) {
            bytesRead += f.fileSize();
        }
        for (FileMetaData f : c.outputLevelInputs()) {
            bytesRead += f.fileSize();
        }
        events.compactionBegin(c.level(), c.outputLevel(), bytesRead);
        CompactionJob.Result result;
        try (InternalIterator input = new MergingIterator(children)) {
            result = job(outputs, c::isBaseLevelForKey, c::shouldStopBefore, targetFileSizeBytes).run(input);
        }
        fs.syncDirectory(dir);
        for (FileMetaData f : result.outputs()) {
            edit.addFile(c.outputLevel(), f);
        }
        counters.compactionBytesRead.add(bytesRead);
        counters.compactionBytesWritten.add(result.bytesWritten());
        events.compactionEnd(c.level(), c.outputLevel(), bytesRead, result.bytesWritten(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Merges every table of {@code v} into one sorted run at the shallowest level that holds it
     * within its target size (never above the deepest level in use), so tombstones and expired
     * entries are dropped wherever no snapshot still needs them. Returns false, with
     * {@code edit} untouched, if {@code v} has no table.
     */
    boolean compactAll(Version v, VersionEdit edit, List<Long> outputs) throws IOException {
        long start = System.nanoTime();
        List<InternalIterator> children = new ArrayList<>();
        long bytes = 0;
        int deepest = 0;
        int fileCount = 0;
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            List<FileMetaData> files = v.files(level);
            for (FileMetaData f : files) {
                bytes += f.fileSize();
                fileCount++;
            }
            if (!files.isEmpty()) {
                deepest = level;
                if (level == 0) {
                    for (FileMetaData f : files) {
                        children.add(tableCache.iterator(f.number(), false));
                    }
                } else {
                    children.add(readPath.levelIterator(files, false));
                }
            }
        }
        if (fileCount == 0) {
            return false;
        }
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            for (FileMetaData f : v.files(level)) {
                edit.deleteFile(level, f.number());
            }
        }
        int outputLevel = picker.fullCompactionOutputLevel(deepest, bytes);
        events.compactionBegin(-1, outputLevel, bytes);
        CompactionJob.Result result;
        try (InternalIterator input = new MergingIterator(children)) {
            result = job(outputs, key -> true, null, targetFileSizeBytes).run(input);
        }
        fs.syncDirectory(dir);
        for (FileMetaData f : result.outputs()) {
            edit.addFile(outputLevel, f);
        }
        counters.compactionBytesRead.add(bytes);
        counters.compactionBytesWritten.add(result.bytesWritten());
        events.compactionEnd(-1, outputLevel, bytes, result.bytesWritten(), Duration.ofNanos(System.nanoTime() - start));
        return true;
    }

    private CompactionJob job(List<Long> outputs, Predicate<byte[]> isBase, Predicate<byte[]> stopBefore,
            long targetFileSize) {
        LongSupplier outputNumbers = () -> {
            long n = versions.newFileNumber();
            obsoleteFiles.addPending(n);
            outputs.add(n);
            return n;
        };
        return new CompactionJob(dir, fs, tableOptions, outputNumbers, smallestSnapshot.getAsLong(),
                nowMillis.getAsLong(), isBase, stopBefore, targetFileSize, stopRequested);
    }
}
