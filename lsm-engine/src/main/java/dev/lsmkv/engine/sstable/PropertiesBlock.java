package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.util.ByteReader;
import dev.lsmkv.engine.util.ByteWriter;

/**
 * The properties block's contents, fields in a fixed order behind a field count:
 *
 * <pre>
 * properties := fieldCount: varint32 (= 11 in format version 1)
 *               entries: varint64 | dataBlocks: varint64 | rawKeyBytes: varint64 | rawValueBytes: varint64
 *               smallestKey: varint32 length + bytes | largestKey: varint32 length + bytes
 *               minSequence: varint64 | maxSequence: varint64 | tombstones: varint64
 *               earliestExpiryMillis: fixed64 | compression: varint32 code
 *               [fields a newer writer appended, skipped]
 * </pre>
 *
 * A new field is only ever appended (and counted); a reader reads the fields it knows and
 * ignores the rest. On disk: NEVER reorder the fields.
 */
final class PropertiesBlock {

    /** Fields of format version 1. */
    static final int FIELDS_V1 = 11;

    private PropertiesBlock() {
    }

    static byte[] encode(TableProperties p) {
        ByteWriter w = new ByteWriter(64 + p.smallestKey().length + p.largestKey().length);
        w.writeVarint32(FIELDS_V1);
        w.writeVarint64(p.entries()).writeVarint64(p.dataBlocks());
        w.writeVarint64(p.rawKeyBytes()).writeVarint64(p.rawValueBytes());
        w.writeLengthPrefixed(p.smallestKey()).writeLengthPrefixed(p.largestKey());
        w.writeVarint64(p.minSequence()).writeVarint64(p.maxSequence()).writeVarint64(p.tombstones());
        w.writeFixed64(p.earliestExpiryMillis());
        w.writeVarint32(p.compression().code());
        return w.toByteArray();
    }

    /** @throws CorruptionException (without a file) if the bytes are not properties */
    static TableProperties decode(byte[] contents) {
        ByteReader r = new ByteReader(contents);
        int fields = r.readVarint32();
        if (fields < FIELDS_V1) {
            throw new CorruptionException("properties block has " + fields + " fields, expected at least " + FIELDS_V1);
        }
        long entries = r.readVarint64();
        long dataBlocks = r.readVarint64();
        long rawKeyBytes = r.readVarint64();
        long rawValueBytes = r.readVarint64();
        byte[] smallest = r.readLengthPrefixed("smallest key");
        byte[] largest = r.readLengthPrefixed("largest key");
        long minSeq = r.readVarint64();
        long maxSeq = r.readVarint64();
        long tombstones = r.readVarint64();
        long earliestExpiry = r.readFixed64();
        int code = r.readVarint32();
        Compression compression = switch (code) {
            case 0 -> Compression.NONE;
            case 1 -> Compression.LZ4;
            default -> throw new CorruptionException("unknown compression code " + code + " in properties");
        };
        if (entries < 0 || dataBlocks < 0 || tombstones < 0 || tombstones > entries || minSeq > maxSeq
                || (entries > 0 && (smallest.length < 8 || largest.length < 8))) {
            throw new CorruptionException("inconsistent properties: entries=" + entries + " tombstones=" + tombstones
                    + " sequences " + minSeq + ".." + maxSeq);
        }
        return new TableProperties(entries, dataBlocks, rawKeyBytes, rawValueBytes, smallest, largest, minSeq, maxSeq,
                tombstones, earliestExpiry, compression);
    }
}
