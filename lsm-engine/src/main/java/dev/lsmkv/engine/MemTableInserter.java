package dev.lsmkv.engine;

import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.TtlValue;
import dev.lsmkv.engine.memtable.MemTable;

/**
 * Applies a committed batch to a memtable: the in-memory counterpart of {@link WriteBatchCodec}
 * (LevelDB's WriteBatchInternal::InsertInto). Op i gets sequence {@code firstSequence + i}; a
 * TTL becomes the same absolute expiry the WAL record holds ({@link WriteBatchCodec#expiresAt}), and
 * a {@link WriteBatch#putExpiringAt} keeps its own.
 *
 * <p>Thread-safety: stateless; the engine calls it from the writer-queue leader only.
 */
final class MemTableInserter {

    private MemTableInserter() {
    }

    /** Inserts {@code batch}'s ops into {@code target} and counts them; returns the next sequence. */
    static long insert(WriteBatch batch, long firstSequence, long nowMillis, MemTable target, EngineCounters counters) {
        long seq = firstSequence;
        for (WriteBatch.Op op : batch.ops()) {
            if (op.isDelete()) {
                target.add(seq, EntryKind.DELETE, op.key(), new byte[0]);
                counters.deletes.increment();
            } else if (op.hasExpiry()) {
                long expiresAt = op.expiresAt(nowMillis); // a TTL from now, or an absolute expiry (putExpiringAt)
                target.add(seq, EntryKind.PUT_WITH_TTL, op.key(), TtlValue.encode(expiresAt, op.value()));
                counters.puts.increment();
            } else {
                target.add(seq, EntryKind.PUT, op.key(), op.value());
                counters.puts.increment();
            }
            seq++;
        }
        counters.batches.increment();
        return seq;
    }
}
