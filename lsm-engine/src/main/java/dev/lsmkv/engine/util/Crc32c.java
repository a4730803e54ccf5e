package dev.lsmkv.engine.util;

import java.util.zip.CRC32C;

/**
 * CRC32C (Castagnoli) checksums, hardware-accelerated by the JDK, and LevelDB's masking.
 *
 * <p>A checksum stored next to the data it covers is masked, because computing the CRC of a
 * string that contains embedded CRCs is weak; {@link #mask} rotates and adds a constant.
 */
public final class Crc32c {

    private static final int MASK_DELTA = 0xa282ead8;

    private Crc32c() {
    }

    public static int value(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    /** The CRC of one leading byte followed by {@code data[offset, offset+length)}. */
    public static int value(int leadingByte, byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(leadingByte);
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    public static int unmask(int masked) {
        int rot = masked - MASK_DELTA;
        return (rot >>> 17) | (rot << 15);
    }
}
