package dev.lsmkv.engine;

/**
 * An ordered, forward-only view of a key range: keys ascend as unsigned bytes. A cursor reads
 * a consistent point in time (the moment it was opened, or its snapshot); deleted and expired
 * entries never show. Not thread-safe: one thread at a time. Close it to release the files it
 * holds.
 *
 * <pre>{@code
 * try (Cursor c = db.scan(from, to)) {
 *     while (c.next()) { use(c.key(), c.value()); }
 * }
 * }</pre>
 */
public interface Cursor extends AutoCloseable {

    /** Moves to the next entry; true iff there is one. The first call moves to the first entry. */
    boolean next();

    /** The current key, a fresh array the caller owns. REQUIRES: the last {@link #next()} returned true. */
    byte[] key();

    /** The current value, a fresh array the caller owns. REQUIRES: the last {@link #next()} returned true. */
    byte[] value();

    /**
     * The time the current entry has left to live, measured on the engine's clock now, or null when
     * it never expires. Lets a caller that rewrites an entry (a re-indexing pass, a copy) keep its
     * expiry: {@code put(key, newValue, cursor.timeToLive())}. REQUIRES: the last {@link #next()}
     * returned true.
     */
    default java.time.Duration timeToLive() {
        throw new UnsupportedOperationException(getClass().getName() + " does not report time to live");
    }

    /** Releases the cursor; idempotent. */
    @Override
    void close();
}
