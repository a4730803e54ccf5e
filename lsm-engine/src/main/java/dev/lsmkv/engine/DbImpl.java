package dev.lsmkv.engine;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.FileType;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.cache.BlockCache;
import dev.lsmkv.engine.compaction.Compaction;
import dev.lsmkv.engine.compaction.CompactionConfig;
import dev.lsmkv.engine.compaction.CompactionJob;
import dev.lsmkv.engine.compaction.CompactionPicker;
import dev.lsmkv.engine.fs.DirectoryLock;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.fs.WritableFile;
import dev.lsmkv.engine.memtable.MemTable;
import dev.lsmkv.engine.sstable.TableOptions;
import dev.lsmkv.engine.sstable.TableStats;
import dev.lsmkv.engine.util.ByteWriter;
import dev.lsmkv.engine.version.Version;
import dev.lsmkv.engine.version.VersionEdit;
import dev.lsmkv.engine.version.VersionSet;
import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogReader;
import dev.lsmkv.engine.wal.LogWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine: open and recovery, the write queue with group commit, memtable switches, flush,
 * background compaction, reads, snapshots, obsolete files and stats.
 *
 * <p>Threads: any number of user threads; one flush thread; one compaction thread; under
 * {@link SyncMode#PERIODIC} one WAL sync thread. {@link #mutex} guards the writer queue, the
 * memtable list, snapshots, scheduling flags and view installation; nothing holds it across
 * WAL I/O of a write group, SSTable writing or reads.
 *
 * <p>Invariants:
 * <ol>
 *   <li>A write is visible (its sequence &lt;= {@link #visibleSequence}) only after its WAL record
 *       is written and, under ALWAYS, fsync'd. Sequence numbers are assigned in WAL order by the
 *       single leader of the writer queue, which alone inserts into the active memtable.</li>
 *   <li>Only the leader switches memtables, so no insert ever lands in a memtable being flushed.</li>
 *   <li>Readers never lock: they pin the current {@link ReadView} by reference count. Every write
 *       is in exactly one of the view's memtables or its version's files.</li>
 *   <li>A table is named in the manifest only after it and the directory are fsync'd; a file is
 *       deleted only when no live version names it and it is not an output being written.</li>
 *   <li>A background error stops writes (read-only); reads keep working.</li>
 * </ol>
 */
final class DbImpl implements LsmEngine {

    private static final long MAX_GROUP_BYTES = 1 << 20;
    private static final long STALL_WAIT_MILLIS = 100;

    private final Path dir;
    private final EngineOptions options;
    private final Vfs fs;
    private final DirectoryLock dirLock;
    private final VersionSet versions;
    private final TableCache tableCache;
    private final BlockCache blockCache;
    private final TableStats tableStats = new TableStats();
    private final TableOptions tableOptions;
    private final CompactionPicker picker;
    private final EngineCounters counters = new EngineCounters();

    private final ReentrantLock mutex = new ReentrantLock();
    /** Signalled when background work finishes (flush, compaction) or fails. */
    private final Condition backgroundDone = mutex.newCondition();
    @GuardedBy("mutex")
    private final ArrayDeque<Writer> writers = new ArrayDeque<>();
    private final ByteWriter walBuffer = new ByteWriter(64 * 1024);

    // Changed only by the leader of the writer queue (recovery, before any writer, aside), which
    // captures what it needs before it releases the mutex.
    @GuardedBy("mutex")
    private MemTable mem;
    @GuardedBy("mutex")
    private long memWalNumber;
    @GuardedBy("mutex")
    private LogWriter wal;
    private volatile WritableFile walFile;
    @GuardedBy("mutex")
    private final List<ImmutableMemTable> imms = new ArrayList<>(); // newest first
    @GuardedBy("mutex")
    private long lastSequence;
    @GuardedBy("mutex")
    private final SnapshotList snapshots = new SnapshotList();
    @GuardedBy("mutex")
    private boolean flushScheduled;
    @GuardedBy("mutex")
    private boolean compactionScheduled;
    @GuardedBy("mutex")
    private boolean closing;

    private volatile ReadView view;
    private volatile long visibleSequence;
    private volatile Throwable backgroundError;
    private volatile boolean closed;
    private volatile Runnable beforeMemTableInsert;

    private final ObsoleteFiles obsoleteFiles;
    private final ReadPath readPath;
    private final CompactionRunner runner;
    private final StatsCollector statsCollector;
    private final EngineEventListener events;
    private final AtomicBoolean cleanupScheduled = new AtomicBoolean();
    private final ExecutorService flushExecutor;
    private final ExecutorService compactionExecutor;
    private final ScheduledExecutorService syncExecutor;

    /** A memtable waiting for flush, with the WAL that holds its writes. */
    private record ImmutableMemTable(MemTable mem, long walNumber, long walBytes) {
    }

    /** A thread waiting in the writer queue. batch == null asks the leader to switch memtables. */
    private static final class Writer {
        final WriteBatch batch;
        final Condition cond;
        boolean done;
        RuntimeException error;

        Writer(WriteBatch batch, Condition cond) {
            this.batch = batch;
            this.cond = cond;
        }
    }

    // ------------------------------------------------------------------ open and recovery

    static LsmEngine open(Path dir, EngineOptions options) {
        if (dir == null) {
            throw new IllegalArgumentException("dir must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null (use EngineOptions.defaults())");
        }
        Vfs fs = options.fileSystem();
        checkIsStoreOrEmpty(fs, dir);
        try {
            fs.createDirectories(dir);
        } catch (IOException e) {
            throw new LsmException("cannot open " + dir + ": the data directory cannot be created (" + e
                    + "). Check that every parent is a directory, not a file, and that this process may "
                    + "create and write directories there.", e);
        }
        DirectoryLock lock;
        try {
            lock = fs.lock(FileNames.lockFile(dir));
        } catch (IOException e) {
            throw new LsmException("cannot open " + dir + ": the directory is locked by another open engine "
                    + "(in this or another process) or cannot be locked (" + e.getMessage()
                    + "). Close the other engine first.", e);
        }
        DbImpl db = null;
        try {
            db = new DbImpl(dir, options, fs, lock);
            db.recover();
            db.startBackgroundWork();
            return db;
        } catch (IOException e) {
            closeQuietly(db, lock);
            throw new LsmException("cannot open " + dir + ": " + e, e);
        } catch (RuntimeException | Error e) {
            closeQuietly(db, lock);
            throw e;
        }
    }

    /** Refuses, touching nothing, a directory that holds files but is not an lsmkv store. */
    private static void checkIsStoreOrEmpty(Vfs fs, Path dir) {
        if (!fs.exists(dir)) {
            return;
        }
        List<String> names;
        try {
            names = fs.list(dir);
        } catch (IOException e) {
            throw new LsmException("cannot open " + dir + ": it is not a readable directory (" + e + ")", e);
        }
        if (names.contains(FileNames.CURRENT)) {
            return;
        }
        List<String> others = new ArrayList<>();
        for (String name : names) {
            FileNames.Parsed p = FileNames.parse(name);
            if (p == null || p.type() != FileType.LOCK) {
                others.add(name);
            }
        }
        if (!others.isEmpty()) {
            Collections.sort(others);
            throw new LsmException("cannot open " + dir + ": it is not an lsmkv store (no CURRENT file) but holds "
                    + others.subList(0, Math.min(5, others.size())) + (others.size() > 5 ? " and more" : "")
                    + ". Use an empty or new directory; if this is an lsmkv store, its CURRENT file was lost: "
                    + "restore it from a backup.");
        }
    }

    private static void closeQuietly(DbImpl db, DirectoryLock lock) {
        try {
            if (db != null) {
                db.shutdownAfterFailedOpen();
            }
        } catch (RuntimeException ignored) {
            // Reporting the open failure matters more.
        }
        try {
            lock.close();
        } catch (IOException ignored) {
            // As above.
        }
    }

    private DbImpl(Path dir, EngineOptions options, Vfs fs, DirectoryLock lock) {
        this.dir = dir;
        this.options = options;
        this.fs = fs;
        this.dirLock = lock;
        this.versions = new VersionSet(dir, fs, options.maxManifestFileSizeBytes());
        this.blockCache = options.blockCacheSizeBytes() > 0 ? new BlockCache(options.blockCacheSizeBytes()) : null;
        this.tableCache = new TableCache(dir, fs, options.maxOpenFiles(), blockCache, tableStats);
        this.events = SafeEventListener.wrap(options.eventListener());
        this.readPath = new ReadPath(tableCache);
        this.obsoleteFiles = new ObsoleteFiles(dir, fs, versions, tableCache, this::liveWalNumbers,
                () -> backgroundError != null, events);
        this.tableOptions = new TableOptions(options.blockSizeBytes(), options.blockRestartInterval(),
                options.compression(), options.bloomBitsPerKey());
        this.picker = new CompactionPicker(new CompactionConfig(options.level1MaxBytes(),
                options.levelSizeMultiplier(), options.level0CompactionTrigger(), options.targetFileSizeBytes(),
                options.dynamicLevelBytes(), options.tombstoneCompactionRatio()));
        this.statsCollector = new StatsCollector(picker, counters, tableStats, blockCache);
        this.runner = new CompactionRunner(dir, fs, tableOptions, options.targetFileSizeBytes(), versions, picker,
                tableCache, readPath, obsoleteFiles, counters, this::smallestSnapshot, this::nowMillis,
                () -> closed, events);
        this.flushExecutor = Executors.newSingleThreadExecutor(daemon("lsmkv-flush " + dir.getFileName()));
        this.compactionExecutor = Executors.newSingleThreadExecutor(daemon("lsmkv-compaction " + dir.getFileName()));
        this.syncExecutor = options.syncMode() == SyncMode.PERIODIC
                ? Executors.newSingleThreadScheduledExecutor(daemon("lsmkv-wal-sync " + dir.getFileName()))
                : null;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Reads the manifest, replays the WALs it does not cover into L0 tables, starts a new WAL and
     * removes files no version names.
     */
    private void recover() throws IOException {
        mutex.lock(); // nothing else runs yet; held so that the guarded fields are set under it
        try {
            recoverLocked();
        } finally {
            mutex.unlock();
        }
    }

    @GuardedBy("mutex")
    private void recoverLocked() throws IOException {
        if (versions.exists()) {
            versions.recover();
        } else {
            versions.create();
        }
        lastSequence = versions.lastSequence();
        List<Long> walNumbers = new ArrayList<>();
        Set<Long> named = versions.liveFileNumbers();
        for (String name : fs.list(dir)) {
            FileNames.Parsed p = FileNames.parse(name);
            if (p == null) {
                continue;
            }
            if (p.number() > 0) {
                versions.markFileNumberUsed(p.number());
            }
            if (p.type() == FileType.TABLE && !named.contains(p.number()) && versions.recoveredFromTornTail()) {
                // The manifest ended in a damaged record, which may have named this table: keep it
                // (never delete what corruption may have orphaned) for this session.
                obsoleteFiles.addPending(p.number());
            }
            if (p.type() == FileType.WAL && p.number() >= versions.logNumber()) {
                walNumbers.add(p.number());
            }
        }
        Collections.sort(walNumbers);
        VersionEdit edit = new VersionEdit();
        List<Long> outputs = new ArrayList<>();
        MemTable recovered = new MemTable();
        for (long number : walNumbers) {
            recovered = replayWal(number, recovered, edit, outputs);
        }
        if (!recovered.isEmpty()) {
            writeLevel0Table(recovered, edit, outputs);
        }
        mem = newMemTable();
        memWalNumber = versions.newFileNumber();
        Path walPath = FileNames.walFile(dir, memWalNumber);
        walFile = fs.create(walPath);
        wal = new LogWriter(walFile, walPath, LogFormat.WAL_MAGIC);
        wal.flush();
        fs.syncDirectory(dir);
        edit.setLogNumber(memWalNumber);
        applyEdit(edit, outputs, null);
        visibleSequence = lastSequence;
        obsoleteFiles.deleteObsolete();
    }

    /**
     * The memtable that takes writes: with a bloom filter of 1/64 of the memtable size (1 MiB for
     * 64 MiB, ~20 bits per 100-byte entry) and a point index for point lookups. Recovery's
     * memtables are only flushed and need neither.
     */
    private MemTable newMemTable() {
        return new MemTable(options.memtableSizeBytes() / 64, true);
    }

    @GuardedBy("mutex")
    private MemTable replayWal(long number, MemTable memtable, VersionEdit edit, List<Long> outputs)
            throws IOException {
        Path path = FileNames.walFile(dir, number);
        try (LogReader reader = new LogReader(fs.openReadable(path), path, LogFormat.WAL_MAGIC)) {
            byte[] record;
            while ((record = reader.readRecord()) != null) {
                MemTable target = memtable;
                long last;
                try {
                    last = WriteBatchCodec.decode(record, (seq, kind, key, value) -> target.add(seq, kind, key, value));
                } catch (CorruptionException e) {
                    throw e.inFile(path);
                }
                lastSequence = Math.max(lastSequence, last);
                if (memtable.approximateMemoryUsage() >= options.memtableSizeBytes()) {
                    writeLevel0Table(memtable, edit, outputs);
                    memtable = new MemTable();
                }
            }
        }
        return memtable;
    }

    /**
     * Writes a memtable as one L0 table (fsync'd, directory fsync'd) and adds it to {@code edit}.
     * The table's number is added to {@code outputs}: it stays a pending output, safe from
     * obsolete-file cleanup, until {@link #applyEdit} has made it live.
     */
    private void writeLevel0Table(MemTable memtable, VersionEdit edit, List<Long> outputs) throws IOException {
        runner.flush(memtable, edit, outputs);
    }

    /**
     * Records the last sequence, writes {@code edit} to the manifest (synced) and installs the
     * new version; the job's outputs are then live and leave the pending set. Under the mutex,
     * the memtable a flush wrote ({@code flushed}; null for other edits) leaves the list and a new
     * read view is installed. On failure the outputs stay
     * pending (the engine is in error and deletes nothing until reopened).
     */
    private void applyEdit(VersionEdit edit, List<Long> outputs, ImmutableMemTable flushed) throws IOException {
        mutex.lock();
        try {
            versions.setLastSequence(lastSequence);
        } finally {
            mutex.unlock();
        }
        versions.logAndApply(edit);
        obsoleteFiles.removePending(outputs);
        mutex.lock();
        try {
            if (flushed != null) {
                imms.remove(flushed);
                maybeScheduleCompaction();
            }
            installView();
            backgroundDone.signalAll();
        } finally {
            mutex.unlock();
        }
    }

    private void startBackgroundWork() {
        if (syncExecutor != null) {
            long interval = Math.max(1, options.syncInterval().toMillis());
            var unused = syncExecutor.scheduleWithFixedDelay(this::periodicSync, interval, interval, TimeUnit.MILLISECONDS);
        }
        mutex.lock();
        try {
            maybeScheduleCompaction();
        } finally {
            mutex.unlock();
        }
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void put(byte[] key, byte[] value) {
        ensureOpen();
        write(new WriteBatch().put(key, value));
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        ensureOpen();
        write(new WriteBatch().put(key, value, ttl));
    }

    @Override
    public void delete(byte[] key) {
        ensureOpen();
        write(new WriteBatch().delete(key));
    }

    @Override
    public void write(WriteBatch batch) {
        ensureOpen();
        if (batch == null) {
            throw new IllegalArgumentException("batch must not be null");
        }
        if (batch.isEmpty()) {
            return;
        }
        enqueue(batch);
    }

    /**
     * The writer queue (LevelDB's group commit): the writer at the head is the leader; it writes
     * its batch and those queued behind it as one WAL append with one fsync, inserts them into
     * the memtable, publishes their sequence numbers, and wakes them.
     */
    private void enqueue(WriteBatch batch) {
        Writer w = new Writer(batch, mutex.newCondition());
        mutex.lock();
        try {
            if (closing) {
                throw new IllegalStateException("engine at " + dir + " is closed");
            }
            writers.addLast(w);
            while (!w.done && writers.peekFirst() != w) {
                w.cond.awaitUninterruptibly();
            }
            if (w.done) {
                if (w.error != null) {
                    throw w.error;
                }
                return;
            }
            Writer last = w;
            RuntimeException error = null;
            try {
                makeRoomForWrite(batch == null);
                if (batch != null) {
                    last = writeGroup(w);
                }
            } catch (RuntimeException e) {
                error = e;
            } catch (Error e) {
                // An Error (out of memory, say) must not leave the queue with its leader in it.
                error = new LsmException("write to " + dir + " failed: " + e, e);
            }
            while (true) {
                Writer ready = writers.pollFirst();
                if (ready != w) {
                    ready.error = error;
                    ready.done = true;
                    ready.cond.signal();
                }
                if (ready == last) {
                    break;
                }
            }
            if (!writers.isEmpty()) {
                writers.peekFirst().cond.signal();
            } else {
                backgroundDone.signalAll(); // close() waits for the queue to drain
            }
            if (error != null) {
                throw error;
            }
        } finally {
            mutex.unlock();
        }
    }

    /** REQUIRES: mutex held, {@code leader} at the head. Returns the last writer of the group. */
    @GuardedBy("mutex")
    private Writer writeGroup(Writer leader) {
        List<Writer> group = new ArrayList<>();
        long bytes = 0;
        long maxBytes = leader.batch.approximateBytes() <= 128 * 1024
                ? leader.batch.approximateBytes() + 128 * 1024 : MAX_GROUP_BYTES;
        for (Writer x : writers) {
            if (x.batch == null) {
                break; // a memtable switch request is a group of its own
            }
            if (!group.isEmpty() && bytes + x.batch.approximateBytes() > maxBytes) {
                break;
            }
            group.add(x);
            bytes += x.batch.approximateBytes();
        }
        long firstSequence = lastSequence + 1;
        long ops = 0;
        long userBytes = 0;
        for (Writer x : group) {
            ops += x.batch.size();
            userBytes += x.batch.userBytes();
        }
        if (lastSequence + ops > InternalKey.MAX_SEQUENCE) {
            throw new LsmException("sequence numbers exhausted (2^56): the store cannot take more writes");
        }
        MemTable target = mem;
        LogWriter log = wal;
        long walNumber = memWalNumber;
        long now = nowMillis();
        mutex.unlock();
        // Everything up to the re-lock may fail in any way; the finally re-takes the mutex so
        // that enqueue always leaves with it held and can wake the group and its successor.
        LsmException failure = null;
        try {
            long walBefore = log.size();
            try {
                long seq = firstSequence;
                for (Writer x : group) {
                    walBuffer.reset();
                    WriteBatchCodec.encode(x.batch, seq, now, walBuffer);
                    log.addRecord(walBuffer.array(), 0, walBuffer.size());
                    seq += x.batch.size();
                }
                log.flush();
                if (options.syncMode() == SyncMode.ALWAYS) {
                    log.sync();
                    counters.walSyncs.increment();
                }
            } catch (IOException | RuntimeException e) {
                failure = new LsmException("write to the WAL " + FileNames.walFile(dir, walNumber)
                        + " failed: " + e.getMessage() + ". Writes are stopped; reads still work; fix the cause "
                        + "(disk full? I/O error?) and reopen the engine.", e);
            }
            if (failure == null) {
                try {
                    insertIntoMemTable(group, firstSequence, now, target);
                } catch (RuntimeException | Error e) {
                    // The WAL holds the group but the memtable only part of it: the group stays
                    // invisible (its sequences are never published) and the engine turns
                    // read-only; a reopen replays the WAL.
                    failure = new LsmException("inserting a write group into the memtable of " + dir + " failed: "
                            + e + ". Writes are stopped; reads still work; reopen the engine (the WAL holds the "
                            + "writes of the failed group, so they may reappear after the reopen).", e);
                }
                counters.userBytesWritten.add(userBytes);
                counters.walBytesWritten.add(log.size() - walBefore);
            }
        } finally {
            mutex.lock();
        }
        if (failure != null) {
            setBackgroundError(failure);
            throw failure;
        }
        lastSequence = firstSequence + ops - 1;
        visibleSequence = lastSequence;
        return group.get(group.size() - 1);
    }

    /** Inserts the ops of {@code group}, numbered from {@code firstSequence}, into {@code target}. */
    private void insertIntoMemTable(List<Writer> group, long firstSequence, long now, MemTable target) {
        Runnable hook = beforeMemTableInsert;
        if (hook != null) {
            hook.run();
        }
        long seq = firstSequence;
        for (Writer x : group) {
            seq = MemTableInserter.insert(x.batch, seq, now, target, counters);
        }
    }

    /**
     * Test seam: runs on the leader before a group's memtable insert, without the mutex. Lets a
     * test make the insert fail the way an OutOfMemoryError or a bug would.
     */
    void setBeforeMemTableInsertHook(Runnable hook) {
        beforeMemTableInsert = hook;
    }

    /**
     * REQUIRES: mutex held, the caller is the leader. Ensures the active memtable has room,
     * delaying or stopping the writer while level 0 or the flush queue is too full.
     */
    @GuardedBy("mutex")
    private void makeRoomForWrite(boolean force) {
        boolean allowDelay = !force;
        while (true) {
            if (backgroundError != null) {
                throw writesStopped();
            }
            if (closing) {
                // No more flushes will make room; the write was not made.
                throw new IllegalStateException("engine at " + dir + " is closing; the write was not made");
            }
            int level0Files = view.version.numFiles(0);
            if (allowDelay && level0Files >= options.level0SlowdownTrigger()) {
                // Slow each write down a little rather than stopping one for seconds later.
                long start = System.nanoTime();
                mutex.unlock();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    mutex.lock();
                }
                recordStall(start);
                allowDelay = false;
            } else if (!force && mem.approximateMemoryUsage() < options.memtableSizeBytes()) {
                return;
            } else if (force && mem.isEmpty()) {
                return;
            } else if (imms.size() >= options.maxImmutableMemtables() || level0Files >= options.level0StopTrigger()) {
                long start = System.nanoTime();
                maybeScheduleFlush();
                maybeScheduleCompaction();
                try {
                    backgroundDone.await(STALL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LsmException("interrupted while waiting for a flush or compaction to make room", e);
                }
                recordStall(start);
            } else {
                switchMemtable();
                force = false;
            }
        }
    }

    private void recordStall(long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        counters.stalls.increment();
        counters.stallMicros.add(nanos / 1000);
        events.writeStall(Duration.ofNanos(nanos));
    }

    /** REQUIRES: mutex held, the caller is the leader. The active memtable becomes immutable. */
    @GuardedBy("mutex")
    private void switchMemtable() {
        long number = versions.newFileNumber();
        Path path = FileNames.walFile(dir, number);
        WritableFile newFile = null;
        try {
            newFile = fs.create(path);
            LogWriter newWal = new LogWriter(newFile, path, LogFormat.WAL_MAGIC);
            newWal.flush();
            fs.syncDirectory(dir);
            if (options.syncMode() != SyncMode.NONE) {
                wal.sync(); // PERIODIC: no hole between the old log's unsynced tail and the new log
            }
            long oldBytes = wal.size();
            // Before the close: a periodic sync that read the old file and fails on it must see
            // that it is no longer the WAL, or it would stop writes with "file closed".
            walFile = newFile;
            wal.close();
            imms.add(0, new ImmutableMemTable(mem, memWalNumber, oldBytes));
            mem = newMemTable();
            memWalNumber = number;
            wal = newWal;
        } catch (IOException e) {
            if (newFile != null) {
                try {
                    newFile.close();
                } catch (IOException ignored) {
                    // Reported below.
                }
            }
            LsmException error = new LsmException("cannot start a new WAL " + path + ": " + e.getMessage()
                    + ". Writes are stopped; fix the cause and reopen the engine.", e);
            setBackgroundError(error);
            throw error;
        }
        installView();
        maybeScheduleFlush();
    }

    private void periodicSync() {
        WritableFile file = walFile;
        try {
            file.sync();
            counters.walSyncs.increment();
        } catch (IOException e) {
            if (file == walFile && !closed) {
                setBackgroundError(new LsmException("periodic sync of the WAL failed: " + e.getMessage(), e));
            }
        }
    }

    private LsmException writesStopped() {
        Throwable cause = backgroundError;
        return new LsmException("writes to " + dir + " are stopped by a background error: " + cause.getMessage()
                + " Reads still work. Fix the cause (disk full? I/O error?) and reopen the engine.", cause);
    }

    private void setBackgroundError(Throwable error) {
        boolean first = false;
        mutex.lock();
        try {
            if (backgroundError == null) {
                backgroundError = error;
                first = true;
            }
            backgroundDone.signalAll();
        } finally {
            mutex.unlock();
        }
        if (first) {
            events.backgroundError(error);
        }
    }

    // ------------------------------------------------------------------ flush

    /** REQUIRES: mutex held. */
    @GuardedBy("mutex")
    private void maybeScheduleFlush() {
        if (!flushScheduled && !imms.isEmpty() && !closing && backgroundError == null) {
            flushScheduled = true;
            flushExecutor.execute(this::backgroundFlush);
        }
    }

    private void backgroundFlush() {
        try {
            while (true) {
                ImmutableMemTable imm;
                long logNumber;
                mutex.lock();
                try {
                    if (imms.isEmpty() || closing || backgroundError != null) {
                        flushScheduled = false;
                        backgroundDone.signalAll();
                        return;
                    }
                    int oldest = imms.size() - 1;
                    imm = imms.get(oldest);
                    logNumber = oldest > 0 ? imms.get(oldest - 1).walNumber() : memWalNumber;
                }
                finally {
                    mutex.unlock();
                }
                flushOne(imm, logNumber);
            }
        } catch (Throwable e) {
            if (!(e instanceof CompactionJob.StoppedException)) {
                setBackgroundError(new LsmException("flush of a memtable to " + dir + " failed: " + e.getMessage(), e));
            } // else closing: the memtable's writes stay in its WAL and are recovered at the next open
            mutex.lock();
            try {
                flushScheduled = false;
            } finally {
                mutex.unlock();
            }
        }
    }

    private void flushOne(ImmutableMemTable imm, long logNumber) throws IOException {
        VersionEdit edit = new VersionEdit();
        List<Long> outputs = new ArrayList<>();
        writeLevel0Table(imm.mem(), edit, outputs);
        edit.setLogNumber(logNumber);
        applyEdit(edit, outputs, imm);
        obsoleteFiles.deleteObsolete();
    }

    @Override
    public void flush() {
        ensureOpen();
        MemTable target;
        mutex.lock();
        try {
            target = mem;
        } finally {
            mutex.unlock();
        }
        enqueue(null); // the leader switches memtables (if the active one holds anything)
        mutex.lock();
        try {
            while (true) {
                if (backgroundError != null) {
                    throw writesStopped();
                }
                if (closing) {
                    throw new IllegalStateException("engine at " + dir + " was closed before the flush finished; "
                            + "its writes are in the WAL and are recovered at the next open");
                }
                boolean pending = false;
                for (ImmutableMemTable imm : imms) {
                    pending |= imm.mem() == target;
                }
                if (!pending) {
                    break;
                }
                maybeScheduleFlush();
                backgroundDone.awaitUninterruptibly();
            }
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public void checkpoint(Path target) {
        ensureOpen();
        Path t = Checkpoint.validateTarget(fs, dir, target);
        flush(); // every write acknowledged before the call is now in a table of the current version
        ReadView v = acquireView(); // pins the version: none of its tables is deleted until unref
        try {
            Checkpoint.write(fs, dir, versions, v.version, visibleSequence, t);
        } catch (IOException e) {
            throw new LsmException("checkpoint of " + dir + " into " + target + " failed: " + e
                    + "; nothing was left at " + target + ". Check free space and permissions, then try again", e);
        } finally {
            v.unref();
        }
    }

    // ------------------------------------------------------------------ compaction

    /** REQUIRES: mutex held. */
    @GuardedBy("mutex")
    private void maybeScheduleCompaction() {
        if (!compactionScheduled && !closing && backgroundError == null) {
            compactionScheduled = true;
            compactionExecutor.execute(this::backgroundCompaction);
        }
    }

    /** Runs one picked compaction, then reschedules itself while there is work. */
    private void backgroundCompaction() {
        boolean didWork = false;
        try {
            Compaction c = null;
            mutex.lock();
            try {
                if (!closing && backgroundError == null) {
                    c = picker.pick(versions, snapshots.oldest(visibleSequence));
                }
            } finally {
                mutex.unlock();
            }
            if (c != null) {
                runCompaction(c);
                didWork = true;
            }
        } catch (CompactionJob.StoppedException e) {
            // close() asked: the inputs stay live, the partial outputs are deleted at the next open.
        } catch (Throwable e) {
            setBackgroundError(new LsmException("compaction in " + dir + " failed: " + e.getMessage(), e));
        } finally {
            mutex.lock();
            try {
                compactionScheduled = false;
                backgroundDone.signalAll();
                if (didWork) {
                    maybeScheduleCompaction();
                }
            } finally {
                mutex.unlock();
            }
        }
    }

    private void runCompaction(Compaction c) throws IOException {
        try {
            VersionEdit edit = new VersionEdit();
            List<Long> outputs = new ArrayList<>();
            runner.compact(c, edit, outputs);
            applyEdit(edit, outputs, null);
            counters.compactions.increment();
        } finally {
            c.inputVersion().unref();
        }
        obsoleteFiles.deleteObsolete();
    }

    @Override
    public void compact() {
        ensureOpen();
        flush();
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
        } catch (java.util.concurrent.RejectedExecutionException e) {
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
                setBackgroundError(le);
                throw le;
            }
            LsmException le = new LsmException("manual compaction of " + dir + " failed: " + cause, cause);
            setBackgroundError(le);
            throw le;
        }
    }

    /**
     * Runs on the compaction thread: merges every table into one sorted run at the shallowest
     * level that holds it within its target size (never above the deepest level in use), so
     * tombstones and expired entries are dropped wherever no snapshot still needs them.
     */
    private void compactAll() throws IOException {
        if (backgroundError != null) {
            throw writesStopped();
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
            applyEdit(edit, outputs, null);
            counters.compactions.increment();
        } finally {
            v.unref();
        }
        obsoleteFiles.deleteObsolete();
    }

    // ------------------------------------------------------------------ reads

    @Override
    public byte[] get(byte[] key) {
        ensureOpen();
        return getAt(key, visibleSequence);
    }

    byte[] getAt(byte[] key, long sequence) {
        WriteBatch.checkKey(key);
        counters.gets.increment();
        ReadView v = acquireView();
        try {
            return readPath.get(v, key, sequence, nowMillis());
        } finally {
            v.unref();
        }
    }

    @Override
    public Cursor scan(byte[] fromInclusive, byte[] toExclusive) {
        ensureOpen();
        return scanAt(fromInclusive, toExclusive, visibleSequence);
    }

    Cursor scanAt(byte[] fromInclusive, byte[] toExclusive, long sequence) {
        if (fromInclusive != null && fromInclusive.length == 0) {
            fromInclusive = null; // the empty key sorts before every key: unbounded
        }
        byte[] from = fromInclusive == null ? null : fromInclusive.clone();
        byte[] to = toExclusive == null ? null : toExclusive.clone();
        counters.scans.increment();
        ReadView v = acquireView();
        try {
            return new DbCursor(this, readPath.scan(v, from, to, sequence, nowMillis()), v);
        } catch (RuntimeException e) {
            v.unref();
            throw e;
        }
    }

    @Override
    public Snapshot snapshot() {
        ensureOpen();
        mutex.lock();
        try {
            long seq = visibleSequence;
            snapshots.acquire(seq);
            return new DbSnapshot(this, seq);
        } finally {
            mutex.unlock();
        }
    }

    void releaseSnapshot(long sequence) {
        mutex.lock();
        try {
            snapshots.release(sequence);
        } finally {
            mutex.unlock();
        }
    }

    private long smallestSnapshot() {
        mutex.lock();
        try {
            return snapshots.oldest(visibleSequence);
        } finally {
            mutex.unlock();
        }
    }

    private ReadView acquireView() {
        while (true) {
            ReadView v = view;
            if (v.tryRef()) {
                return v;
            }
        }
    }

    /** REQUIRES: mutex held (or single-threaded recovery). */
    @GuardedBy("mutex")
    private void installView() {
        Version current = versions.refCurrent();
        List<MemTable> immutables = new ArrayList<>(imms.size());
        for (ImmutableMemTable imm : imms) {
            immutables.add(imm.mem());
        }
        ReadView old = view;
        view = new ReadView(mem, immutables, current, this::scheduleObsoleteFileCleanup);
        if (old != null) {
            old.unref();
        }
    }

    private long nowMillis() {
        return options.clock().millis();
    }

    /** The engine clock's time, for {@link DbCursor#timeToLive()}. */
    long nowMillisForCursor() {
        return nowMillis();
    }

    // ------------------------------------------------------------------ obsolete files

    private void scheduleObsoleteFileCleanup() {
        if (!closed && cleanupScheduled.compareAndSet(false, true)) {
            try {
                flushExecutor.execute(() -> {
                    cleanupScheduled.set(false);
                    obsoleteFiles.deleteObsolete();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                cleanupScheduled.set(false); // shutting down: the next open cleans up
            }
        }
    }

    /** The WALs memtables still need: the active one and those of memtables waiting for flush. */
    private Set<Long> liveWalNumbers() {
        Set<Long> liveWals = new HashSet<>();
        mutex.lock();
        try {
            liveWals.add(memWalNumber);
            for (ImmutableMemTable imm : imms) {
                liveWals.add(imm.walNumber());
            }
        } finally {
            mutex.unlock();
        }
        return liveWals;
    }

    // ------------------------------------------------------------------ stats, close

    @Override
    public EngineStats stats() {
        ensureOpen();
        ReadView v = acquireView();
        try {
            long walBytes;
            int snapshotCount;
            mutex.lock();
            try {
                walBytes = wal.size();
                for (ImmutableMemTable imm : imms) {
                    walBytes += imm.walBytes();
                }
                snapshotCount = snapshots.size();
            } finally {
                mutex.unlock();
            }
            return statsCollector.collect(v, walBytes, snapshotCount, visibleSequence, backgroundError);
        } finally {
            v.unref();
        }
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("engine at " + dir + " is closed");
        }
    }

    @Override
    public void close() {
        LogWriter lastWal;
        long lastWalNumber;
        mutex.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closing = true;
            backgroundDone.signalAll(); // stalled writers and flush() waiters give up
            // In-flight writes finish: wait for the queue to drain.
            while (!writers.isEmpty()) {
                backgroundDone.awaitUninterruptibly();
                if (!writers.isEmpty()) {
                    writers.peekFirst().cond.signal();
                }
            }
            // No leader can start now (closing), so the WAL stays this one.
            lastWal = wal;
            lastWalNumber = memWalNumber;
        } finally {
            mutex.unlock();
        }
        shutdownExecutor(flushExecutor);
        shutdownExecutor(compactionExecutor);
        if (syncExecutor != null) {
            shutdownExecutor(syncExecutor);
        }
        LsmException failure = null;
        try {
            lastWal.sync();
            lastWal.close();
        } catch (IOException e) {
            // After a background error the writers were told already; closing still releases everything.
            if (backgroundError == null) {
                failure = new LsmException("closing the WAL " + FileNames.walFile(dir, lastWalNumber) + " failed: "
                        + e.getMessage() + "; writes acknowledged before a failed sync may be lost on power loss", e);
            }
        }
        tableCache.close();
        try {
            versions.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = new LsmException("closing the manifest failed: " + e.getMessage(), e);
            }
        }
        try {
            dirLock.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = new LsmException("releasing the lock of " + dir + " failed: " + e.getMessage(), e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void shutdownAfterFailedOpen() {
        LogWriter lastWal;
        mutex.lock();
        try {
            closed = true;
            closing = true;
            lastWal = wal;
        } finally {
            mutex.unlock();
        }
        flushExecutor.shutdownNow();
        compactionExecutor.shutdownNow();
        if (syncExecutor != null) {
            syncExecutor.shutdownNow();
        }
        try {
            if (lastWal != null) {
                lastWal.close();
            }
        } catch (IOException ignored) {
            // The open failure is what gets reported.
        }
        tableCache.close();
        try {
            versions.close();
        } catch (IOException ignored) {
            // As above.
        }
    }

    private static void shutdownExecutor(ExecutorService executor) {
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

    @Override
    public String toString() {
        return "LsmEngine[" + dir + "]";
    }
}
