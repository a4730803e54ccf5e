package dev.lsmkv.replication;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.EngineStats;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.Snapshot;
import dev.lsmkv.engine.WriteBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link LsmEngine} whose writes are replicated through a Raft group (Apache Ratis), for
 * applications that program against {@code LsmEngine} (the Spring starter among them) and need a
 * second machine.
 *
 * <ul>
 * <li>Writes ({@code put}, {@code delete}, {@code write}) go to the leader and return once a
 *     majority has the entry in its log and the leader has applied it; a batch stays all or
 *     nothing. A TTL becomes an expiry instant on the leader's clock, the same on every node.</li>
 * <li>Reads ({@code get}, {@code scan}, {@code snapshot}) first run a read barrier through the
 *     leader (Raft read-index), then read this node's engine, so they are linearizable
 *     ({@link ReadConsistency#LINEARIZABLE}, the default); or they reuse a barrier up to
 *     {@code maxStaleness} old ({@link ReadConsistency#BOUNDED_STALENESS}).</li>
 * <li>{@code flush}, {@code compact}, {@code checkpoint} and {@code stats} act on this node's
 *     engine only.</li>
 * <li>Keys under {@link ReservedKeys#PREFIX} belong to replication: writing one is an
 *     {@link IllegalArgumentException}, and reads and scans never show them.</li>
 * </ul>
 *
 * Without a majority of its group, a write or a read fails with an {@code LsmException} after the
 * request timeout; a write that timed out may still take effect later. Thread-safe.
 */
public final class ReplicatedLsmEngine implements LsmEngine {

    private final ReplicationNode node;
    private final ReadConsistency consistency;
    private final long maxStalenessNanos;
    /** System.nanoTime() at which the last completed barrier started, for bounded-staleness reads. */
    private final AtomicLong lastBarrierStart = new AtomicLong();
    private volatile boolean anyBarrier;
    private volatile boolean closed;

    private ReplicatedLsmEngine(ReplicationNode node) {
        this.node = node;
        this.consistency = node.config().readConsistency();
        this.maxStalenessNanos = node.config().maxStaleness().toNanos();
    }

    /** Starts a node of the group {@code config} describes and returns its engine; closing it stops the node. */
    public static ReplicatedLsmEngine start(ReplicationConfig config) {
        return new ReplicatedLsmEngine(ReplicationNode.start(config));
    }

    /** The engine of an already started node; closing the engine stops the node. */
    public static ReplicatedLsmEngine over(ReplicationNode node) {
        return new ReplicatedLsmEngine(node);
    }

    /** The node this engine writes through (status for health checks). */
    public ReplicationNode node() {
        return node;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        write(new WriteBatch().put(key, value));
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        write(new WriteBatch().put(key, value, ttl));
    }

    @Override
    public void delete(byte[] key) {
        write(new WriteBatch().delete(key));
    }

    @Override
    public void write(WriteBatch batch) {
        checkOpen();
        if (batch == null) {
            throw new IllegalArgumentException("batch must not be null");
        }
        if (batch.isEmpty()) {
            return;
        }
        byte[] record = batch.encode(0); // TTLs stay relative; the leader fixes the instants
        if (ReservedKeys.firstReservedKey(record) != null) {
            throw new IllegalArgumentException("keys starting with 0xFF 0x00 \"lsmkv-repl/\" are reserved for "
                    + "lsm-replication's own records; use another key");
        }
        node.submit(record);
    }

    @Override
    public byte[] get(byte[] key) {
        checkKey(key);
        awaitReadable();
        if (ReservedKeys.isReserved(key)) {
            return null;
        }
        return node.stateMachine().withEngine(e -> e.get(key));
    }

    @Override
    public Cursor scan(byte[] fromInclusive, byte[] toExclusive) {
        checkOpen();
        awaitReadable();
        return node.stateMachine().withEngine(e -> new HidingCursor(e.scan(fromInclusive, toExclusive)));
    }

    @Override
    public Snapshot snapshot() {
        checkOpen();
        awaitReadable();
        Snapshot s = node.stateMachine().withEngine(LsmEngine::snapshot);
        return new Snapshot() {
            @Override
            public byte[] get(byte[] key) {
                byte[] v = s.get(key);
                return v == null || ReservedKeys.isReserved(key) ? null : v;
            }

            @Override
            public Cursor scan(byte[] from, byte[] to) {
                return new HidingCursor(s.scan(from, to));
            }

            @Override
            public long sequence() {
                return s.sequence();
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    /** Flushes this node's engine only. */
    @Override
    public void flush() {
        checkOpen();
        node.stateMachine().withEngine(e -> {
            e.flush();
            return null;
        });
    }

    /** False: the other nodes of the group write this store too. */
    @Override
    public boolean exclusiveWriter() {
        return false;
    }

    /** Compacts this node's engine only. */
    @Override
    public void compact() {
        checkOpen();
        node.stateMachine().withEngine(e -> {
            e.compact();
            return null;
        });
    }

    /**
     * A checkpoint of this node's engine, as of the entries it has applied (it includes the
     * applied-index record, so it can also seed a new node's {@code engine/} directory).
     */
    @Override
    public void checkpoint(Path dir) {
        checkOpen();
        node.stateMachine().withEngine(e -> {
            e.checkpoint(dir);
            return null;
        });
    }

    /** The stats of this node's engine; replication figures are in {@link ReplicationNode#status()}. */
    @Override
    public EngineStats stats() {
        checkOpen();
        return node.stateMachine().withEngine(LsmEngine::stats);
    }

    /** Stops this node (its Raft server and its engine). Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            node.close();
        }
    }

    private void awaitReadable() {
        if (consistency == ReadConsistency.BOUNDED_STALENESS && anyBarrier
                && System.nanoTime() - lastBarrierStart.get() <= maxStalenessNanos) {
            return;
        }
        long start = System.nanoTime();
        node.readBarrier();
        lastBarrierStart.accumulateAndGet(start, (a, b) -> !anyBarrier || b - a > 0 ? b : a);
        anyBarrier = true;
    }

    private void checkKey(byte[] key) {
        checkOpen();
        if (key == null) {
            throw new IllegalArgumentException("key must not be null (keys are 1 byte to 64 KiB)");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the replicated engine of node " + node.config().self() + " is closed");
        }
    }

    /** A cursor that skips replication's reserved keys. */
    private static final class HidingCursor implements Cursor {
        private final Cursor in;

        HidingCursor(Cursor in) {
            this.in = in;
        }

        @Override
        public boolean next() {
            while (in.next()) {
                if (!ReservedKeys.isReserved(in.key())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public byte[] key() {
            return in.key();
        }

        @Override
        public byte[] value() {
            return in.value();
        }

        @Override
        public Duration timeToLive() {
            return in.timeToLive();
        }

        @Override
        public void close() {
            in.close();
        }

        @Override
        public String toString() {
            return "HidingCursor[" + Arrays.toString(ReservedKeys.PREFIX) + "]";
        }
    }
}
