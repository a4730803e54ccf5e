package dev.lsmkv.replication;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys replication keeps in each node's engine beside the user's data, and how a user key is
 * told apart from them.
 *
 * <pre>
 * reserved prefix := 0xFF 0x00 "lsmkv-repl/"            (13 bytes)
 * applied key     := reserved prefix "applied"          value: version: byte (1) | term: int64 BE | index: int64 BE
 * </pre>
 *
 * The applied key is written in the same engine {@code WriteBatch} as the data of the log entry it
 * names, so the engine holds a log entry's effects iff it holds its index: after a crash, a node
 * skips exactly the entries its engine already has. No key of the Spring starter can start with
 * 0xFF (its keys begin with a keyspace name in UTF-8, which never contains the byte 0xFF), and
 * {@link ReplicatedLsmEngine} rejects user writes under the prefix and hides it from reads and
 * scans. ON-DISK FORMAT: never change the prefix or the value layout without a new version byte.
 */
public final class ReservedKeys {

    /** Every replication key starts with these bytes. */
    public static final byte[] PREFIX = concat(new byte[] {(byte) 0xFF, 0x00}, "lsmkv-repl/".getBytes(StandardCharsets.US_ASCII));
    /** The key holding the (term, index) of the last log entry applied to this engine. */
    public static final byte[] APPLIED_KEY = concat(PREFIX, "applied".getBytes(StandardCharsets.US_ASCII));
    /** The first key after every reserved key: scans skip [PREFIX, PREFIX_END). */
    static final byte[] PREFIX_END = prefixEnd(PREFIX);

    private static final byte APPLIED_VERSION = 1;

    private ReservedKeys() {
    }

    /** True iff {@code key} is under the reserved prefix. */
    public static boolean isReserved(byte[] key) {
        return key.length >= PREFIX.length && Arrays.equals(key, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    static byte[] encodeApplied(long term, long index) {
        return ByteBuffer.allocate(17).order(ByteOrder.BIG_ENDIAN).put(APPLIED_VERSION).putLong(term).putLong(index).array();
    }

    /** {term, index} of an applied-key value, or {0, 0} for null (nothing applied yet). */
    static long[] decodeApplied(byte[] value) {
        if (value == null) {
            return new long[] {0, 0};
        }
        if (value.length != 17 || value[0] != APPLIED_VERSION) {
            throw new IllegalStateException("the engine's applied-index record has " + value.length
                    + " bytes and version " + (value.length > 0 ? value[0] : -1) + "; expected 17 bytes of version "
                    + APPLIED_VERSION + ". Was this directory written by a newer lsm-replication?");
        }
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.BIG_ENDIAN);
        b.get();
        return new long[] {b.getLong(), b.getLong()};
    }

    /**
     * The first reserved key that a batch record (the engine's format, docs/file-formats.md) writes
     * or deletes, or null. Reads only the lengths and keys of its ops.
     *
     * @throws IllegalArgumentException if the record is truncated
     */
    static byte[] firstReservedKey(byte[] record) {
        if (record.length < 12) {
            throw new IllegalArgumentException("batch record of " + record.length + " bytes is shorter than its 12-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        in.position(8);
        int count = in.getInt();
        try {
            for (int i = 0; i < count; i++) {
                int kind = in.get();
                int keyLength = varint32(in);
                byte[] key = new byte[keyLength];
                in.get(key);
                if (isReserved(key)) {
                    return key;
                }
                if (kind != 0) { // every kind but DELETE (0) carries a value
                    int valueLength = varint32(in);
                    in.position(in.position() + valueLength);
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed batch record: " + e, e);
        }
        return null;
    }

    private static int varint32(ByteBuffer in) {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.get() & 0xFF;
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint longer than 5 bytes");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }
}
