package dev.lsmkv.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Snapshot}: a sequence number registered with the engine, so that compaction keeps
 * every version it can see. Reads go through the engine's current view at that sequence.
 */
final class DbSnapshot implements Snapshot {

    private final DbImpl db;
    private final long sequence;
    private final AtomicBoolean closed = new AtomicBoolean();

    DbSnapshot(DbImpl db, long sequence) {
        this.db = db;
        this.sequence = sequence;
    }

    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        return db.getAt(key, sequence);
    }

    @Override
    public Cursor scan(byte[] fromInclusive, byte[] toExclusive) {
        checkOpen();
        return db.scanAt(fromInclusive, toExclusive, sequence);
    }

    @Override
    public long sequence() {
        return sequence;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("snapshot at sequence " + sequence + " is closed");
        }
        db.ensureOpen();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            db.releaseSnapshot(sequence);
        }
    }
}
