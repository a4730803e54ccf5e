package dev.lsmkv.engine.version;

import dev.lsmkv.engine.base.InternalKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the manifest records about one table file: enough to route reads and pick compactions
 * without opening it. Immutable; the arrays are never modified once the record is made (callers
 * must not modify them either).
 *
 * @param number               file number ({@code NNNNNN.sst})
 * @param fileSize             size of the file in bytes
 * @param smallest             smallest internal key in the file
 * @param largest              largest internal key in the file
 * @param entries              number of entries (all kinds)
 * @param tombstones           number of DELETE entries
 * @param minSequence          smallest sequence number in the file
 * @param maxSequence          largest sequence number in the file
 * @param earliestExpiryMillis earliest absolute expiry of a TTL entry in the file (epoch millis),
 *                             {@link #NO_EXPIRY} when it holds none
 */
public record FileMetaData(long number, long fileSize, byte[] smallest, byte[] largest,
        long entries, long tombstones, long minSequence, long maxSequence, long earliestExpiryMillis) {

    /** {@link #earliestExpiryMillis()} of a file without TTL entries. */
    public static final long NO_EXPIRY = Long.MAX_VALUE;

    public FileMetaData {
        Objects.requireNonNull(smallest, "smallest");
        Objects.requireNonNull(largest, "largest");
    }

    /** The user key of {@link #smallest()}. */
    public byte[] smallestUserKey() {
        return InternalKey.userKey(smallest);
    }

    /** The user key of {@link #largest()}. */
    public byte[] largestUserKey() {
        return InternalKey.userKey(largest);
    }

    /** Arrays compare by content, so two decodings of one edit are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FileMetaData f && number == f.number && fileSize == f.fileSize
                && Arrays.equals(smallest, f.smallest) && Arrays.equals(largest, f.largest)
                && entries == f.entries && tombstones == f.tombstones && minSequence == f.minSequence
                && maxSequence == f.maxSequence && earliestExpiryMillis == f.earliestExpiryMillis;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(number) * 31 + Arrays.hashCode(smallest);
    }

    @Override
    public String toString() {
        return "FileMetaData{#" + number + ", " + fileSize + " bytes, [" + InternalKey.describe(smallest) + " .. "
                + InternalKey.describe(largest) + "], entries=" + entries + ", tombstones=" + tombstones
                + ", seq=" + minSequence + ".." + maxSequence
                + (earliestExpiryMillis == NO_EXPIRY ? "" : ", earliestExpiry=" + earliestExpiryMillis) + "}";
    }
}
