package dev.lsmkv.engine.base;

import dev.lsmkv.engine.util.Coding;
import java.util.Arrays;

/**
 * The stored value of a {@link EntryKind#PUT_WITH_TTL} entry:
 *
 * <pre>
 * ttl value := expiresAtMillis: fixed64 little-endian (epoch millis) | user value bytes
 * </pre>
 *
 * An entry whose expiry is at or before "now" reads as absent. On disk: NEVER change it.
 */
public final class TtlValue {

    public static final int HEADER_SIZE = 8;

    private TtlValue() {
    }

    public static byte[] encode(long expiresAtMillis, byte[] userValue) {
        byte[] out = new byte[HEADER_SIZE + userValue.length];
        Coding.putFixed64(out, 0, expiresAtMillis);
        System.arraycopy(userValue, 0, out, HEADER_SIZE, userValue.length);
        return out;
    }

    /** REQUIRES: storedValue.length &gt;= HEADER_SIZE. */
    public static long expiresAt(byte[] storedValue) {
        return Coding.getFixed64(storedValue, 0);
    }

    public static byte[] userValue(byte[] storedValue) {
        return Arrays.copyOfRange(storedValue, HEADER_SIZE, storedValue.length);
    }

    /** True iff the entry of {@code kind} with {@code storedValue} has expired at {@code nowMillis}. */
    public static boolean isExpired(EntryKind kind, byte[] storedValue, long nowMillis) {
        return kind == EntryKind.PUT_WITH_TTL && expiresAt(storedValue) <= nowMillis;
    }

    /** The user value of a PUT or PUT_WITH_TTL entry's stored value. */
    public static byte[] userValue(EntryKind kind, byte[] storedValue) {
        return kind == EntryKind.PUT_WITH_TTL ? userValue(storedValue) : storedValue;
    }
}
