package dev.lsmkv.engine;

import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.TtlValue;
import dev.lsmkv.engine.util.ByteReader;
import dev.lsmkv.engine.util.ByteWriter;
import java.util.List;

/**
 * The WAL payload of one committed batch. One batch is one WAL record, so it is replayed all or
 * nothing; its format is independent of the engine that wrote it, so a batch can be shipped and
 * applied elsewhere unchanged (see DESIGN.md, "Outgrowing one machine").
 *
 * <pre>
 * batch record := firstSequence: fixed64 | count: fixed32 | op{count}
 * op           := kind: byte (EntryKind code) | keyLength: varint32 | key
 *                 [ valueLength: varint32 | storedValue ]       -- absent for DELETE
 * </pre>
 *
 * Op i has sequence firstSequence + i. A PUT_WITH_TTL stored value carries its absolute expiry
 * (TtlValue), so replay never extends a time to live. On disk (docs/file-formats.md): NEVER
 * change it without a new WAL format version.
 *
 * <p>Public only so that {@code dev.lsmkv.engine.tool} (the dump and verify tools) decodes WAL records
 * with the engine's own decoder; not part of the API (API.md), no compatibility promise.
 */
public final class WriteBatchCodec {

    static final int HEADER_SIZE = 12;

    private WriteBatchCodec() {
    }

    /**
     * Receives decoded ops. Its {@code base.EntryKind} is not exported by the module (module-info):
     * this class is public for {@code tool} only, not API, hence the suppressed {@code exports} lint.
     */
    @SuppressWarnings("exports")
    public interface Handler {
        void op(long sequence, EntryKind kind, byte[] key, byte[] storedValue);
    }

    /** Appends the record of {@code batch} to {@code out}; TTLs become expiries at {@code nowMillis}. */
    static void encode(WriteBatch batch, long firstSequence, long nowMillis, ByteWriter out) {
        List<WriteBatch.Op> ops = batch.ops();
        out.writeFixed64(firstSequence);
        out.writeFixed32(ops.size());
        for (WriteBatch.Op op : ops) {
            if (op.isDelete()) {
                out.writeByte(EntryKind.DELETE.code());
                out.writeLengthPrefixed(op.key());
            } else if (op.hasExpiry()) {
                out.writeByte(EntryKind.PUT_WITH_TTL.code());
                out.writeLengthPrefixed(op.key());
                long expiresAt = op.expiresAt(nowMillis);
                out.writeVarint32(TtlValue.HEADER_SIZE + op.value().length);
                out.writeFixed64(expiresAt);
                out.writeBytes(op.value());
            } else {
                out.writeByte(EntryKind.PUT.code());
                out.writeLengthPrefixed(op.key());
                out.writeLengthPrefixed(op.value());
            }
        }
    }

    /** The number of sequence numbers the batch uses. */
    static int count(byte[] record) {
        return new ByteReader(record, 8, 4).readFixed32();
    }

    static long firstSequence(byte[] record) {
        return new ByteReader(record, 0, 8).readFixed64();
    }

    /**
     * Decodes every op of a record, after checking the whole record first, so a malformed
     * record delivers nothing.
     *
     * @throws CorruptionException (without file) if the record is malformed
     */
    public static long decode(byte[] record, Handler handler) {
        validate(record);
        ByteReader in = new ByteReader(record);
        long seq = in.readFixed64();
        int count = in.readFixed32();
        for (int i = 0; i < count; i++) {
            EntryKind kind = EntryKind.ofCode(in.readByte());
            byte[] key = in.readLengthPrefixed("key");
            byte[] value = kind == EntryKind.DELETE ? new byte[0] : in.readLengthPrefixed("value");
            handler.op(seq + i, kind, key, value);
        }
        return seq + count - 1;
    }

    private static void validate(byte[] record) {
        ByteReader in = new ByteReader(record);
        long seq = in.readFixed64();
        int count = in.readFixed32();
        if (seq < 0 || count < 0 || seq + count - 1 > dev.lsmkv.engine.base.InternalKey.MAX_SEQUENCE) {
            throw new CorruptionException("bad batch header: sequence " + seq + ", count " + count);
        }
        for (int i = 0; i < count; i++) {
            int code = in.readByte();
            EntryKind kind = EntryKind.ofCode(code);
            if (kind == null) {
                throw new CorruptionException("bad entry kind " + code + " in op " + i + " of batch at sequence " + seq);
            }
            int keyLength = in.readLength("key");
            if (keyLength == 0) {
                throw new CorruptionException("empty key in op " + i + " of batch at sequence " + seq);
            }
            in.skip(keyLength);
            if (kind != EntryKind.DELETE) {
                int valueLength = in.readLength("value");
                if (kind == EntryKind.PUT_WITH_TTL && valueLength < TtlValue.HEADER_SIZE) {
                    throw new CorruptionException("TTL value shorter than its header in op " + i);
                }
                in.skip(valueLength);
            }
        }
        if (in.hasRemaining()) {
            throw new CorruptionException(in.remaining() + " trailing bytes after batch at sequence " + seq);
        }
    }

    /**
     * The absolute expiry of a TTL written at {@code nowMillis}, saturating at Long.MAX_VALUE.
     * The WAL record and the memtable entry must agree on it, so both take it from here.
     */
    static long expiresAt(long nowMillis, long ttlMillis) {
        long r = nowMillis + ttlMillis;
        return ((nowMillis ^ r) & (ttlMillis ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
