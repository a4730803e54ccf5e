package dev.lsmkv.engine.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Fixed-width little-endian integers and LEB128 varints in byte arrays, the encodings every
 * on-disk format of the engine is written in (see docs/file-formats.md).
 */
public final class Coding {

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    /** The most bytes a varint32 takes. */
    public static final int MAX_VARINT32_BYTES = 5;
    /** The most bytes a varint64 takes. */
    public static final int MAX_VARINT64_BYTES = 10;

    private Coding() {
    }

    public static void putFixed16(byte[] dst, int offset, int value) {
        SHORT_LE.set(dst, offset, (short) value);
    }

    public static int getFixed16(byte[] src, int offset) {
        return Short.toUnsignedInt((short) SHORT_LE.get(src, offset));
    }

    public static void putFixed32(byte[] dst, int offset, int value) {
        INT_LE.set(dst, offset, value);
    }

    public static int getFixed32(byte[] src, int offset) {
        return (int) INT_LE.get(src, offset);
    }

    public static void putFixed64(byte[] dst, int offset, long value) {
        LONG_LE.set(dst, offset, value);
    }

    public static long getFixed64(byte[] src, int offset) {
        return (long) LONG_LE.get(src, offset);
    }

    /** Writes {@code value} as a varint at {@code offset}; returns the offset after it. */
    public static int putVarint32(byte[] dst, int offset, int value) {
        while ((value & ~0x7F) != 0) {
            dst[offset++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        dst[offset++] = (byte) value;
        return offset;
    }

    /** Writes {@code value} as a varint at {@code offset}; returns the offset after it. */
    public static int putVarint64(byte[] dst, int offset, long value) {
        while ((value & ~0x7FL) != 0) {
            dst[offset++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        dst[offset++] = (byte) value;
        return offset;
    }

    /** Bytes {@code value} takes as a varint. */
    public static int varintLength(long value) {
        int len = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            len++;
        }
        return len;
    }
}
