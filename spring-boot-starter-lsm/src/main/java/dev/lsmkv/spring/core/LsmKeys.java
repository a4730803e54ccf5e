package dev.lsmkv.spring.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key layout of entities and index entries in the engine.
 *
 * <pre>
 * catalog key := keyspace 0x00 0x00                    value: {@link KeyspaceCatalog} (type, indexes, counts valid)
 * entity key  := keyspace 0x00 0x01 id                 value: 1-byte codec id + payload
 * index key   := keyspace 0x00 0x02 path 0x00 value id  value: empty
 * count key   := keyspace 0x00 0x03 stripe             value: int64 big-endian, entities of that stripe
 *                keyspace 0x00 0x04 ...               retired (a development version's per-entity records): never reuse
 * keyspace, path := UTF-8, no 0x00   id, value := {@link OrderedCodec} encoding   stripe := 1 byte
 * </pre>
 *
 * Worked example: entity {@code Person(id = 7, email = "a@x")} in keyspace {@code people} with
 * {@code @Indexed email} is two keys:
 * <pre>
 * 70 65 6F 70 6C 65 00 01 30 80 00 00 00 00 00 00 07                       people/data/7
 * 70 65 6F 70 6C 65 00 02 65 6D 61 69 6C 00 40 61 40 78 00 01 30 80 .. 07   people/idx/email/"a@x"/7
 * </pre>
 * A keyspace's entities are therefore one contiguous key range ordered by id (numbers
 * numerically, strings and UUIDs lexicographically), which is what lets
 * {@code findAll(Sort.by("id"))} and paging by id stream from the engine; an index is one range
 * per property ordered by value, then id. Because an index key ends in the id encoding, the
 * entity key is rebuilt from it without decoding.
 *
 * <p>ON-DISK FORMAT: the separator and the 0x01/0x02 kinds are stored; never change them.
 */
public final class LsmKeys {

    static final byte SEPARATOR = 0x00;
    static final byte CATALOG = 0x00;
    static final byte DATA = 0x01;
    static final byte INDEX = 0x02;
    static final byte COUNT = 0x03;
    /** Retired: per-entity records of a development version; removed by a rebuild, never reused. */
    static final byte RETIRED_04 = 0x04;

    private LsmKeys() {
    }

    /** The prefix shared by every key of {@code keyspace} (entities and indexes). */
    public static byte[] keyspacePrefix(String keyspace) {
        byte[] ks = keyspaceBytes(keyspace);
        byte[] out = Arrays.copyOf(ks, ks.length + 1);
        out[ks.length] = SEPARATOR;
        return out;
    }

    /** The prefix of every entity key of {@code keyspace}. */
    public static byte[] dataPrefix(String keyspace) {
        return kindPrefix(keyspace, DATA);
    }

    /** The key of {@code keyspace}'s catalog record. */
    public static byte[] catalogKey(String keyspace) {
        return kindPrefix(keyspace, CATALOG);
    }

    /** The prefix of {@code keyspace}'s count keys. */
    public static byte[] countPrefix(String keyspace) {
        return kindPrefix(keyspace, COUNT);
    }

    /** The prefix of the retired key kind 0x04 of {@code keyspace}. */
    static byte[] retiredPrefix(String keyspace) {
        return kindPrefix(keyspace, RETIRED_04);
    }

    /** The prefix of every index key of {@code keyspace}. */
    public static byte[] indexPrefix(String keyspace) {
        return kindPrefix(keyspace, INDEX);
    }

    /** The key of the entity {@code id} in {@code keyspace}. */
    public static byte[] dataKey(String keyspace, Object id) {
        return OrderedCodec.encodeAfter(dataPrefix(keyspace), id);
    }

    /** The entity key for an id that is already encoded. */
    public static byte[] dataKeyOfEncodedId(byte[] dataPrefix, byte[] buf, int idOffset) {
        byte[] key = Arrays.copyOf(dataPrefix, dataPrefix.length + buf.length - idOffset);
        System.arraycopy(buf, idOffset, key, dataPrefix.length, buf.length - idOffset);
        return key;
    }

    /** {@code prefix} followed by {@code suffix} from {@code offset}: an entity or count key. */
    public static byte[] concat(byte[] prefix, byte[] suffix, int offset) {
        byte[] key = Arrays.copyOf(prefix, prefix.length + suffix.length - offset);
        System.arraycopy(suffix, offset, key, prefix.length, suffix.length - offset);
        return key;
    }

    /** The prefix of every index entry of {@code path} in {@code keyspace}. */
    public static byte[] indexPathPrefix(String keyspace, String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(indexPrefix(keyspace));
        out.writeBytes(path.getBytes(StandardCharsets.UTF_8));
        out.write(SEPARATOR);
        return out.toByteArray();
    }

    /** The prefix of every index entry of {@code path} = {@code value}. */
    public static byte[] indexValuePrefix(byte[] pathPrefix, Object value) {
        return OrderedCodec.encodeAfter(pathPrefix, value);
    }

    /** The index entry of {@code path} = {@code value} for the entity {@code id}. */
    public static byte[] indexKey(byte[] pathPrefix, Object value, byte[] encodedId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(pathPrefix.length + 16 + encodedId.length);
        out.writeBytes(pathPrefix);
        OrderedCodec.encode(value, out);
        out.writeBytes(encodedId);
        return out.toByteArray();
    }

    /** Offset of the id in an index key that starts with {@code pathPrefix}. */
    public static int idOffsetInIndexKey(byte[] indexKey, int pathPrefixLength) {
        return pathPrefixLength + OrderedCodec.length(indexKey, pathPrefixLength);
    }

    /**
     * The smallest key greater than every key starting with {@code prefix}, or null when there
     * is none (all bytes 0xFF): the exclusive end of a prefix range.
     */
    public static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }

    /** True iff {@code key} starts with {@code prefix}. */
    public static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] kindPrefix(String keyspace, byte kind) {
        byte[] ks = keyspaceBytes(keyspace);
        byte[] out = Arrays.copyOf(ks, ks.length + 2);
        out[ks.length] = SEPARATOR;
        out[ks.length + 1] = kind;
        return out;
    }

    private static byte[] keyspaceBytes(String keyspace) {
        if (keyspace.isEmpty() || keyspace.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("keyspace must be non-empty and hold no NUL character: '"
                    + keyspace + "'");
        }
        return keyspace.getBytes(StandardCharsets.UTF_8);
    }
}
