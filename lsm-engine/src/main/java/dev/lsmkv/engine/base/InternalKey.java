package dev.lsmkv.engine.base;

import dev.lsmkv.engine.util.Bytes;
import dev.lsmkv.engine.util.Coding;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Internal keys: every entry in memtables and SSTables is keyed by
 *
 * <pre>
 * internal key := user key bytes | trailer: fixed64 little-endian (sequence &lt;&lt; 8 | kind code)
 * </pre>
 *
 * ordered by user key ascending (unsigned bytes), then trailer descending, so that the newest
 * version of a key comes first. Sequence numbers are 56 bits. This layout is on disk: NEVER
 * change it.
 */
public final class InternalKey {

    /** Bytes of the trailer after the user key. */
    public static final int TRAILER_SIZE = 8;
    /** The largest sequence number (56 bits). */
    public static final long MAX_SEQUENCE = (1L << 56) - 1;

    /** Internal-key order over whole arrays. */
    public static final Comparator<byte[]> COMPARATOR = InternalKey::compare;

    private InternalKey() {
    }

    public static byte[] encode(byte[] userKey, long sequence, EntryKind kind) {
        return encode(userKey, sequence, kind.code());
    }

    /** REQUIRES: 0 &lt;= sequence &lt;= MAX_SEQUENCE, 0 &lt;= kindCode &lt;= 255. */
    public static byte[] encode(byte[] userKey, long sequence, int kindCode) {
        assert sequence >= 0 && sequence <= MAX_SEQUENCE : sequence;
        byte[] out = Arrays.copyOf(userKey, userKey.length + TRAILER_SIZE);
        Coding.putFixed64(out, userKey.length, (sequence << 8) | kindCode);
        return out;
    }

    /**
     * A key that sorts before every entry of {@code userKey} with sequence &lt;= {@code sequence}:
     * seeking to it lands on the newest version visible at {@code sequence}.
     */
    public static byte[] lookupKey(byte[] userKey, long sequence) {
        return encode(userKey, sequence, EntryKind.MAX_CODE);
    }

    public static int userKeyLength(byte[] internalKey) {
        return internalKey.length - TRAILER_SIZE;
    }

    public static byte[] userKey(byte[] internalKey) {
        return Arrays.copyOf(internalKey, internalKey.length - TRAILER_SIZE);
    }

    public static long trailer(byte[] internalKey) {
        return Coding.getFixed64(internalKey, internalKey.length - TRAILER_SIZE);
    }

    public static long sequence(byte[] internalKey) {
        return trailer(internalKey) >>> 8;
    }

    public static int kindCode(byte[] internalKey) {
        return (int) (trailer(internalKey) & 0xFF);
    }

    /** The kind, or null if the code is not a kind (corrupt data). */
    public static EntryKind kind(byte[] internalKey) {
        return EntryKind.ofCode(kindCode(internalKey));
    }

    /** True iff the array is long enough to be an internal key with a non-empty user key. */
    public static boolean isWellFormed(byte[] internalKey) {
        return internalKey.length > TRAILER_SIZE && kind(internalKey) != null;
    }

    public static int compare(byte[] a, byte[] b) {
        int ua = a.length - TRAILER_SIZE;
        int ub = b.length - TRAILER_SIZE;
        int c = Arrays.compareUnsigned(a, 0, ua, b, 0, ub);
        if (c != 0) {
            return c;
        }
        // Trailers descending: the newest sequence first.
        return Long.compareUnsigned(Coding.getFixed64(b, ub), Coding.getFixed64(a, ua));
    }

    /** Compares the user-key part of an internal key with a user key. */
    public static int compareUserKey(byte[] internalKey, byte[] userKey) {
        return Arrays.compareUnsigned(internalKey, 0, internalKey.length - TRAILER_SIZE, userKey, 0, userKey.length);
    }

    /** True iff the two internal keys have the same user key. */
    public static boolean sameUserKey(byte[] a, byte[] b) {
        return Arrays.equals(a, 0, a.length - TRAILER_SIZE, b, 0, b.length - TRAILER_SIZE);
    }

    /** For messages: user key in hex, sequence and kind. */
    public static String describe(byte[] internalKey) {
        if (internalKey == null || internalKey.length < TRAILER_SIZE) {
            return "malformed key " + Bytes.toHex(internalKey);
        }
        return Bytes.toHex(userKey(internalKey)) + "@" + sequence(internalKey) + ":" + kindCode(internalKey);
    }
}
