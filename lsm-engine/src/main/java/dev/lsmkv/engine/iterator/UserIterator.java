package dev.lsmkv.engine.iterator;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.base.TtlValue;
import dev.lsmkv.engine.util.Coding;
import java.util.Arrays;

/**
 * What a user's scan sees of an internal stream: for each user key in
 * [{@code fromInclusive}, {@code toExclusive}), the newest entry with sequence &lt;=
 * {@code sequence}, unless that entry is a tombstone or has expired at {@code nowMillis}. An
 * expired or deleted newest version hides the key entirely: older versions never resurface.
 *
 * <p>Not thread-safe. Takes ownership of the source: {@link #close()} closes it.
 *
 * <p>Hot path: skipping versions compares user-key regions in place
 * ({@link InternalKey#sameUserKey}) and allocates nothing; the only allocations are the copies
 * {@link #key()} and {@link #value()} hand to the caller. A value the source copied out of an
 * SSTable block ({@link InternalIterator#valueIsFresh()}) is handed out as it is, once.
 *
 * <p>Invariants:
 * <ol>
 *   <li>While positioned, {@code currentKey}/{@code currentValue} are the source's arrays of
 *       the visible entry (they stay valid after the source moves on, by the
 *       {@link InternalIterator} contract), and the source is at that entry or, once the
 *       lookahead has run, at an older version of the same user key.</li>
 *   <li>Once {@link #next()} returned false it keeps returning false.</li>
 * </ol>
 */
public final class UserIterator implements AutoCloseable {

    private static final int DELETE = EntryKind.DELETE.code();
    private static final int PUT = EntryKind.PUT.code();
    private static final int PUT_WITH_TTL = EntryKind.PUT_WITH_TTL.code();

    private final InternalIterator source;
    private final long sequence;
    private final long nowMillis;
    private final byte[] fromInclusive;
    private final byte[] toExclusive;

    private boolean started;
    private boolean done;
    private boolean closed;
    private byte[] currentKey;
    private byte[] currentValue;
    private boolean currentHasTtl;
    /** The source's value() gives a new array per call at the current entry (see InternalIterator#valueIsFresh). */
    private boolean currentValueFresh;
    /** currentValue itself has been handed to the caller, who may have changed it. */
    private boolean currentValueGiven;

    /**
     * @param source        the merged internal stream; owned from now on
     * @param sequence      the snapshot: entries with a larger sequence are invisible
     * @param nowMillis     entries expiring at or before this instant are hidden
     * @param fromInclusive the first user key to return, or null for the first key
     * @param toExclusive   the user key to stop before, or null to run to the end
     */
    public UserIterator(InternalIterator source, long sequence, long nowMillis, byte[] fromInclusive, byte[] toExclusive) {
        this.source = source;
        this.sequence = sequence;
        this.nowMillis = nowMillis;
        this.fromInclusive = fromInclusive;
        this.toExclusive = toExclusive;
    }

    /** Moves to the next visible entry; true iff there is one. The first call seeks to the lower bound. */
    public boolean next() {
        if (done) {
            return false;
        }
        if (!started) {
            started = true;
            if (fromInclusive == null) {
                source.seekToFirst();
            } else {
                source.seek(InternalKey.lookupKey(fromInclusive, Math.min(sequence, InternalKey.MAX_SEQUENCE)));
            }
        } else if (currentKey != null) {
            skipUserKey(currentKey);
        }
        currentKey = null;
        currentValue = null;
        while (source.isValid()) {
            byte[] ik = source.key();
            int userLength = ik.length - InternalKey.TRAILER_SIZE;
            if (toExclusive != null && Arrays.compareUnsigned(ik, 0, userLength, toExclusive, 0, toExclusive.length) >= 0) {
                break;
            }
            long trailer = Coding.getFixed64(ik, userLength);
            if ((trailer >>> 8) > sequence) {
                // Newer than the snapshot: invisible, an older version may follow.
                source.next();
                continue;
            }
            int kind = (int) (trailer & 0xFF);
            if (kind == PUT) {
                return position(ik, source.value(), false);
            }
            if (kind == PUT_WITH_TTL) {
                byte[] v = source.value();
                if (v.length < TtlValue.HEADER_SIZE) {
                    throw new CorruptionException("TTL value of " + v.length + " bytes, expected at least "
                            + TtlValue.HEADER_SIZE + ", at key " + InternalKey.describe(ik));
                }
                if (Coding.getFixed64(v, 0) > nowMillis) {
                    return position(ik, v, true);
                }
            } else if (kind != DELETE) {
                throw new CorruptionException("unknown entry kind " + kind + " at key " + InternalKey.describe(ik));
            }
            // Deleted or expired as of the snapshot: the key and all its older versions are hidden.
            skipUserKey(ik);
        }
        done = true;
        return false;
    }

    /** REQUIRES: the last {@link #next()} returned true. The user key: a fresh array the caller owns. */
    public byte[] key() {
        checkPositioned();
        return Arrays.copyOf(currentKey, currentKey.length - InternalKey.TRAILER_SIZE);
    }

    /**
     * The absolute expiry (epoch millis on the engine's clock) of the current entry, or 0 when it
     * has none. REQUIRES: the last {@link #next()} returned true.
     */
    public long expiresAtMillis() {
        checkPositioned();
        return currentHasTtl ? TtlValue.expiresAt(currentValue) : 0;
    }

    /** REQUIRES: the last {@link #next()} returned true. The user value without TTL header: a fresh array the caller owns. */
    public byte[] value() {
        checkPositioned();
        if (currentHasTtl) {
            return Arrays.copyOfRange(currentValue, TtlValue.HEADER_SIZE, currentValue.length);
        }
        if (!currentValueFresh) {
            return currentValue.clone();
        }
        if (!currentValueGiven) {
            currentValueGiven = true;
            return currentValue;
        }
        return source.value(); // the source is still at this entry and copies again
    }

    /** Closes the source; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        done = true;
        currentKey = null;
        currentValue = null;
        source.close();
    }

    private boolean position(byte[] ik, byte[] storedValue, boolean hasTtl) {
        currentKey = ik;
        currentValue = storedValue;
        currentHasTtl = hasTtl;
        currentValueFresh = !hasTtl && source.valueIsFresh();
        currentValueGiven = false;
        return true;
    }

    /** Advances the source past every entry whose user key is that of {@code internalKey}. */
    private void skipUserKey(byte[] internalKey) {
        do {
            source.next();
        } while (source.isValid() && InternalKey.sameUserKey(source.key(), internalKey));
    }

    private void checkPositioned() {
        if (currentKey == null) {
            throw new IllegalStateException("not positioned: next() has not returned true");
        }
    }
}
