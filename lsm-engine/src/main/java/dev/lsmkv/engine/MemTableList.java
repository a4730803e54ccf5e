package dev.lsmkv.engine;

import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.fs.WritableFile;
import dev.lsmkv.engine.memtable.MemTable;
import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The memtables that hold writes not yet in a table (LevelDB's mem_ and imm_, Pebble's
 * flushable queue): the active one, which takes the writes, with its WAL; and the immutable
 * ones waiting for flush, newest first, each with the WAL that holds its writes. A switch
 * starts a new WAL and makes the active memtable immutable.
 *
 * <p>Thread-safety: none. The engine guards the instance with its mutex (its field is
 * {@code @GuardedBy}); only the writer-queue leader (or recovery, before any writer) switches, so
 * no insert ever lands in a memtable being flushed. The active WAL file is also published to
 * {@code activeWalFile}, which the periodic sync reads without the mutex.
 */
final class MemTableList {

    /** A memtable waiting for flush, with the WAL that holds its writes. */
    record ImmutableMemTable(MemTable mem, long walNumber, long walBytes) {
    }

    private final Path dir;
    private final Vfs fs;
    private final SyncMode syncMode;
    private final long memtableSizeBytes;
    private final boolean pointIndex;
    /** WALs written through a mapping ({@link EngineOptions#walMmapWrites()}, never under ALWAYS). */
    private final boolean mappedWal;
    /** WALs written into preallocated space: mapped ones, and any with {@link EngineOptions#walPreallocate()}. */
    private final boolean preallocatedWal;
    private final AtomicReference<WritableFile> activeWalFile;

    private MemTable active;
    private long activeWalNumber;
    private LogWriter wal;
    private final List<ImmutableMemTable> immutables = new ArrayList<>(); // newest first

    MemTableList(Path dir, Vfs fs, SyncMode syncMode, long memtableSizeBytes, boolean pointIndex,
            boolean walMmapWrites, boolean walPreallocate, AtomicReference<WritableFile> activeWalFile) {
        this.dir = dir;
        this.fs = fs;
        this.syncMode = syncMode;
        this.memtableSizeBytes = memtableSizeBytes;
        this.pointIndex = pointIndex;
        this.mappedWal = walMmapWrites && syncMode != SyncMode.ALWAYS;
        this.preallocatedWal = mappedWal || walPreallocate;
        this.activeWalFile = activeWalFile;
    }

    /**
     * The memtable that takes writes: with the point index if
     * {@link EngineOptions#memtablePointIndex()}, else with a bloom filter of 1/64 of the memtable
     * size (1 MiB for 64 MiB, ~20 bits per 100-byte entry) for point lookups. The point index
     * answers a lookup of an absent key from its hashes, about one cache line as the filter does,
     * so with it the filter would only add a cache line to every lookup of a present key and six
     * atomic updates to every add. Recovery's memtables are only flushed and need neither.
     */
    private MemTable newMemTable() {
        return new MemTable(pointIndex ? 0 : memtableSizeBytes / 64, pointIndex);
    }

    /** Recovery: an empty active memtable with a new, empty WAL {@code walNumber} (directory fsync'd). */
    void start(long walNumber) throws IOException {
        active = newMemTable();
        activeWalNumber = walNumber;
        Path walPath = FileNames.walFile(dir, walNumber);
        WritableFile file = createWal(walPath);
        activeWalFile.set(file);
        wal = startWal(file, walPath);
    }

    /**
     * The active memtable becomes immutable; a new one takes writes into the new WAL
     * {@code walNumber}. On failure nothing changed (the new file is closed) and the caller stops
     * writes.
     */
    void switchTo(long walNumber) throws IOException {
        Path path = FileNames.walFile(dir, walNumber);
        WritableFile newFile = null;
        try {
            newFile = createWal(path);
            LogWriter newWal = startWal(newFile, path);
            if (syncMode != SyncMode.NONE) {
                wal.sync(); // PERIODIC: no hole between the old log's unsynced tail and the new log
            }
            long oldBytes = wal.size();
            // Before the close: a periodic sync that read the old file and fails on it must see
            // that it is no longer the WAL, or it would stop writes with "file closed".
            activeWalFile.set(newFile);
            wal.close();
            immutables.add(0, new ImmutableMemTable(active, activeWalNumber, oldBytes));
            active = newMemTable();
            activeWalNumber = walNumber;
            wal = newWal;
        } catch (IOException e) {
            if (newFile != null) {
                try {
                    newFile.close();
                } catch (IOException ignored) {
                    // The caller reports e.
                }
            }
            throw e;
        }
    }

    /**
     * Writes the header record of the new WAL {@code file} and fsyncs it, then the directory. The
     * header is durable before any record follows it: after a power loss the kernel may have
     * written back later pages of the WAL and not the first, and a reader that cannot read the
     * header's format version cannot take that for the torn tail it is. (A preallocated WAL's
     * first sync also writes its first region's zeros here, not in a writer's group commit.)
     */
    private LogWriter startWal(WritableFile file, Path path) throws IOException {
        LogWriter log = new LogWriter(file, path, LogFormat.WAL_MAGIC, walFormatVersion());
        log.flush();
        log.sync();
        fs.syncDirectory(dir);
        return log;
    }

    private WritableFile createWal(Path path) throws IOException {
        return preallocatedWal ? fs.createPreallocated(path, mappedWal) : fs.create(path);
    }

    /**
     * A preallocated WAL says so in its header: its reader takes records after a zero-filled page
     * end as a torn tail (LogFormat).
     */
    private int walFormatVersion() {
        return preallocatedWal ? LogFormat.PREALLOCATED_WAL_VERSION : LogFormat.FORMAT_VERSION;
    }

    MemTable active() {
        return active;
    }

    long activeWalNumber() {
        return activeWalNumber;
    }

    /** The active WAL; null before {@link #start}. */
    LogWriter wal() {
        return wal;
    }

    int immutableCount() {
        return immutables.size();
    }

    /** The oldest memtable waiting for flush (the next to flush), or null if none waits. */
    ImmutableMemTable oldestImmutable() {
        return immutables.isEmpty() ? null : immutables.get(immutables.size() - 1);
    }

    /**
     * The manifest's log number once the oldest immutable memtable is flushed: the WAL of the
     * next newer memtable, which holds the oldest writes still only in memory.
     */
    long logNumberAfterOldestFlush() {
        int oldest = immutables.size() - 1;
        return oldest > 0 ? immutables.get(oldest - 1).walNumber() : activeWalNumber;
    }

    /** True while {@code memtable} waits for flush. */
    boolean isWaitingForFlush(MemTable memtable) {
        for (ImmutableMemTable imm : immutables) {
            if (imm.mem() == memtable) {
                return true;
            }
        }
        return false;
    }

    /** A flushed memtable leaves the list (its table is live). */
    void remove(ImmutableMemTable flushed) {
        immutables.remove(flushed);
    }

    /** The immutable memtables, newest first, for a read view. */
    List<MemTable> immutableMemTables() {
        List<MemTable> list = new ArrayList<>(immutables.size());
        for (ImmutableMemTable imm : immutables) {
            list.add(imm.mem());
        }
        return list;
    }

    /** The WALs memtables still need: the active one and those of memtables waiting for flush. */
    Set<Long> liveWalNumbers() {
        Set<Long> liveWals = new HashSet<>();
        liveWals.add(activeWalNumber);
        for (ImmutableMemTable imm : immutables) {
            liveWals.add(imm.walNumber());
        }
        return liveWals;
    }

    /** The bytes of the live WALs. */
    long walBytes() {
        long bytes = wal.size();
        for (ImmutableMemTable imm : immutables) {
            bytes += imm.walBytes();
        }
        return bytes;
    }
}
