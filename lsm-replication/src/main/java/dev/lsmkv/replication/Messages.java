package dev.lsmkv.replication;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * The bytes replication puts in Ratis messages and log entries (docs/replication.md, "Formats").
 *
 * <pre>
 * write request  := 0x01 | batch record, encoded at time 0 (TTLs still relative)      client -> leader
 * log entry      := 0x01 (entry version) | batch record with absolute expiries         in the Raft log, on disk
 * barrier query  := 0x02                          reply: appliedIndex: int64 BE
 * get query      := 0x03 | key                    reply: 0x00 (absent) | 0x01 value
 * status query   := 0x04                          reply: appliedIndex, engineAppliedIndex, snapshotsTaken,
 *                                                        snapshotsInstalled: int64 BE each
 * write reply    := logIndex: int64 BE
 * </pre>
 *
 * The leader turns a write request into a log entry in {@code startTransaction}, with its own
 * clock, so every replica stores the same expiry instants. ON-DISK FORMAT (log entry): never
 * change it without a new entry version.
 */
final class Messages {

    static final byte WRITE = 0x01;
    static final byte ENTRY_V1 = 0x01;
    static final byte BARRIER = 0x02;
    static final byte GET = 0x03;
    static final byte STATUS = 0x04;

    private Messages() {
    }

    static Message write(byte[] relativeRecord) {
        return Message.valueOf(ByteString.copyFrom(prefixed(WRITE, relativeRecord)));
    }

    static byte[] entry(byte[] absoluteRecord) {
        return prefixed(ENTRY_V1, absoluteRecord);
    }

    static Message barrier() {
        return Message.valueOf(ByteString.copyFrom(new byte[] {BARRIER}));
    }

    static Message get(byte[] key) {
        return Message.valueOf(ByteString.copyFrom(prefixed(GET, key)));
    }

    static Message status() {
        return Message.valueOf(ByteString.copyFrom(new byte[] {STATUS}));
    }

    static Message longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.BIG_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return Message.valueOf(ByteString.copyFrom(b.array()));
    }

    static long[] longs(Message m) {
        ByteBuffer b = m.getContent().asReadOnlyByteBuffer().order(ByteOrder.BIG_ENDIAN);
        long[] out = new long[b.remaining() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }

    static Message valueReply(byte[] valueOrNull) {
        return Message.valueOf(ByteString.copyFrom(valueOrNull == null ? new byte[] {0} : prefixed((byte) 1, valueOrNull)));
    }

    /** The value of a get reply, or null when absent. */
    static byte[] valueOf(Message m) {
        byte[] b = m.getContent().toByteArray();
        return b[0] == 0 ? null : Arrays.copyOfRange(b, 1, b.length);
    }

    private static byte[] prefixed(byte type, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = type;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }
}
