package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.base.InternalKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a table holds, written in its properties block (see {@link PropertiesBlock}) and returned
 * by {@link TableBuilder#finish()}. An empty table has empty smallest and largest keys, sequences
 * 0 and no expiry.
 *
 * @param entries              entries of every kind
 * @param dataBlocks           data blocks
 * @param rawKeyBytes          sum of the internal key lengths, before prefix compression
 * @param rawValueBytes        sum of the stored value lengths
 * @param smallestKey          the first internal key (the array must not be modified)
 * @param largestKey           the last internal key (the array must not be modified)
 * @param minSequence          the smallest sequence number of any entry
 * @param maxSequence          the largest sequence number of any entry
 * @param tombstones           entries of kind DELETE
 * @param earliestExpiryMillis the earliest expiry of a PUT_WITH_TTL entry, Long.MAX_VALUE if none
 * @param compression          the compression data blocks were written with (some may be raw)
 */
public record TableProperties(long entries, long dataBlocks, long rawKeyBytes, long rawValueBytes,
        byte[] smallestKey, byte[] largestKey, long minSequence, long maxSequence, long tombstones,
        long earliestExpiryMillis, Compression compression) {

    public TableProperties {
        Objects.requireNonNull(smallestKey, "smallestKey");
        Objects.requireNonNull(largestKey, "largestKey");
        Objects.requireNonNull(compression, "compression");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableProperties p && entries == p.entries && dataBlocks == p.dataBlocks
                && rawKeyBytes == p.rawKeyBytes && rawValueBytes == p.rawValueBytes
                && Arrays.equals(smallestKey, p.smallestKey) && Arrays.equals(largestKey, p.largestKey)
                && minSequence == p.minSequence && maxSequence == p.maxSequence && tombstones == p.tombstones
                && earliestExpiryMillis == p.earliestExpiryMillis && compression == p.compression;
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries, dataBlocks, rawKeyBytes, rawValueBytes, Arrays.hashCode(smallestKey),
                Arrays.hashCode(largestKey), minSequence, maxSequence, tombstones, earliestExpiryMillis, compression);
    }

    @Override
    public String toString() {
        return "TableProperties[entries=" + entries + ", dataBlocks=" + dataBlocks + ", rawKeyBytes=" + rawKeyBytes
                + ", rawValueBytes=" + rawValueBytes
                + ", smallestKey=" + (entries == 0 ? "-" : InternalKey.describe(smallestKey))
                + ", largestKey=" + (entries == 0 ? "-" : InternalKey.describe(largestKey))
                + ", minSequence=" + minSequence + ", maxSequence=" + maxSequence + ", tombstones=" + tombstones
                + ", earliestExpiryMillis=" + earliestExpiryMillis + ", compression=" + compression + "]";
    }
}
