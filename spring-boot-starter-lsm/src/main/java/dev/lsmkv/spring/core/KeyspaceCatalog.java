package dev.lsmkv.spring.core;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a keyspace's own catalog record says about the keys stored beside its entities: the entity
 * class last written, whether its count keys are exact, and the {@code @Indexed} paths whose index
 * entries (and the entries listed in each indexed entity's value) are complete. Read when a keyspace is first used, so that
 * a restart with added or removed {@code @Indexed} properties, or with counting switched on, is
 * detected and reconciled (see {@link KeyspaceRegistry}).
 *
 * <pre>
 * catalog := FORMAT(1 byte, = 1) flags(1 byte; bit 0 = counts exact, bit 1 = null values indexed,
 *            bit 2 = values carry their index entries) type:str paths:u16 path:str*
 * str     := u16 big-endian length, UTF-8 bytes
 * </pre>
 * ON-DISK FORMAT: never change the meaning of FORMAT 1; a new layout takes a new FORMAT byte.
 */
record KeyspaceCatalog(String typeName, boolean countsExact, boolean nullsIndexed, boolean entriesInValues,
        List<String> indexedPaths) {

    static final byte FORMAT = 1;

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(FORMAT);
        out.write((countsExact ? 1 : 0) | (nullsIndexed ? 2 : 0) | (entriesInValues ? 4 : 0));
        writeString(out, typeName);
        out.write(indexedPaths.size() >>> 8);
        out.write(indexedPaths.size());
        for (String path : indexedPaths) {
            writeString(out, path);
        }
        return out.toByteArray();
    }

    static @Nullable KeyspaceCatalog decode(byte @Nullable [] bytes, String keyspace) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < 2 || bytes[0] != FORMAT) {
            throw new IllegalStateException("the catalog record of keyspace '" + keyspace + "' has format "
                    + (bytes.length == 0 ? "(empty)" : bytes[0]) + "; this version of spring-boot-starter-lsm reads format "
                    + FORMAT + ". Was the store written by a newer version? Use that version or restore a backup.");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
        boolean counts = (bytes[1] & 1) != 0;
        boolean nulls = (bytes[1] & 2) != 0;
        boolean entries = (bytes[1] & 4) != 0;
        String type = readString(in);
        int n = Short.toUnsignedInt(in.getShort());
        List<String> paths = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            paths.add(readString(in));
        }
        return new KeyspaceCatalog(type, counts, nulls, entries, List.copyOf(paths));
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.write(utf8.length >>> 8);
        out.write(utf8.length);
        out.writeBytes(utf8);
    }

    private static String readString(ByteBuffer in) {
        int len = Short.toUnsignedInt(in.getShort());
        byte[] utf8 = new byte[len];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
