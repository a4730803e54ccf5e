package dev.lsmkv.spring.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.UUID;

/**
 * Encodes ids and indexed values as self-delimiting byte strings whose unsigned lexicographic
 * order is the values' natural order, so the engine's key order is the id order and an index
 * range is a key range.
 *
 * <pre>
 * value   := tag payload
 * NULL    0x10                                               (index entries only: sorts first)
 * LONG    0x30 uint64 big-endian of (v XOR 0x8000000000000000)   byte, short, int, long
 * DOUBLE  0x31 uint64 big-endian, sign bit flipped (positive) or all bits flipped (negative)
 * BOOLEAN 0x20 0x00 | 0x01
 * STRING  0x40 utf8-escaped 0x00 0x01     (0x00 in the text is written 0x00 0xFF)
 * ENUM    0x41 utf8-escaped 0x00 0x01     (the constant's name)
 * OTHER   0x42 utf8-escaped 0x00 0x01     (toString(); equality only, order not kept)
 * UUID    0x50 16 bytes, most significant first (= order of the canonical string)
 * INSTANT 0x60 uint64 (epoch seconds XOR sign) uint32 nanos    Instant, Offset/ZonedDateTime
 * DATE    0x61 uint64 (epoch day XOR sign)                     LocalDate
 * DATETIME 0x62 uint64 (epoch second at UTC XOR sign) uint32 nanos   LocalDateTime
 * TIME    0x63 uint64 nano of day                              LocalTime
 * MILLIS  0x64 uint64 (epoch millis XOR sign)                  java.util.Date
 * </pre>
 *
 * Example: the long id 42 is {@code 30 80 00 00 00 00 00 00 2A}; the string "ab" is
 * {@code 40 61 62 00 01}. Strings compare by UTF-8 bytes, i.e. by code point (Java's
 * {@code String.compareTo} differs only for supplementary characters against U+E000..U+FFFF).
 *
 * <p>ON-DISK FORMAT: the tags and layouts are stored in keys; never change or reuse them.
 */
public final class OrderedCodec {

    static final byte NULL = 0x10;
    static final byte BOOLEAN = 0x20;
    static final byte LONG = 0x30;
    static final byte DOUBLE = 0x31;
    static final byte STRING = 0x40;
    static final byte ENUM = 0x41;
    static final byte OTHER = 0x42;
    static final byte UUID_TAG = 0x50;
    static final byte INSTANT = 0x60;
    static final byte DATE = 0x61;
    static final byte DATETIME = 0x62;
    static final byte TIME = 0x63;
    static final byte MILLIS = 0x64;

    private OrderedCodec() {
    }

    /**
     * True iff values of {@code type} encode in their natural ({@code compareTo}) order, so a range
     * can be answered from an index. Not UUIDs (keys in unsigned order, {@code UUID.compareTo} is
     * signed) nor offset/zoned date-times (keys by instant, {@code compareTo} breaks ties by local time).
     */
    public static boolean isOrdered(Class<?> type) {
        Class<?> t = box(type);
        return t == Long.class || t == Integer.class || t == Short.class || t == Byte.class
                || t == Double.class || t == Float.class || t == Boolean.class || t == String.class
                || t == Character.class || t == Instant.class || t == LocalDate.class
                || t == LocalDateTime.class || t == LocalTime.class || Date.class.isAssignableFrom(t);
    }

    /**
     * True iff two values of {@code type} are equal exactly when their encodings are, so equality
     * can be answered from an index: the ordered types, enums and UUIDs. Not types encoded by
     * {@code toString()} (BigDecimal, embedded objects: "1.0" and "1" are one number) nor offset or
     * zoned date-times (one instant, several offsets).
     */
    public static boolean isCanonical(Class<?> type) {
        Class<?> t = box(type);
        return isOrdered(t) || t.isEnum() || t == UUID.class;
    }

    /** Appends the encoding of {@code value} (non-null) to {@code out}. */
    public static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.write(LONG);
            writeLong(out, ((Number) value).longValue() ^ Long.MIN_VALUE);
        } else if (value instanceof Double || value instanceof Float) {
            out.write(DOUBLE);
            long bits = Double.doubleToLongBits(((Number) value).doubleValue());
            writeLong(out, bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
        } else if (value instanceof String || value instanceof Character) {
            writeText(out, STRING, value.toString());
        } else if (value instanceof Boolean b) {
            out.write(BOOLEAN);
            out.write(b ? 1 : 0);
        } else if (value instanceof Enum<?> e) {
            writeText(out, ENUM, e.name());
        } else if (value instanceof UUID u) {
            out.write(UUID_TAG);
            writeLong(out, u.getMostSignificantBits());
            writeLong(out, u.getLeastSignificantBits());
        } else if (value instanceof Instant i) {
            writeInstant(out, INSTANT, i.getEpochSecond(), i.getNano());
        } else if (value instanceof OffsetDateTime o) {
            writeInstant(out, INSTANT, o.toEpochSecond(), o.getNano());
        } else if (value instanceof ZonedDateTime z) {
            writeInstant(out, INSTANT, z.toEpochSecond(), z.getNano());
        } else if (value instanceof LocalDateTime l) {
            writeInstant(out, DATETIME, l.toEpochSecond(ZoneOffset.UTC), l.getNano());
        } else if (value instanceof LocalDate d) {
            out.write(DATE);
            writeLong(out, d.toEpochDay() ^ Long.MIN_VALUE);
        } else if (value instanceof LocalTime t) {
            out.write(TIME);
            writeLong(out, t.toNanoOfDay());
        } else if (value instanceof Date d) {
            out.write(MILLIS);
            writeLong(out, d.getTime() ^ Long.MIN_VALUE);
        } else {
            writeText(out, OTHER, value.toString());
        }
    }

    /** The encoding of {@code value} alone. */
    public static byte[] encode(Object value) {
        return encodeAfter(NO_PREFIX, value);
    }

    private static final byte[] NO_PREFIX = new byte[0];

    /**
     * {@code prefix} followed by the encoding of {@code value}, in one array: what
     * {@link #encode(Object, ByteArrayOutputStream)} after {@code prefix} writes, without the stream
     * and its copies for the common id and index value types (String, Long, Integer).
     */
    static byte[] encodeAfter(byte[] prefix, Object value) {
        int p = prefix.length;
        if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (!hasZero(utf8)) {
                byte[] out = new byte[p + utf8.length + 3];
                System.arraycopy(prefix, 0, out, 0, p);
                out[p] = STRING;
                System.arraycopy(utf8, 0, out, p + 1, utf8.length);
                out[out.length - 2] = 0;
                out[out.length - 1] = 1;
                return out;
            }
        } else if (value instanceof Long || value instanceof Integer) {
            byte[] out = new byte[p + 9];
            System.arraycopy(prefix, 0, out, 0, p);
            out[p] = LONG;
            putLong(out, p + 1, ((Number) value).longValue() ^ Long.MIN_VALUE);
            return out;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(p + 24);
        out.writeBytes(prefix);
        encode(value, out);
        return out.toByteArray();
    }

    private static boolean hasZero(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return true;
            }
        }
        return false;
    }

    /** Appends the NULL encoding (index entries of null values; ids are never null). */
    static void encodeNull(ByteArrayOutputStream out) {
        out.write(NULL);
    }

    /** The length of the encoded value that starts at {@code offset} of {@code buf}. */
    public static int length(byte[] buf, int offset) {
        switch (buf[offset]) {
            case NULL:
                return 1;
            case BOOLEAN:
                return 2;
            case LONG, DOUBLE, DATE, TIME, MILLIS:
                return 9;
            case UUID_TAG:
                return 17;
            case INSTANT, DATETIME:
                return 13;
            case STRING, ENUM, OTHER: {
                int i = offset + 1;
                while (true) {
                    if (buf[i] == 0) {
                        if (buf[i + 1] == 1) {
                            return i + 2 - offset;
                        }
                        i += 2;
                    } else {
                        i++;
                    }
                }
            }
            default:
                throw new IllegalArgumentException("unknown ordered-encoding tag 0x"
                        + Integer.toHexString(buf[offset] & 0xff) + " at offset " + offset);
        }
    }

    /**
     * Decodes the value at {@code offset}: a Long, Double, Boolean, String (for STRING, ENUM and
     * OTHER), UUID, Instant, LocalDate, LocalDateTime, LocalTime or Date.
     */
    public static Object decode(byte[] buf, int offset) {
        switch (buf[offset]) {
            case NULL:
                return null;
            case BOOLEAN:
                return buf[offset + 1] != 0;
            case LONG:
                return readLong(buf, offset + 1) ^ Long.MIN_VALUE;
            case DOUBLE: {
                long bits = readLong(buf, offset + 1);
                return Double.longBitsToDouble(bits < 0 ? bits ^ Long.MIN_VALUE : ~bits);
            }
            case UUID_TAG:
                return new UUID(readLong(buf, offset + 1), readLong(buf, offset + 9));
            case INSTANT:
                return Instant.ofEpochSecond(readLong(buf, offset + 1) ^ Long.MIN_VALUE, readInt(buf, offset + 9));
            case DATETIME:
                return LocalDateTime.ofEpochSecond(readLong(buf, offset + 1) ^ Long.MIN_VALUE,
                        readInt(buf, offset + 9), ZoneOffset.UTC);
            case DATE:
                return LocalDate.ofEpochDay(readLong(buf, offset + 1) ^ Long.MIN_VALUE);
            case TIME:
                return LocalTime.ofNanoOfDay(readLong(buf, offset + 1));
            case MILLIS:
                return new Date(readLong(buf, offset + 1) ^ Long.MIN_VALUE);
            case STRING, ENUM, OTHER: {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                int i = offset + 1;
                while (true) {
                    if (buf[i] == 0) {
                        if (buf[i + 1] == 1) {
                            return text.toString(StandardCharsets.UTF_8);
                        }
                        text.write(0);
                        i += 2;
                    } else {
                        text.write(buf[i++]);
                    }
                }
            }
            default:
                throw new IllegalArgumentException("unknown ordered-encoding tag 0x"
                        + Integer.toHexString(buf[offset] & 0xff) + " at offset " + offset);
        }
    }

    static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) return Integer.class;
        if (type == long.class) return Long.class;
        if (type == double.class) return Double.class;
        if (type == float.class) return Float.class;
        if (type == boolean.class) return Boolean.class;
        if (type == short.class) return Short.class;
        if (type == byte.class) return Byte.class;
        if (type == char.class) return Character.class;
        return type;
    }

    // Whole arrays, not byte by byte: ByteArrayOutputStream.write(int) is synchronized per call.

    private static void writeText(ByteArrayOutputStream out, byte tag, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int zeros = 0;
        for (byte b : utf8) {
            if (b == 0) {
                zeros++;
            }
        }
        byte[] encoded = new byte[utf8.length + zeros + 3];
        encoded[0] = tag;
        if (zeros == 0) {
            System.arraycopy(utf8, 0, encoded, 1, utf8.length);
        } else {
            int j = 1;
            for (byte b : utf8) {
                encoded[j++] = b;
                if (b == 0) {
                    encoded[j++] = (byte) 0xFF;
                }
            }
        }
        encoded[encoded.length - 2] = 0;
        encoded[encoded.length - 1] = 1;
        out.writeBytes(encoded);
    }

    private static void writeInstant(ByteArrayOutputStream out, byte tag, long seconds, int nanos) {
        byte[] b = new byte[13];
        b[0] = tag;
        putLong(b, 1, seconds ^ Long.MIN_VALUE);
        b[9] = (byte) (nanos >>> 24);
        b[10] = (byte) (nanos >>> 16);
        b[11] = (byte) (nanos >>> 8);
        b[12] = (byte) nanos;
        out.writeBytes(b);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        byte[] b = new byte[8];
        putLong(b, 0, v);
        out.writeBytes(b);
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xffL);
        }
        return v;
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
