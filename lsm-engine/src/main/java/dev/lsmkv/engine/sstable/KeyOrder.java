package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.util.Coding;
import java.util.Arrays;

/**
 * {@link InternalKey} order on array regions, so blocks compare keys where they lie without
 * copying them. REQUIRES of every region: length &gt;= {@link InternalKey#TRAILER_SIZE}.
 */
final class KeyOrder {

    private static final int T = InternalKey.TRAILER_SIZE;

    private KeyOrder() {
    }

    static int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        int ua = aLen - T;
        int ub = bLen - T;
        int c = Arrays.compareUnsigned(a, aOff, aOff + ua, b, bOff, bOff + ub);
        if (c != 0) {
            return c;
        }
        // Trailers descending: the newest sequence first.
        return Long.compareUnsigned(Coding.getFixed64(b, bOff + ub), Coding.getFixed64(a, aOff + ua));
    }

    /** True iff the two internal-key regions have the same user key. */
    static boolean sameUserKey(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        return Arrays.equals(a, aOff, aOff + aLen - T, b, bOff, bOff + bLen - T);
    }

    /**
     * A short internal key k with {@code last <= k < next} (LevelDB's FindShortestSeparator): if
     * the user keys differ past a common prefix, the prefix plus one incremented byte, with the
     * largest trailer (which sorts first among that user key's entries). Otherwise {@code last}.
     * REQUIRES: last &lt; next.
     */
    static byte[] separator(byte[] last, byte[] next) {
        int ul = last.length - T;
        int un = next.length - T;
        int p = Arrays.mismatch(last, 0, ul, next, 0, un);
        if (p < 0 || p >= Math.min(ul, un)) {
            return last; // one user key is a prefix of the other (or they are equal)
        }
        int b = last[p] & 0xFF;
        if (b == 0xFF || b + 1 >= (next[p] & 0xFF) || p + 1 >= ul) {
            return last; // no room between them, or no shorter than last
        }
        byte[] sep = Arrays.copyOf(last, p + 1);
        sep[p] = (byte) (b + 1);
        return InternalKey.lookupKey(sep, InternalKey.MAX_SEQUENCE);
    }

    /** A short internal key k &gt;= {@code last} (LevelDB's FindShortSuccessor), or {@code last}. */
    static byte[] successor(byte[] last) {
        int ul = last.length - T;
        for (int i = 0; i < ul - 1; i++) {
            int b = last[i] & 0xFF;
            if (b != 0xFF) {
                byte[] s = Arrays.copyOf(last, i + 1);
                s[i] = (byte) (b + 1);
                return InternalKey.lookupKey(s, InternalKey.MAX_SEQUENCE);
            }
        }
        return last;
    }
}
