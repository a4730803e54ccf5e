package dev.lsmkv.engine.util;

import java.util.Arrays;
import java.util.Comparator;

/** Unsigned lexicographic comparison of byte arrays, the order of user keys. */
public final class Bytes {

    /** Unsigned lexicographic order; a shorter array that is a prefix of a longer one sorts first. */
    public static final Comparator<byte[]> COMPARATOR = Bytes::compare;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Bytes() {
    }

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    public static int compare(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        return Arrays.compareUnsigned(a, aFrom, aTo, b, bFrom, bTo);
    }

    /** Length of the common prefix of the two regions. */
    public static int commonPrefix(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        int m = Arrays.mismatch(a, aFrom, aTo, b, bFrom, bTo);
        return m < 0 ? aTo - aFrom : m;
    }

    /** Up to the first 32 bytes as hex, for error messages. */
    public static String toHex(byte[] a) {
        if (a == null) {
            return "null";
        }
        int n = Math.min(a.length, 32);
        StringBuilder sb = new StringBuilder(n * 2 + 8);
        for (int i = 0; i < n; i++) {
            sb.append(HEX[(a[i] >> 4) & 0xF]).append(HEX[a[i] & 0xF]);
        }
        if (a.length > n) {
            sb.append("...(").append(a.length).append(" bytes)");
        }
        return sb.toString();
    }
}
