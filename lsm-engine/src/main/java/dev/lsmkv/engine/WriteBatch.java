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

    /** One operation of a batch. {@code ttlMillis} is 0 for none; {@code value} is null for a delete. */
    record Op(byte[] key, byte[] value, long ttlMillis) {
        boolean isDelete() {
            return value == null;
        }
    }

    private final List<Op> ops = new ArrayList<>();
    private long approximateBytes;
    /** Key and value bytes only: what {@link EngineStats#userBytesWritten()} counts. */
    private long userBytes;

    /** Adds a put of {@code key} to {@code value}. */
    public WriteBatch put(byte[] key, byte[] value) {
        checkKey(key);
        checkValue(value);
        add(new Op(key.clone(), value.clone(), 0));
        return this;
    }

    /** Adds a put of {@code key} to {@code value} that disappears once {@code ttl} has passed. */
    public WriteBatch put(byte[] key, byte[] value, Duration ttl) {
        checkKey(key);
        checkValue(value);
        add(new Op(key.clone(), value.clone(), checkTtl(ttl)));
        return this;
    }

    /** Adds a delete of {@code key}. */
    public WriteBatch delete(byte[] key) {
        checkKey(key);
        add(new Op(key.clone(), null, 0));
        return this;
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
