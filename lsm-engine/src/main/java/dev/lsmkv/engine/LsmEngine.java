package dev.lsmkv.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * An embedded, crash-safe key-value store over one directory: an LSM tree with a write-ahead
 * log, memtables, SSTables and background compaction.
 *
 * <p>Keys and values are byte arrays. Keys are 1 byte to 64 KiB and compare as unsigned bytes,
 * lexicographically; values are 0 bytes to 64 MiB. Anything else (a null key too) is an
 * {@link IllegalArgumentException} naming the limit, and nothing is written.
 *
 * <p>Thread-safe: any number of threads may read, write and scan at once. The engine copies
 * the arrays it is given and returns arrays the caller owns. A write that has returned is in
 * the write-ahead log (and under {@link SyncMode#ALWAYS} on stable storage) and survives a
 * crash. Corruption on disk raises {@link CorruptionException}; it is never returned as data.
 * After {@link #close()}, every method raises {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (LsmEngine db = LsmEngine.open(Path.of("data"))) {
 *     db.put(key, value);
 *     byte[] v = db.get(key);
 * }
 * }</pre>
 */
public interface LsmEngine extends AutoCloseable {

    /** Opens (creating if needed) the engine in {@code dir} with default options. */
    static LsmEngine open(Path dir) {
        return open(dir, EngineOptions.defaults());
    }

    /**
     * Opens (creating if needed) the engine in {@code dir}, recovering every write that returned
     * before the last close or crash.
     *
     * @throws LsmException        if the directory is locked by another open engine (in this or
     *                             another process), holds something that is not an lsmkv store, or
     *                             cannot be read or written
     * @throws CorruptionException if a file the store needs fails verification
     */
    static LsmEngine open(Path dir, EngineOptions options) {
        return DbImpl.open(dir, options);
    }

    /** Sets {@code key} to {@code value}. */
    void put(byte[] key, byte[] value);

    /** Sets {@code key} to {@code value}; the entry disappears once {@code ttl} has passed. */
    void put(byte[] key, byte[] value, Duration ttl);

    /** The value of {@code key}, or null when absent, deleted or expired. */
    byte[] get(byte[] key);

    /** Removes {@code key}; a no-op if absent. */
    void delete(byte[] key);

    /** Applies every operation of {@code batch}, all or nothing, visible all at once. */
    void write(WriteBatch batch);

    /**
     * An ordered cursor over [fromInclusive, toExclusive) at the current point in time; a null
     * bound is unbounded. Deleted and expired entries never show.
     */
    Cursor scan(byte[] fromInclusive, byte[] toExclusive);

    /** A consistent point-in-time view; later writes are invisible to it. Close it when done. */
    Snapshot snapshot();

    /** Writes the memtable to an SSTable; durable when it returns. */
    void flush();

    /** A full manual compaction of every level; returns when done. */
    void compact();

    /**
     * Makes a consistent copy of the store, as of this call, in the new directory {@code dir},
     * while reads and writes go on: every write that returned before the call is in it. Tables are
     * hard-linked where the file system allows (they are immutable, so the copy costs almost no
     * space or time) and copied otherwise. Opening {@code dir} with {@link #open} is the restore;
     * it is a store of its own, independent of this one. The memtable is flushed first.
     *
     * @throws IllegalArgumentException if {@code dir} is null, exists, or is inside this store's
     *         directory
     * @throws LsmException if writing the copy fails (nothing is left at {@code dir}) or writes
     *         are stopped by a background error
     */
    void checkpoint(Path dir);

    /** Counters and level shape; cheap to call. Works after a background error, not after close. */
    EngineStats stats();

    /**
     * Stops background work, syncs the WAL and releases the directory lock. A later open
     * recovers every write that returned before close. Idempotent.
     */
    @Override
    void close();
}
