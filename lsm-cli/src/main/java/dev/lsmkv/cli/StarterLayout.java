package dev.lsmkv.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Reads the key and value layout the Spring starter ({@code spring-boot-starter-lsm}) writes,
 * re-implemented here so that the CLI does not depend on the starter. The layout (the starter's
 * {@code LsmKeys}, {@code OrderedCodec}, {@code CodecRegistry} and {@code KeyspaceCatalog};
 * docs/operations.md, "Command-line tool", repeats it):
 *
 * <pre>
 * catalog key := keyspace 0x00 0x00                     value: catalog record
 * entity key  := keyspace 0x00 0x01 id                  value: head [class] [entries] payload
 * index key   := keyspace 0x00 0x02 path 0x00 value id  value: empty
 * count key   := keyspace 0x00 0x03 stripe              value: int64 big-endian
 * id, value   := tag payload (ordered encoding): 0x30 LONG uint64 BE of (v XOR 2^63) | 0x40 STRING utf8
 *                (0x00 escaped as 0x00 0xFF) 0x00 0x01 | 0x50 UUID 16 bytes | ... (see {@link #decodeOrdered})
 * head        := 1 byte: bit 7 class name follows, bit 6 index entries follow, bits 0-5 codec id
 *                (1 JSON, 2 CBOR)
 * class       := u16 length, UTF-8     entries := u16 count, (u16 length, bytes)*
 * </pre>
 */
final class StarterLayout {

    static final byte SEPARATOR = 0x00;
    static final byte CATALOG = 0x00;
    static final byte DATA = 0x01;
    static final byte INDEX = 0x02;
    static final byte COUNT = 0x03;

    static final int TYPED = 0x80;
    static final int ENTRIES = 0x40;
    static final int CODEC_ID_MASK = 0x3f;
    static final int JSON_CODEC = 1;
    static final int CBOR_CODEC = 2;

    private static final Pattern LONG = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CBORMapper CBOR = CBORMapper.builder().build();

    private StarterLayout() {
    }

    /** How an id given on the command line is encoded: {@code --id-type}. */
    enum IdType {
        /** long if it is an integer, uuid if it looks like one, string otherwise. */
        AUTO, LONG, STRING, UUID
    }

    /** The prefix of every entity key of {@code keyspace}. */
    static byte[] dataPrefix(String keyspace) {
        return kindPrefix(keyspace, DATA);
    }

    static byte[] kindPrefix(String keyspace, byte kind) {
        if (keyspace.isEmpty() || keyspace.indexOf('\0') >= 0) {
            throw new CliException(ExitCodes.USAGE, "keyspace must be non-empty and hold no NUL character: '"
                    + keyspace + "'");
        }
        byte[] ks = keyspace.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(ks, ks.length + 2);
        out[ks.length] = SEPARATOR;
        out[ks.length + 1] = kind;
        return out;
    }

    /** The key of entity {@code id} of {@code keyspace}. */
    static byte[] entityKey(String keyspace, String id, IdType type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(dataPrefix(keyspace));
        out.writeBytes(encodeId(id, type));
        return out.toByteArray();
    }

    /** The ordered encoding of an id typed on the command line. */
    static byte[] encodeId(String id, IdType type) {
        IdType t = type;
        if (t == IdType.AUTO) {
            t = LONG.matcher(id).matches() ? IdType.LONG : UUID_TEXT.matcher(id).matches() ? IdType.UUID : IdType.STRING;
        }
        switch (t) {
            case LONG -> {
                long v;
                try {
                    v = Long.parseLong(id);
                } catch (NumberFormatException e) {
                    throw new CliException(ExitCodes.USAGE, "id '" + id + "' is not a long (use --id-type string?)");
                }
                byte[] b = new byte[9];
                b[0] = 0x30;
                putLong(b, 1, v ^ Long.MIN_VALUE);
                return b;
            }
            case UUID -> {
                UUID u;
                try {
                    u = java.util.UUID.fromString(id);
                } catch (IllegalArgumentException e) {
                    throw new CliException(ExitCodes.USAGE, "id '" + id + "' is not a UUID (use --id-type string?)");
                }
                byte[] b = new byte[17];
                b[0] = 0x50;
                putLong(b, 1, u.getMostSignificantBits());
                putLong(b, 9, u.getLeastSignificantBits());
                return b;
            }
            default -> {
                byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length + 3);
                out.write(0x40);
                for (byte x : utf8) {
                    out.write(x);
                    if (x == 0) {
                        out.write(0xFF);
                    }
                }
                out.write(0);
                out.write(1);
                return out.toByteArray();
            }
        }
    }

    /** A decoded ordered value: its text and how many bytes it took. */
    record Decoded(String text, int length) {
    }

    /** Decodes the ordered encoding at {@code offset}, or returns null if it is not one. */
    static Decoded decodeOrdered(byte[] b, int offset) {
        if (offset >= b.length) {
            return null;
        }
        int tag = b[offset] & 0xFF;
        try {
            switch (tag) {
                case 0x10:
                    return new Decoded("null", 1);
                case 0x20:
                    return new Decoded(String.valueOf(b[offset + 1] != 0), 2);
                case 0x30:
                    return fixed(b, offset, 9, String.valueOf(getLong(b, offset + 1) ^ Long.MIN_VALUE));
                case 0x31: {
                    long bits = getLong(b, offset + 1);
                    return fixed(b, offset, 9, String.valueOf(Double.longBitsToDouble(bits < 0 ? bits ^ Long.MIN_VALUE : ~bits)));
                }
                case 0x50:
                    return fixed(b, offset, 17, new UUID(getLong(b, offset + 1), getLong(b, offset + 9)).toString());
                case 0x60:
                    return fixed(b, offset, 13, Instant.ofEpochSecond(getLong(b, offset + 1) ^ Long.MIN_VALUE,
                            getInt(b, offset + 9)).toString());
                case 0x61:
                    return fixed(b, offset, 9, LocalDate.ofEpochDay(getLong(b, offset + 1) ^ Long.MIN_VALUE).toString());
                case 0x62:
                    return fixed(b, offset, 13, LocalDateTime.ofEpochSecond(getLong(b, offset + 1) ^ Long.MIN_VALUE,
                            getInt(b, offset + 9), ZoneOffset.UTC).toString());
                case 0x63:
                    return fixed(b, offset, 9, LocalTime.ofNanoOfDay(getLong(b, offset + 1)).toString());
                case 0x64:
                    return fixed(b, offset, 9, Instant.ofEpochMilli(getLong(b, offset + 1) ^ Long.MIN_VALUE).toString());
                case 0x40, 0x41, 0x42: {
                    ByteArrayOutputStream text = new ByteArrayOutputStream();
                    int i = offset + 1;
                    while (i + 1 < b.length) {
                        if (b[i] == 0) {
                            if (b[i + 1] == 1) {
                                String s = ByteFormat.escapedUtf8(text.toByteArray());
                                return new Decoded(tag == 0x40 ? "\"" + s + "\"" : s, i + 2 - offset);
                            }
                            text.write(0);
                            i += 2;
                        } else {
                            text.write(b[i++]);
                        }
                    }
                    return null;
                }
                default:
                    return null;
            }
        } catch (RuntimeException e) { // cut short, or out of range for java.time
            return null;
        }
    }

    private static Decoded fixed(byte[] b, int offset, int length, String text) {
        return offset + length <= b.length ? new Decoded(text, length) : null;
    }

    /**
     * The key as the starter's layout reads it, e.g. {@code people/data/7},
     * {@code people/index/email/"a@x"/7}, {@code people/catalog}, {@code people/count/3}; null if the
     * key is not in that layout.
     */
    static String describeKey(byte[] key) {
        int sep = -1;
        for (int i = 0; i < key.length; i++) {
            if (key[i] == SEPARATOR) {
                sep = i;
                break;
            }
        }
        if (sep <= 0 || sep + 1 >= key.length) {
            return null;
        }
        String keyspace = ByteFormat.escapedUtf8(Arrays.copyOf(key, sep));
        int kind = key[sep + 1];
        int at = sep + 2;
        switch (kind) {
            case CATALOG:
                return at == key.length ? keyspace + "/catalog" : null;
            case DATA: {
                Decoded id = decodeOrdered(key, at);
                return id != null && at + id.length() == key.length ? keyspace + "/data/" + id.text() : null;
            }
            case COUNT:
                return at + 1 == key.length ? keyspace + "/count/" + (key[at] & 0xFF) : null;
            case INDEX: {
                int end = at;
                while (end < key.length && key[end] != SEPARATOR) {
                    end++;
                }
                if (end >= key.length) {
                    return null;
                }
                String path = ByteFormat.escapedUtf8(Arrays.copyOfRange(key, at, end));
                Decoded value = decodeOrdered(key, end + 1);
                if (value == null) {
                    return null;
                }
                Decoded id = decodeOrdered(key, end + 1 + value.length());
                if (id == null || end + 1 + value.length() + id.length() != key.length) {
                    return null;
                }
                return keyspace + "/index/" + path + "/" + value.text() + "/" + id.text();
            }
            default:
                return null;
        }
    }

    /**
     * An entity value as the starter frames it: which codec, the class when it is a subclass, how
     * many index entries it lists, and the payload as JSON (CBOR converted to JSON), e.g.
     * {@code {"id":7,"email":"a@x"}  (json, 1 index entry)}.
     */
    static String describeEntity(byte[] value) {
        if (value.length == 0) {
            return "(empty value: not an entity)";
        }
        try {
            int head = value[0] & 0xFF;
            int at = 1;
            String className = null;
            if ((head & TYPED) != 0) {
                int len = u16(value, at);
                className = new String(value, at + 2, len, StandardCharsets.UTF_8);
                at += 2 + len;
            }
            int entries = -1;
            if ((head & ENTRIES) != 0) {
                entries = u16(value, at);
                at += 2;
                for (int k = 0; k < entries; k++) {
                    at += 2 + u16(value, at);
                }
            }
            if (at > value.length) {
                return "(malformed entity value: its head runs past its " + value.length + " bytes) "
                        + HexFormat.of().formatHex(value);
            }
            byte[] payload = Arrays.copyOfRange(value, at, value.length);
            int codec = head & CODEC_ID_MASK;
            String body;
            String codecName;
            if (codec == JSON_CODEC) {
                codecName = "json";
                body = ByteFormat.escapedUtf8(payload);
            } else if (codec == CBOR_CODEC) {
                codecName = "cbor";
                body = cborAsJson(payload);
            } else {
                codecName = "codec " + codec + ", shown as hex";
                body = HexFormat.of().formatHex(payload);
            }
            StringBuilder sb = new StringBuilder(body).append("  (").append(codecName);
            if (className != null) {
                sb.append(", class ").append(className);
            }
            if (entries >= 0) {
                sb.append(", ").append(entries).append(entries == 1 ? " index entry" : " index entries");
            }
            return sb.append(')').toString();
        } catch (IndexOutOfBoundsException e) {
            return "(malformed entity value) " + HexFormat.of().formatHex(value);
        }
    }

    /** A catalog record: {@code type com.example.Person, indexed [email], counts exact}. */
    static String describeCatalog(byte[] value) {
        if (value.length < 2 || value[0] != 1) {
            return "(catalog of unknown format " + (value.length == 0 ? "(empty)" : value[0]) + ") "
                    + HexFormat.of().formatHex(value);
        }
        try {
            int flags = value[1];
            int at = 2;
            int len = u16(value, at);
            String type = new String(value, at + 2, len, StandardCharsets.UTF_8);
            at += 2 + len;
            int n = u16(value, at);
            at += 2;
            StringBuilder paths = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int l = u16(value, at);
                paths.append(i == 0 ? "" : ", ").append(new String(value, at + 2, l, StandardCharsets.UTF_8));
                at += 2 + l;
            }
            return "type " + type + ", indexed [" + paths + "]" + ((flags & 1) != 0 ? ", counts exact" : "")
                    + ((flags & 2) != 0 ? ", nulls indexed" : "") + ((flags & 4) != 0 ? ", values list their index entries" : "");
        } catch (IndexOutOfBoundsException e) {
            return "(malformed catalog) " + HexFormat.of().formatHex(value);
        }
    }

    /** Any value of the layout, by its key's kind; null if the key is not in the layout. */
    static String describeValue(byte[] key, byte[] value) {
        String k = describeKey(key);
        if (k == null) {
            return null;
        }
        if (k.contains("/data/")) {
            return describeEntity(value);
        }
        if (k.endsWith("/catalog")) {
            return describeCatalog(value);
        }
        if (k.contains("/count/") && value.length == 8) {
            return String.valueOf(getLong(value, 0));
        }
        return value.length == 0 ? "" : HexFormat.of().formatHex(value);
    }

    /** Text of a JSON value as stored, re-written compactly; the escaped text if it is not JSON. */
    static String json(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            return node == null ? "" : JSON.writeValueAsString(node);
        } catch (RuntimeException e) {
            return ByteFormat.escapedUtf8(value) + "  (not JSON)";
        }
    }

    private static String cborAsJson(byte[] payload) {
        try {
            return JSON.writeValueAsString(CBOR.readTree(payload));
        } catch (RuntimeException e) {
            return HexFormat.of().formatHex(payload) + "  (CBOR that does not decode: " + e.getMessage() + ")";
        }
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    private static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xffL);
        }
        return v;
    }

    private static int getInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }
}
