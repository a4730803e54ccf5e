package dev.lsmkv.engine;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.cache.BlockCache;
import dev.lsmkv.engine.compaction.CompactionConfig;
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
import dev.lsmkv.engine.wal.LogWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine: open and recovery, the writer queue with group commit, memtable switches, flush
 * and compaction scheduling, version edits, reads' entry points, snapshots and close. The parts
 * live beside it, each in a file named for what it holds: {@link MemTableList} (the memtables and
 * their WALs), {@link WriteGroup} (a leader's group), {@link WriteStall} (when a write waits),
 * {@link BackgroundWork} (the flush and compaction threads' loops), {@link ManualCompaction},
 * {@link BackgroundError}, {@link BackgroundThreads}, {@link StoreDirectory} (open-time checks),
 * {@link WalReplay} (recovery's WAL replay),
 * {@link ReadPath}, {@link SnapshotList}, {@link ObsoleteFiles}, {@link CompactionRunner} and
 * {@link StatsCollector}.
 *
 * <p>Threads: any number of user threads; one flush thread; one compaction thread; under
 * {@link SyncMode#PERIODIC} one WAL sync thread. {@link #mutex} guards the writer queue, the
 * memtable list, snapshots, scheduling flags and view installation; nothing holds it across
 * WAL I/O of a write group, SSTable writing, manifest writes or reads. A memtable switch holds
 * it while it creates the new WAL ({@link #switchMemtable} says why).
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

    // Package-private, as are memtables and the scheduling flags below: BackgroundWork (the flush
    // and compaction threads' loops) reads and updates them under this same mutex.
    final ReentrantLock mutex = new ReentrantLock();
    /** Signalled when background work finishes (flush, compaction) or fails. */
    final Condition backgroundDone = mutex.newCondition();
    @GuardedBy("mutex")
    private final ArrayDeque<WriteGroup.Writer> writers = new ArrayDeque<>();
    /** Durable group commit: how long a leader waits for the writers it expects. */
    @GuardedBy("mutex")
    private final SyncGather syncGather = new SyncGather(mutex);
    private final ByteWriter walBuffer = new ByteWriter(64 * 1024);

    // Switched only by the leader of the writer queue (recovery, before any writer, aside), which
    // captures what it needs before it releases the mutex.
    @GuardedBy("mutex")
    final MemTableList memtables;
    /** The active WAL's file, for the periodic sync, which reads it without the mutex. */
    private final AtomicReference<WritableFile> activeWalFile = new AtomicReference<>();
    @GuardedBy("mutex")
    private long lastSequence;
    @GuardedBy("mutex")
    private final SnapshotList snapshots = new SnapshotList();
    @GuardedBy("mutex")
    boolean flushScheduled;
    @GuardedBy("mutex")
    boolean compactionScheduled;
    @GuardedBy("mutex")
    boolean closing;

    private volatile ReadView view;
    private volatile long visibleSequence;
    private final BackgroundError backgroundError;
    private volatile boolean closed;
    private volatile Runnable beforeMemTableInsert;

    private final ObsoleteFiles obsoleteFiles;
    private final ReadPath readPath;
    private final CompactionRunner runner;
    private final StatsCollector statsCollector;
    private final WriteStall writeStall;
    private final ManualCompaction manualCompaction;
    private final BackgroundWork backgroundWork;
    private final EngineEventListener events;
    private final BackgroundThreads threads;

    // ------------------------------------------------------------------ open and recovery

    static LsmEngine open(Path dir, EngineOptions options) {
        if (dir == null) {
            throw new IllegalArgumentException("dir must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null (use EngineOptions.defaults())");
        }
        Vfs fs = options.fileSystem();
        DirectoryLock lock = StoreDirectory.checkCreateAndLock(fs, dir);
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
        this.tableCache = new TableCache(dir, fs, options.maxOpenFiles(), options.mmapReads(), blockCache, tableStats);
        this.events = SafeEventListener.wrap(options.eventListener());
        this.backgroundError = new BackgroundError(dir, mutex, backgroundDone, events);
        this.memtables = new MemTableList(dir, fs, options.syncMode(), options.memtableSizeBytes(),
                options.memtablePointIndex(), options.walMmapWrites(), options.walPreallocate(), activeWalFile);
        this.readPath = new ReadPath(tableCache);
        this.obsoleteFiles = new ObsoleteFiles(dir, fs, versions, tableCache, this::liveWalNumbers,
                backgroundError::isSet, events);
        this.tableOptions = new TableOptions(options.blockSizeBytes(), options.blockRestartInterval(),
                options.compression(), options.bloomBitsPerKey());
        this.picker = new CompactionPicker(new CompactionConfig(options.level1MaxBytes(),
                options.levelSizeMultiplier(), options.level0CompactionTrigger(), options.targetFileSizeBytes(),
                options.dynamicLevelBytes(), options.tombstoneCompactionRatio(), options.level0SlowdownTrigger()));
        this.statsCollector = new StatsCollector(picker, counters, tableStats, blockCache);
        this.runner = new CompactionRunner(dir, fs, tableOptions, options.targetFileSizeBytes(), versions, picker,
                tableCache, readPath, obsoleteFiles, counters, this::smallestSnapshot, this::nowMillis,
                () -> closed, events);
        this.writeStall = new WriteStall(options, counters, events);
        this.threads = new BackgroundThreads(dir, options.syncMode());
        this.backgroundWork = new BackgroundWork(this, versions, picker, runner, obsoleteFiles, counters,
                backgroundError);
        this.manualCompaction = new ManualCompaction(dir, threads.compactionExecutor(), mutex, versions, runner,
                (edit, outputs) -> applyEdit(edit, outputs, null), obsoleteFiles, counters, backgroundError);
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
        VersionEdit edit = new VersionEdit();
        List<Long> outputs = new ArrayList<>();
        lastSequence = new WalReplay(dir, fs, versions, runner, obsoleteFiles, options.memtableSizeBytes())
                .replay(versions.lastSequence(), edit, outputs);
        long walNumber = versions.newFileNumber();
        memtables.start(walNumber);
        edit.setLogNumber(walNumber);
        applyEdit(edit, outputs, null);
        visibleSequence = lastSequence;
        obsoleteFiles.deleteObsolete();
    }

    /**
     * Records the last sequence, writes {@code edit} to the manifest (synced) and installs the
     * new version; the job's outputs are then live and leave the pending set. Under the mutex,
     * the memtable a flush wrote ({@code flushed}; null for other edits) leaves the list and a new
     * read view is installed. On failure the outputs stay
     * pending (the engine is in error and deletes nothing until reopened).
     */
    void applyEdit(VersionEdit edit, List<Long> outputs, MemTableList.ImmutableMemTable flushed)
            throws IOException {
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
                memtables.remove(flushed);
                maybeScheduleCompaction();
            }
            installView();
            backgroundDone.signalAll();
        } finally {
            mutex.unlock();
        }
    }

    private void startBackgroundWork() {
        threads.startPeriodicSync(this::periodicSync, options.syncInterval());
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
     * How long a writer queued behind a non-durable write group waits actively (spins, then
     * yields) before it parks, as RocksDB's write thread does. Profiling YCSB A (two client
     * threads, half updates) put 9% of the clients' CPU in the futex calls of park and unpark.
     */
    static final long FOLLOWER_SPIN_NANOS = 20_000;

    /**
     * The writer queue (LevelDB's group commit): the writer at the head is the leader; it writes
     * its batch and those queued behind it as one WAL append with one fsync, inserts them into
     * the memtable, publishes their sequence numbers, and wakes them.
     */
    private void enqueue(WriteBatch batch) {
        WriteGroup.Writer w = new WriteGroup.Writer(batch);
        mutex.lock();
        boolean locked = true;
        try {
            if (closing) {
                throw new IllegalStateException("engine at " + dir + " is closed");
            }
            writers.addLast(w);
            boolean durable = batch != null && options.syncMode() == SyncMode.ALWAYS;
            if (durable) {
                syncGather.joined(writers.size());
            }
            if (writers.peekFirst() != w) {
                // Wait without the mutex: a finished writer then returns without taking it, so
                // a group's writers wake in parallel rather than one lock hand-off after another.
                // A non-durable group is written in microseconds: wait for it actively first
                // (spinning, then yielding, so that the leader and background work get the CPU
                // even when the writers outnumber the cores); a durable one waits for an fsync:
                // park at once.
                long spin = batch != null && !durable ? FOLLOWER_SPIN_NANOS : 0;
                mutex.unlock();
                locked = false;
                w.awaitTurn(spin);
                if (w.done) {
                    if (w.error != null) {
                        throw w.error;
                    }
                    return;
                }
                mutex.lock(); // w leads: it is at the head, and only the leader removes writers
                locked = true;
            }
            if (durable) {
                syncGather.await(writers); // let the writers it expects join this group's fsync
            }
            WriteGroup.Writer last = w;
            RuntimeException error = null;
            try {
                makeRoomForWrite(batch == null, batch == null ? 0 : batch.approximateBytes());
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
                WriteGroup.Writer ready = writers.pollFirst();
                if (ready != w) {
                    ready.finish(error);
                }
                if (ready == last) {
                    break;
                }
            }
            if (!writers.isEmpty()) {
                writers.peekFirst().lead();
            } else {
                backgroundDone.signalAll(); // close() waits for the queue to drain
            }
            if (error != null) {
                throw error;
            }
        } finally {
            if (locked) {
                mutex.unlock();
            }
        }
    }

    /** REQUIRES: mutex held, {@code leader} at the head. Returns the last writer of the group. */
    @GuardedBy("mutex")
    private WriteGroup.Writer writeGroup(WriteGroup.Writer leader) {
        WriteGroup group = WriteGroup.build(leader, writers);
        long firstSequence = lastSequence + 1;
        if (lastSequence + group.ops() > InternalKey.MAX_SEQUENCE) {
            throw new LsmException("sequence numbers exhausted (2^56): the store cannot take more writes");
        }
        MemTable target = memtables.active();
        LogWriter log = memtables.wal();
        long walNumber = memtables.activeWalNumber();
        long now = nowMillis();
        mutex.unlock();
        // Everything up to the re-lock may fail in any way; the finally re-takes the mutex so
        // that enqueue always leaves with it held and can wake the group and its successor.
        LsmException failure = null;
        long syncNanos = -1;
        try {
            long walBefore = log.size();
            try {
                group.appendTo(log, firstSequence, now, walBuffer);
                if (options.syncMode() == SyncMode.ALWAYS) {
                    long syncStart = System.nanoTime();
                    log.sync();
                    syncNanos = System.nanoTime() - syncStart;
                    counters.walSyncs.increment();
                }
            } catch (IOException | RuntimeException e) {
                failure = new LsmException("write to the WAL " + FileNames.walFile(dir, walNumber)
                        + " failed: " + e.getMessage() + ". Writes are stopped; reads still work; fix the cause "
                        + "(disk full? I/O error?) and reopen the engine.", e);
            }
            if (failure == null) {
                try {
                    Runnable hook = beforeMemTableInsert;
                    if (hook != null) {
                        hook.run();
                    }
                    group.insertInto(target, firstSequence, now, counters);
                } catch (RuntimeException | Error e) {
                    // The WAL holds the group but the memtable only part of it: the group stays
                    // invisible (its sequences are never published) and the engine turns
                    // read-only; a reopen replays the WAL.
                    failure = new LsmException("inserting a write group into the memtable of " + dir + " failed: "
                            + e + ". Writes are stopped; reads still work; reopen the engine (the WAL holds the "
                            + "writes of the failed group, so they may reappear after the reopen).", e);
                }
                counters.userBytesWritten.add(group.userBytes());
                counters.walBytesWritten.add(log.size() - walBefore);
            }
        } finally {
            mutex.lock();
        }
        if (syncNanos >= 0) {
            syncGather.synced(syncNanos);
        }
        if (failure != null) {
            backgroundError.set(failure);
            throw failure;
        }
        lastSequence = firstSequence + group.ops() - 1;
        visibleSequence = lastSequence;
        return group.last();
    }

    /** How many times a durable group's leader waited for more writers ({@link SyncGather}). */
    long syncGatherWaits() {
        mutex.lock();
        try {
            return syncGather.waits();
        } finally {
            mutex.unlock();
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
     * delaying or stopping the writer while level 0 or the flush queue is too full
     * ({@link WriteStall}); {@code bytes} is the leader's batch, what a slowdown delays.
     */
    @GuardedBy("mutex")
    private void makeRoomForWrite(boolean force, long bytes) {
        boolean allowDelay = !force;
        while (true) {
            if (backgroundError.isSet()) {
                throw backgroundError.writesStopped();
            }
            if (closing) {
                // No more flushes will make room; the write was not made.
                throw new IllegalStateException("engine at " + dir + " is closing; the write was not made");
            }
            switch (writeStall.next(allowDelay, force, view.version.numFiles(0), memtables)) {
                case WRITE -> {
                    return;
                }
                case SLOW_DOWN -> {
                    writeStall.slowDown(mutex, bytes);
                    allowDelay = false;
                }
                case STOP -> {
                    long start = System.nanoTime();
                    maybeScheduleFlush();
                    maybeScheduleCompaction();
                    try {
                        backgroundDone.await(WriteStall.STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new LsmException("interrupted while waiting for a flush or compaction to make room", e);
                    }
                    writeStall.record(start);
                }
                case SWITCH -> {
                    switchMemtable();
                    force = false;
                }
            }
        }
    }

    /**
     * REQUIRES: mutex held, the caller is the leader. The active memtable becomes immutable.
     *
     * <p>The new WAL's creation and the fsyncs of its header record, the directory and (unless
     * NONE) the old WAL run under the mutex, as in LevelDB's MakeRoomForWrite. Releasing it would not shorten any
     * write: every other writer is queued behind this leader and needs the new WAL; readers never
     * take the mutex. What waits is snapshot(), stats(), a finishing flush or compaction and file
     * cleanup, for one create and two or three fsyncs per memtable. Releasing it would let cleanup
     * list a WAL no memtable names yet (safe only by ObsoleteFiles' log-number rule) and add an
     * unlocked section to a {@code @GuardedBy} method, which Error Prone cannot check.
     */
    @GuardedBy("mutex")
    private void switchMemtable() {
        long number = versions.newFileNumber();
        try {
            memtables.switchTo(number);
        } catch (IOException e) {
            LsmException error = new LsmException("cannot start a new WAL " + FileNames.walFile(dir, number) + ": "
                    + e.getMessage() + ". Writes are stopped; fix the cause and reopen the engine.", e);
            backgroundError.set(error);
            throw error;
        }
        installView();
        maybeScheduleFlush();
    }

    private void periodicSync() {
        WritableFile file = activeWalFile.get();
        try {
            file.sync();
            counters.walSyncs.increment();
        } catch (IOException e) {
            if (file == activeWalFile.get() && !closed) {
                backgroundError.set(new LsmException("periodic sync of the WAL failed: " + e.getMessage(), e));
            }
        }
    }

    // ------------------------------------------------------------------ flush

    /** REQUIRES: mutex held. */
    @GuardedBy("mutex")
    private void maybeScheduleFlush() {
        if (!flushScheduled && memtables.immutableCount() > 0 && !closing && !backgroundError.isSet()) {
            flushScheduled = true;
            threads.flushExecutor().execute(backgroundWork::flush);
        }
    }

    @Override
    public void flush() {
        ensureOpen();
        MemTable target;
        mutex.lock();
        try {
            target = memtables.active();
        } finally {
            mutex.unlock();
        }
        enqueue(null); // the leader switches memtables (if the active one holds anything)
        mutex.lock();
        try {
            while (true) {
                if (backgroundError.isSet()) {
                    throw backgroundError.writesStopped();
                }
                if (closing) {
                    throw new IllegalStateException("engine at " + dir + " was closed before the flush finished; "
                            + "its writes are in the WAL and are recovered at the next open");
                }
                if (!memtables.isWaitingForFlush(target)) {
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
    void maybeScheduleCompaction() {
        if (!compactionScheduled && !closing && !backgroundError.isSet()) {
            compactionScheduled = true;
            threads.compactionExecutor().execute(backgroundWork::compact);
        }
    }

    @Override
    public void compact() {
        ensureOpen();
        flush();
        manualCompaction.run();
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

    /** The oldest sequence a snapshot pins, or the visible one; takes the mutex (reentrant). */
    long smallestSnapshot() {
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
        ReadView old = view;
        view = new ReadView(memtables.active(), memtables.immutableMemTables(), current,
                this::scheduleObsoleteFileCleanup);
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
        if (!closed) {
            obsoleteFiles.scheduleDeletion(threads.flushExecutor());
        }
    }

    /** The WALs memtables still need: the active one and those of memtables waiting for flush. */
    private Set<Long> liveWalNumbers() {
        mutex.lock();
        try {
            return memtables.liveWalNumbers();
        } finally {
            mutex.unlock();
        }
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
                walBytes = memtables.walBytes();
                snapshotCount = snapshots.size();
            } finally {
                mutex.unlock();
            }
            return statsCollector.collect(v, walBytes, snapshotCount, visibleSequence, backgroundError.get());
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
                    writers.peekFirst().lead();
                }
            }
            // No leader can start now (closing), so the WAL stays this one.
            lastWal = memtables.wal();
            lastWalNumber = memtables.activeWalNumber();
        } finally {
            mutex.unlock();
        }
        threads.shutdown();
        LsmException failure = null;
        try {
            lastWal.sync();
            lastWal.close();
        } catch (IOException e) {
            // After a background error the writers were told already; closing still releases everything.
            if (!backgroundError.isSet()) {
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
            lastWal = memtables.wal();
        } finally {
            mutex.unlock();
        }
        threads.shutdownNow();
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

    Path dir() {
        return dir;
    }

    @Override
    public String toString() {
        return "LsmEngine[" + dir + "]";
    }
}
