package dev.lsmkv.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A group of puts and deletes applied all or nothing, under one range of sequence numbers, and
 * visible to readers all at once. Within a batch a later operation on a key wins over an earlier
 * one. Arguments are checked and copied when added, so a batch never holds a bad entry and the
 * caller may reuse its arrays at once. Not thread-safe; a batch may be written more than once.
 */
public final class WriteBatch {

    /** The largest key, in bytes. */
    public static final int MAX_KEY_SIZE = 64 * 1024;
    /** The largest value, in bytes. */
    public static final int MAX_VALUE_SIZE = 64 * 1024 * 1024;

    /**
     * One operation of a batch. {@code ttlMillis} is 0 for none; {@code expiresAtMillis} is an
     * absolute expiry (epoch millis) or 0 for none, and at most one of the two is set;
     * {@code value} is null for a delete.
     */
    record Op(byte[] key, byte[] value, long ttlMillis, long expiresAtMillis) {
        boolean isDelete() {
            return value == null;
        }

        boolean hasExpiry() {
            return ttlMillis > 0 || expiresAtMillis > 0;
        }

        /** The absolute expiry of this put when written at {@code nowMillis}. REQUIRES: hasExpiry(). */
        long expiresAt(long nowMillis) {
            return expiresAtMillis > 0 ? expiresAtMillis : WriteBatchCodec.expiresAt(nowMillis, ttlMillis);
        }
    }

    private final List<Op> ops = new ArrayList<>();
    private long approximateBytes;
    /** Key and value bytes only: what {@link EngineStats#userBytesWritten()} counts. */
    private long userBytes;

    /** An empty batch. */
    public WriteBatch() {
    }

    /** Adds a put of {@code key} to {@code value}. */
    public WriteBatch put(byte[] key, byte[] value) {
        checkKey(key);
        checkValue(value);
        add(new Op(key.clone(), value.clone(), 0, 0));
        return this;
    }

    /** Adds a put of {@code key} to {@code value} that disappears once {@code ttl} has passed. */
    public WriteBatch put(byte[] key, byte[] value, Duration ttl) {
        checkKey(key);
        checkValue(value);
        add(new Op(key.clone(), value.clone(), checkTtl(ttl), 0));
        return this;
    }

    /** Adds a delete of {@code key}. */
    public WriteBatch delete(byte[] key) {
        checkKey(key);
        add(new Op(key.clone(), null, 0, 0));
        return this;
    }

    /**
     * Adds a put of {@code key} to {@code value} that disappears at the absolute instant
     * {@code expiresAtEpochMillis} (milliseconds since the epoch, positive), whatever the clock
     * of the engine that applies it. An instant already past is accepted: the entry then reads as
     * absent. This is what a replicated log carries, so that every replica agrees on an expiry
     * (lsm-replication); most callers want {@link #put(byte[], byte[], Duration)}.
     */
    public WriteBatch putExpiringAt(byte[] key, byte[] value, long expiresAtEpochMillis) {
        checkKey(key);
        checkValue(value);
        if (expiresAtEpochMillis <= 0) {
            throw new IllegalArgumentException("expiry must be a positive epoch-millisecond instant, was "
                    + expiresAtEpochMillis);
        }
        add(new Op(key.clone(), value.clone(), 0, expiresAtEpochMillis));
        return this;
    }

    /**
     * This batch in the engine's batch record format (docs/file-formats.md, "WriteBatch record",
     * with first sequence 0): the bytes a WAL record would hold, so the batch can be shipped and
     * applied elsewhere unchanged. Each TTL put becomes an absolute expiry at {@code nowMillis};
     * a put added with {@link #putExpiringAt} keeps its instant. Encoding with
     * {@code nowMillis = 0} keeps times to live relative (see {@link #decode(byte[], long)}).
     */
    public byte[] encode(long nowMillis) {
        dev.lsmkv.engine.util.ByteWriter out = new dev.lsmkv.engine.util.ByteWriter((int) Math.min(
                Integer.MAX_VALUE - 64, approximateBytes + WriteBatchCodec.HEADER_SIZE));
        WriteBatchCodec.encode(this, 0, nowMillis, out);
        return java.util.Arrays.copyOf(out.array(), out.size());
    }

    /**
     * The batch a record made by {@link #encode(long)} holds. Every expiry in the record plus
     * {@code expiryBaseMillis} (saturating) becomes a {@link #putExpiringAt} instant: pass 0 for a
     * record of absolute expiries, or the current time for a record encoded at 0, whose
     * "expiries" are then times to live. The record's sequence field is ignored.
     *
     * @throws CorruptionException if the record is malformed (nothing is decoded)
     */
    public static WriteBatch decode(byte[] record, long expiryBaseMillis) {
        if (record == null) {
            throw new IllegalArgumentException("record must not be null");
        }
        WriteBatch batch = new WriteBatch();
        WriteBatchCodec.decode(record, (seq, kind, key, storedValue) -> {
            switch (kind) {
                case DELETE -> batch.delete(key);
                case PUT -> batch.put(key, storedValue);
                case PUT_WITH_TTL -> {
                    long expiry = dev.lsmkv.engine.base.TtlValue.expiresAt(storedValue);
                    batch.putExpiringAt(key, dev.lsmkv.engine.base.TtlValue.userValue(storedValue),
                            Math.max(1, WriteBatchCodec.expiresAt(expiryBaseMillis, expiry)));
                }
                default -> throw new CorruptionException("entry kind " + kind + " cannot appear in a batch record");
            }
        });
        return batch;
    }

    /** The number of operations added. */
    public int size() {
        return ops.size();
    }

    /** True iff no operation was added. */
    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** Removes every operation. */
    public void clear() {
        ops.clear();
        approximateBytes = 0;
        userBytes = 0;
    }

    /** Roughly how many bytes the batch's keys and values take. */
    public long approximateBytes() {
        return approximateBytes;
    }

    /** The bytes of the batch's keys and values, without any per-operation overhead. */
    long userBytes() {
        return userBytes;
    }

    List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    private void add(Op op) {
        ops.add(op);
        long bytes = (long) op.key().length + (op.value() == null ? 0 : op.value().length);
        userBytes += bytes;
        approximateBytes += bytes + 16; // sizes write groups: an op costs more than its bytes
    }

    static void checkKey(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null (keys are 1 byte to 64 KiB)");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("key must not be empty (keys are 1 byte to 64 KiB)");
        }
        if (key.length > MAX_KEY_SIZE) {
            throw new IllegalArgumentException("key of " + key.length + " bytes exceeds the limit of "
                    + MAX_KEY_SIZE + " bytes (64 KiB)");
        }
    }

    static void checkValue(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null (values are 0 bytes to 64 MiB; delete the key instead)");
        }
        if (value.length > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("value of " + value.length + " bytes exceeds the limit of "
                    + MAX_VALUE_SIZE + " bytes (64 MiB)");
        }
    }

    static long checkTtl(Duration ttl) {
        if (ttl == null) {
            throw new IllegalArgumentException("ttl must not be null (use put(key, value) for no expiry)");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        try {
            long millis = ttl.toMillis();
            return Math.max(1, millis);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("ttl " + ttl + " is too long: at most " + Long.MAX_VALUE + " ms", e);
        }
    }
}
