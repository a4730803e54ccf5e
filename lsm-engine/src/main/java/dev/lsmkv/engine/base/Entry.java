package dev.lsmkv.engine.base;

/**
 * One internal entry: an internal key and its stored value (a TTL entry keeps its header).
 * Returned by point lookups of memtables and SSTables. The arrays must not be modified.
 */
public record Entry(byte[] key, byte[] value) {

    public EntryKind kind() {
        return InternalKey.kind(key);
    }

    public long sequence() {
        return InternalKey.sequence(key);
    }
}
