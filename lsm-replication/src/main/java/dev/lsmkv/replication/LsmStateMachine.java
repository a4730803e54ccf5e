package dev.lsmkv.replication;

import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.WriteBatch;
import dev.lsmkv.engine.fs.NioFileSystem;
import dev.lsmkv.engine.fs.Vfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of one node: log entries are engine batch records, applied in log order
 * to the node's local {@link LsmEngine}.
 *
 * <p>Invariants:
 * <ol>
 * <li>The engine holds the effects of log entry i iff its applied key ({@link ReservedKeys}) names
 *     an index &ge; i: the key is written in the same engine batch as the entry's data. An entry
 *     at or below it (replayed by Ratis after a restart, which starts from the latest snapshot) is
 *     skipped, so a restart applies exactly the missing entries.</li>
 * <li>A snapshot at (t, i) is an engine checkpoint whose applied key is exactly (t, i): before the
 *     checkpoint, the applied key is advanced over entries that carried no data (leader no-ops,
 *     configuration changes).</li>
 * <li>At start, an engine whose applied index is below the latest snapshot (wiped, or a crash
 *     during a snapshot install) is rebuilt from that snapshot before anything is applied.</li>
 * <li>Expiry instants are fixed by the leader in {@link #startTransaction}; applying an entry never
 *     reads a clock.</li>
 * </ol>
 *
 * <p>Threads: Ratis calls {@code applyTransaction}, {@code takeSnapshot} and {@code reinitialize}
 * from its single updater thread; queries and local reads (through {@link #withEngine}) run on any
 * thread, under a read lock that a snapshot install takes exclusively while it swaps the engine.
 */
final class LsmStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(LsmStateMachine.class);

    private final Path engineDir;
    private final EngineOptions options;
    private final SnapshotStore snapshots;
    private final InstantSource clock;
    private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
    private volatile LsmEngine engine;
    private volatile long engineAppliedIndex;
    private final AtomicLong snapshotsTaken = new AtomicLong();
    private final AtomicLong snapshotsInstalled = new AtomicLong();
    /** Log entries applied to the engine, and replayed ones skipped because it had them, since start. */
    private final AtomicLong entriesApplied = new AtomicLong();
    private final AtomicLong entriesSkipped = new AtomicLong();

    LsmStateMachine(Path dataDir, EngineOptions options, InstantSource clock) {
        this.engineDir = dataDir.resolve("engine");
        this.options = options;
        this.clock = clock;
        this.snapshots = new SnapshotStore(dataDir.resolve("snapshots"), dataDir.resolve("snapshot-tmp"));
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshots;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        getLifeCycle().startAndTransition(() -> {
            snapshots.init(raftStorage);
            SnapshotStore.deleteRecursively(restoreTmpDir());
            SnapshotStore.deleteRecursively(oldEngineDir());
            openEngine();
            SnapshotInfo s = snapshots.getLatestSnapshot();
            if (s != null) {
                if (engineAppliedIndex < s.getIndex()) {
                    LOG.info("engine {} has applied index {}, below the latest snapshot {}; restoring from it",
                            engineDir, engineAppliedIndex, s.getTermIndex());
                    restoreFrom(s);
                }
                setLastAppliedTermIndex(s.getTermIndex());
            }
        }, IOException.class);
    }

    /** Before a snapshot install; Ratis calls it once per received chunk, so it is idempotent. */
    @Override
    public void pause() {
        if (getLifeCycle().compareAndTransition(LifeCycle.State.RUNNING, LifeCycle.State.PAUSING)) {
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** After Ratis installed a snapshot from the leader: the engine becomes that snapshot. */
    @Override
    public void reinitialize() throws IOException {
        SnapshotInfo s = snapshots.refresh();
        if (s == null) {
            throw new IOException("reinitialize after a snapshot install, but " + snapshots.getSnapshotDir()
                    + " holds no snapshot.TERM_INDEX directory");
        }
        restoreFrom(s);
        setLastAppliedTermIndex(s.getTermIndex());
        snapshotsInstalled.incrementAndGet();
        LOG.info("installed snapshot {} from the leader into {}", s.getTermIndex(), engineDir);
        if (getLifeCycle().compareAndTransition(LifeCycle.State.PAUSED, LifeCycle.State.STARTING)) {
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    /** On the leader: fixes expiry instants with the leader's clock and makes the log entry. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        ByteString content = request.getMessage().getContent();
        if (content.isEmpty() || content.byteAt(0) != Messages.WRITE) {
            throw new IOException("not a write request (type " + (content.isEmpty() ? "none" : content.byteAt(0)) + ")");
        }
        byte[] relative = content.substring(1).toByteArray();
        byte[] reserved = ReservedKeys.firstReservedKey(relative);
        if (reserved != null) {
            throw new IOException("the batch writes a key under lsm-replication's reserved prefix 0xFF 0x00 \"lsmkv-repl/\"");
        }
        byte[] absolute = WriteBatch.decode(relative, clock.millis()).encode(0);
        return TransactionContext.newBuilder()
                .setStateMachine(this)
                .setClientRequest(request)
                .setLogData(ByteString.copyFrom(Messages.entry(absolute)))
                .build();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long term = entry.getTerm();
        long index = entry.getIndex();
        try {
            if (index > engineAppliedIndex) {
                ByteString data = entry.getStateMachineLogEntry().getLogData();
                if (data.isEmpty() || data.byteAt(0) != Messages.ENTRY_V1) {
                    throw new IllegalStateException("log entry " + index + " has version "
                            + (data.isEmpty() ? "none" : data.byteAt(0)) + "; this lsm-replication reads version "
                            + Messages.ENTRY_V1 + ". Upgrade this node.");
                }
                WriteBatch batch = WriteBatch.decode(data.substring(1).toByteArray(), 0);
                batch.put(ReservedKeys.APPLIED_KEY, ReservedKeys.encodeApplied(term, index));
                withEngine(e -> {
                    e.write(batch);
                    return null;
                });
                engineAppliedIndex = index;
                entriesApplied.incrementAndGet();
            } else {
                entriesSkipped.incrementAndGet();
            }
            updateLastAppliedTermIndex(term, index);
            return CompletableFuture.completedFuture(Messages.longs(index));
        } catch (RuntimeException e) {
            LOG.error("applying log entry {} to {} failed; this node stops applying until repaired", index, engineDir, e);
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        ByteString content = request.getContent();
        try {
            byte type = content.isEmpty() ? 0 : content.byteAt(0);
            return CompletableFuture.completedFuture(switch (type) {
                case Messages.BARRIER -> Messages.longs(appliedIndex());
                case Messages.GET -> {
                    byte[] key = content.substring(1).toByteArray();
                    yield Messages.valueReply(ReservedKeys.isReserved(key) ? null : withEngine(e -> e.get(key)));
                }
                case Messages.STATUS -> Messages.longs(appliedIndex(), engineAppliedIndex,
                        snapshotsTaken.get(), snapshotsInstalled.get());
                default -> throw new IllegalArgumentException("unknown query type " + type);
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A snapshot at the last applied entry: the engine's checkpoint (hard links) in
     * {@code snapshots/snapshot.TERM_INDEX}. Ratis then purges the log up to it.
     */
    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() <= 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        SnapshotInfo current = snapshots.getLatestSnapshot();
        if (current != null && current.getIndex() >= last.getIndex()) {
            return current.getIndex();
        }
        withEngine(e -> {
            if (engineAppliedIndex < last.getIndex()) { // entries without data since the last batch
                e.put(ReservedKeys.APPLIED_KEY, ReservedKeys.encodeApplied(last.getTerm(), last.getIndex()));
                engineAppliedIndex = last.getIndex();
            }
            e.checkpoint(snapshots.dirOf(last));
            return null;
        });
        snapshots.refresh();
        snapshots.cleanupOldSnapshots(null);
        snapshotsTaken.incrementAndGet();
        LOG.info("took snapshot {} of {}", last, engineDir);
        return last.getIndex();
    }

    @Override
    public void close() throws IOException {
        swapLock.writeLock().lock();
        try {
            if (engine != null) {
                engine.close();
                engine = null;
            }
        } finally {
            swapLock.writeLock().unlock();
        }
        getLifeCycle().checkStateAndClose();
    }

    /** Runs {@code fn} on the local engine, which no snapshot install replaces meanwhile. */
    <T> T withEngine(Function<LsmEngine, T> fn) {
        swapLock.readLock().lock();
        try {
            LsmEngine e = engine;
            if (e == null) {
                throw new IllegalStateException("the replicated engine in " + engineDir + " is closed");
            }
            return fn.apply(e);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    long appliedIndex() {
        TermIndex ti = getLastAppliedTermIndex();
        return ti == null ? 0 : ti.getIndex();
    }

    long engineAppliedIndex() {
        return engineAppliedIndex;
    }

    long entriesApplied() {
        return entriesApplied.get();
    }

    long entriesSkipped() {
        return entriesSkipped.get();
    }

    long snapshotsTaken() {
        return snapshotsTaken.get();
    }

    long snapshotsInstalled() {
        return snapshotsInstalled.get();
    }

    private void openEngine() {
        engine = LsmEngine.open(engineDir, options);
        engineAppliedIndex = ReservedKeys.decodeApplied(engine.get(ReservedKeys.APPLIED_KEY))[1];
    }

    /**
     * Replaces the engine by a copy of snapshot {@code s}: tables hard-linked (they are immutable),
     * everything else copied and fsync'd, every directory of the copy fsync'd, then swapped in by
     * renames whose parent directory is fsync'd. A crash or power cut leaves the old engine or the
     * whole new one, never a new one with unsynced MANIFEST or CURRENT (a start-up check repeats
     * the restore if the engine is behind the latest snapshot).
     */
    private void restoreFrom(SnapshotInfo s) throws IOException {
        Vfs fs = NioFileSystem.INSTANCE;
        Path src = snapshots.dirOf(s.getTermIndex());
        Path tmp = restoreTmpDir();
        SnapshotStore.deleteRecursively(tmp);
        Files.createDirectories(tmp);
        java.util.Set<Path> dirs = new java.util.TreeSet<>();
        dirs.add(tmp);
        for (Path f : SnapshotStore.filesOf(src)) {
            Path target = tmp.resolve(src.relativize(f).toString());
            Files.createDirectories(target.getParent());
            dirs.add(target.getParent());
            if (f.getFileName().toString().endsWith(".sst")) {
                fs.linkOrCopy(f, target); // a hard link, or a synced copy on another file system
            } else {
                Vfs.copy(fs, f, target); // copied and fsync'd
            }
        }
        for (Path d : dirs) {
            fs.syncDirectory(d);
        }
        swapLock.writeLock().lock();
        try {
            if (engine != null) {
                engine.close();
                engine = null;
            }
            if (Files.exists(engineDir)) {
                Files.move(engineDir, oldEngineDir(), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, engineDir, StandardCopyOption.ATOMIC_MOVE);
            fs.syncDirectory(engineDir.getParent()); // the renames are durable before the old copy goes
            SnapshotStore.deleteRecursively(oldEngineDir());
            openEngine();
        } finally {
            swapLock.writeLock().unlock();
        }
        if (engineAppliedIndex != s.getIndex()) {
            throw new IOException("snapshot " + src + " holds applied index " + engineAppliedIndex
                    + " but is named for index " + s.getIndex() + "; delete it and let the leader send a new one");
        }
    }

    private Path restoreTmpDir() {
        return engineDir.resolveSibling("engine.restore-tmp");
    }

    private Path oldEngineDir() {
        return engineDir.resolveSibling("engine.old");
    }
}
