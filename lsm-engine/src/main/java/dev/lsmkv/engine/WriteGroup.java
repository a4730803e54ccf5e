package dev.lsmkv.engine;

import dev.lsmkv.engine.memtable.MemTable;
import dev.lsmkv.engine.util.ByteWriter;
import dev.lsmkv.engine.wal.LogWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The writers a leader of the writer queue commits together (LevelDB's BuildBatchGroup): the
 * leader's batch and those queued behind it, up to a size limit, as consecutive WAL records
 * followed by one flush, then inserted into the memtable with consecutive sequence numbers.
 *
 * <p>Thread-safety: none; built by the leader under the engine mutex, then written and inserted
 * by the leader alone without it.
 */
final class WriteGroup {

    private static final long MAX_GROUP_BYTES = 1 << 20;

    /**
     * A thread in the writer queue. batch == null asks the leader to switch memtables.
     *
     * <p>A queued writer parks without the engine mutex until the leader that wrote its batch
     * marks it {@link #done} or the writer before it hands it the lead ({@link #lead}); both
     * wake its thread directly. Written with the mutex held by the waking leader, read by the
     * parked writer without it, hence volatile; {@link #error} is written before {@link #done}.
     */
    static final class Writer {
        final WriteBatch batch;
        final Thread thread = Thread.currentThread();
        volatile boolean done;
        volatile boolean lead;
        RuntimeException error;

        Writer(WriteBatch batch) {
            this.batch = batch;
        }

        /** Marks this writer's batch written (or failed with {@code failure}) and wakes it. */
        void finish(RuntimeException failure) {
            error = failure;
            done = true;
            LockSupport.unpark(thread);
        }

        /** Hands this writer, now at the head of the queue, the lead, and wakes it. */
        void lead() {
            lead = true;
            LockSupport.unpark(thread);
        }

        /**
         * Waits until this writer is {@link #done} or leads: for up to {@code spinNanos} actively
         * (64 spins, then yielding the CPU in a loop; a follower of a short non-durable write
         * group is usually released within microseconds, sooner than a park and an unpark
         * through the kernel would take), then parked. An interrupt does not end the wait and is
         * restored (as Condition.awaitUninterruptibly).
         */
        @SuppressWarnings("ThreadPriorityCheck") // yielding is the point: see the comment at Thread.yield
        void awaitTurn(long spinNanos) {
            if (spinNanos > 0) {
                long start = System.nanoTime();
                for (int i = 1; !done && !lead; i++) {
                    if (i <= 64) {
                        Thread.onSpinWait();
                    } else {
                        // yield, not busy-wait: a flush or compaction waiting for a core gets it
                        Thread.yield();
                        if (System.nanoTime() - start > spinNanos) {
                            break;
                        }
                    }
                }
            }
            boolean interrupted = false;
            while (!done && !lead) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final List<Writer> writers;
    private final long ops;
    private final long userBytes;

    private WriteGroup(List<Writer> writers) {
        this.writers = writers;
        long n = 0;
        long bytes = 0;
        for (Writer x : writers) {
            n += x.batch.size();
            bytes += x.batch.userBytes();
        }
        this.ops = n;
        this.userBytes = bytes;
    }

    /**
     * The group led by {@code leader}, the head of {@code queue}: a small leader batch
     * takes followers up to 128 KiB more, a large one up to 1 MiB in all, so that a small write
     * is not delayed behind a large group. A memtable switch request is a group of its own.
     */
    static WriteGroup build(Writer leader, Iterable<Writer> queue) {
        List<Writer> group = new ArrayList<>();
        long bytes = 0;
        long maxBytes = leader.batch.approximateBytes() <= 128 * 1024
                ? leader.batch.approximateBytes() + 128 * 1024 : MAX_GROUP_BYTES;
        for (Writer x : queue) {
            if (x.batch == null) {
                break; // a memtable switch request is a group of its own
            }
            if (!group.isEmpty() && bytes + x.batch.approximateBytes() > maxBytes) {
                break;
            }
            group.add(x);
            bytes += x.batch.approximateBytes();
        }
        return new WriteGroup(group);
    }

    /** The number of operations: the group takes that many sequence numbers. */
    long ops() {
        return ops;
    }

    /** Keys and values written, as counted by {@link EngineCounters#userBytesWritten}. */
    long userBytes() {
        return userBytes;
    }

    /** The last writer of the group, the one the leader wakes last. */
    Writer last() {
        return writers.get(writers.size() - 1);
    }

    /** Appends one WAL record per batch, numbered from {@code firstSequence}, and flushes (no sync). */
    void appendTo(LogWriter log, long firstSequence, long nowMillis, ByteWriter buffer) throws IOException {
        long seq = firstSequence;
        for (Writer x : writers) {
            buffer.reset();
            WriteBatchCodec.encode(x.batch, seq, nowMillis, buffer);
            log.addRecord(buffer.array(), 0, buffer.size());
            seq += x.batch.size();
        }
        log.flush();
    }

    /** Inserts the ops, numbered from {@code firstSequence}, into {@code target}. */
    void insertInto(MemTable target, long firstSequence, long nowMillis, EngineCounters counters) {
        long seq = firstSequence;
        for (Writer x : writers) {
            seq = MemTableInserter.insert(x.batch, seq, nowMillis, target, counters);
        }
    }
}
