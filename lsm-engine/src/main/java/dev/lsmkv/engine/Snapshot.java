package dev.lsmkv.engine;

/**
 * A consistent point-in-time view of the engine: writes made after it was taken are invisible
 * to it. It pins a sequence number (compaction keeps what it needs) until closed. Thread-safe.
 */
public interface Snapshot extends AutoCloseable {

    /** The value of {@code key} as of this snapshot, or null when absent, deleted or expired. */
    byte[] get(byte[] key);

    /** A cursor over [fromInclusive, toExclusive) as of this snapshot; a null bound is unbounded. */
    Cursor scan(byte[] fromInclusive, byte[] toExclusive);

    /** The sequence number this snapshot reads at. */
    long sequence();

    /** Releases the snapshot; idempotent. */
    @Override
    void close();
}
