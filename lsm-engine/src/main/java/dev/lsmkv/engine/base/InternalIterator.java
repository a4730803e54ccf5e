package dev.lsmkv.engine.base;

/**
 * A forward iterator over internal keys in {@link InternalKey} order: memtables, SSTable
 * blocks, whole tables, levels and merges of those all implement it.
 *
 * <p>Not thread-safe. A new iterator is unpositioned: call {@link #seekToFirst()} or
 * {@link #seek} first. {@link #key()} and {@link #value()} return arrays the caller must not
 * modify; they stay valid after {@link #next()} (implementations hand out fresh or immutable
 * arrays). Corruption found while iterating is thrown as
 * {@link dev.lsmkv.engine.CorruptionException} naming the file.
 */
public interface InternalIterator extends AutoCloseable {

    /** True iff positioned at an entry. */
    boolean isValid();

    void seekToFirst();

    /** Positions at the first entry whose internal key is &gt;= {@code internalKey}. */
    void seek(byte[] internalKey);

    /** REQUIRES: isValid(). */
    void next();

    /** REQUIRES: isValid(). The current internal key. */
    byte[] key();

    /** REQUIRES: isValid(). The current stored value (a TTL entry keeps its header). */
    byte[] value();

    /**
     * REQUIRES: isValid(). True iff every call of {@link #value()} at this entry returns a new
     * array that nothing else holds (a copy out of an SSTable block), so a consumer may hand it on
     * instead of copying it again. False (the default) for arrays shared with others, such as a
     * memtable's.
     */
    default boolean valueIsFresh() {
        return false;
    }

    /** Releases what the iterator holds; idempotent. */
    @Override
    void close();
}
