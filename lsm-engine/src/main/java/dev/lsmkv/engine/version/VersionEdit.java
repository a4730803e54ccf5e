package dev.lsmkv.engine.version;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.util.ByteReader;
import dev.lsmkv.engine.util.ByteWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One change to the set of live files and to the persistent counters: the payload of one
 * MANIFEST record. Not thread-safe; built by one thread, then handed to
 * {@link VersionSet#logAndApply}.
 *
 * <p>Encoding (docs/file-formats.md ("MANIFEST and CURRENT") draws it with an example): a sequence of
 * fields, each a varint32 tag followed by its value, in any order; a field that appears twice
 * takes the last value (lists accumulate).
 *
 * <pre>
 * edit          := field*
 * field         := varint32 tag, then by tag:
 *   2 LOG_NUMBER        varint64 number
 *   3 NEXT_FILE_NUMBER  varint64 number
 *   4 LAST_SEQUENCE     varint64 sequence
 *   5 COMPACT_POINTER   varint32 level | varint32 length | internal key
 *   6 DELETED_FILE      varint32 level | varint64 file number
 *   7 NEW_FILE          varint32 level | varint64 number | varint64 file size
 *                       | varint32 length | smallest internal key | varint32 length | largest internal key
 *                       | varint64 entries | varint64 tombstones | varint64 min sequence
 *                       | varint64 max sequence | varint64 earliest expiry millis (as unsigned;
 *                         Long.MAX_VALUE = none)
 * </pre>
 *
 * The tags are on disk: NEVER renumber or reuse one. A field that changes shape gets a new tag
 * and the old one stays here, retired, as a comment.
 */
public final class VersionEdit {

    // ---- On-disk tags: NEVER renumber or reuse. ----
    // 1: reserved (LevelDB's comparator name); never written, since the engine has one comparator.
    static final int TAG_LOG_NUMBER = 2;
    static final int TAG_NEXT_FILE_NUMBER = 3;
    static final int TAG_LAST_SEQUENCE = 4;
    static final int TAG_COMPACT_POINTER = 5;
    static final int TAG_DELETED_FILE = 6;
    static final int TAG_NEW_FILE = 7;

    /** A file added at a level. */
    public record NewFile(int level, FileMetaData file) {
    }

    /** A file removed from a level. */
    public record DeletedFile(int level, long fileNumber) {
    }

    /** Where the next automatic compaction of {@code level} starts: after this internal key. */
    public record CompactPointer(int level, byte[] internalKey) {
    }

    private long logNumber = -1;
    private long nextFileNumber = -1;
    private long lastSequence = -1;
    private final List<CompactPointer> compactPointers = new ArrayList<>();
    private final Set<DeletedFile> deletedFiles = new LinkedHashSet<>();
    private final List<NewFile> newFiles = new ArrayList<>();

    /** WAL files numbered below {@code number} are no longer needed for recovery. */
    public VersionEdit setLogNumber(long number) {
        this.logNumber = requireNonNegative(number, "log number");
        return this;
    }

    public VersionEdit setNextFileNumber(long number) {
        this.nextFileNumber = requireNonNegative(number, "next file number");
        return this;
    }

    public VersionEdit setLastSequence(long sequence) {
        if (sequence < 0 || sequence > InternalKey.MAX_SEQUENCE) {
            throw new IllegalArgumentException("last sequence out of range: " + sequence);
        }
        this.lastSequence = sequence;
        return this;
    }

    /**
     * REQUIRES: the metadata would decode: non-negative numbers, keys at least a trailer long,
     * smallest &lt;= largest, tombstones &lt;= entries, minSequence &lt;= maxSequence. Checked here,
     * so that a bad edit never reaches the manifest and fails the next recovery.
     */
    public VersionEdit addFile(int level, FileMetaData file) {
        checkLevel(level);
        String problem = problemOf(Objects.requireNonNull(file, "file"));
        if (problem != null) {
            throw new IllegalArgumentException("cannot add " + file + ": " + problem);
        }
        newFiles.add(new NewFile(level, file));
        return this;
    }

    public VersionEdit deleteFile(int level, long fileNumber) {
        checkLevel(level);
        deletedFiles.add(new DeletedFile(level, requireNonNegative(fileNumber, "file number")));
        return this;
    }

    /** REQUIRES: {@code internalKey} is at least {@link InternalKey#TRAILER_SIZE} bytes. */
    public VersionEdit setCompactPointer(int level, byte[] internalKey) {
        checkLevel(level);
        if (internalKey.length < InternalKey.TRAILER_SIZE) {
            throw new IllegalArgumentException("compact pointer is not an internal key: " + internalKey.length + " bytes");
        }
        compactPointers.add(new CompactPointer(level, internalKey.clone()));
        return this;
    }

    public boolean hasLogNumber() {
        return logNumber >= 0;
    }

    /** REQUIRES: {@link #hasLogNumber()}. */
    public long logNumber() {
        requireSet(logNumber, "log number");
        return logNumber;
    }

    public boolean hasNextFileNumber() {
        return nextFileNumber >= 0;
    }

    /** REQUIRES: {@link #hasNextFileNumber()}. */
    public long nextFileNumber() {
        requireSet(nextFileNumber, "next file number");
        return nextFileNumber;
    }

    public boolean hasLastSequence() {
        return lastSequence >= 0;
    }

    /** REQUIRES: {@link #hasLastSequence()}. */
    public long lastSequence() {
        requireSet(lastSequence, "last sequence");
        return lastSequence;
    }

    /** In the order they were set. */
    public List<CompactPointer> compactPointers() {
        return Collections.unmodifiableList(compactPointers);
    }

    /** In the order they were deleted; each (level, number) once. */
    public List<DeletedFile> deletedFiles() {
        return List.copyOf(deletedFiles);
    }

    /** In the order they were added. */
    public List<NewFile> newFiles() {
        return Collections.unmodifiableList(newFiles);
    }

    /** The record payload (grammar in the class comment). */
    public byte[] encode() {
        ByteWriter w = new ByteWriter();
        if (hasLogNumber()) {
            w.writeVarint32(TAG_LOG_NUMBER).writeVarint64(logNumber);
        }
        if (hasNextFileNumber()) {
            w.writeVarint32(TAG_NEXT_FILE_NUMBER).writeVarint64(nextFileNumber);
        }
        if (hasLastSequence()) {
            w.writeVarint32(TAG_LAST_SEQUENCE).writeVarint64(lastSequence);
        }
        for (CompactPointer p : compactPointers) {
            w.writeVarint32(TAG_COMPACT_POINTER).writeVarint32(p.level()).writeLengthPrefixed(p.internalKey());
        }
        for (DeletedFile d : deletedFiles) {
            w.writeVarint32(TAG_DELETED_FILE).writeVarint32(d.level()).writeVarint64(d.fileNumber());
        }
        for (NewFile n : newFiles) {
            FileMetaData f = n.file();
            w.writeVarint32(TAG_NEW_FILE).writeVarint32(n.level())
                    .writeVarint64(f.number()).writeVarint64(f.fileSize())
                    .writeLengthPrefixed(f.smallest()).writeLengthPrefixed(f.largest())
                    .writeVarint64(f.entries()).writeVarint64(f.tombstones())
                    .writeVarint64(f.minSequence()).writeVarint64(f.maxSequence())
                    .writeVarint64(f.earliestExpiryMillis());
        }
        return w.toByteArray();
    }

    /**
     * Decodes a record payload.
     *
     * @throws CorruptionException (without a file; the caller attributes it) on any malformed
     *         input: an unknown tag, a level out of range, a truncated field, a negative number,
     *         a key shorter than an internal key's trailer, a file whose smallest key is above its
     *         largest
     */
    public static VersionEdit decode(byte[] record) {
        VersionEdit e = new VersionEdit();
        ByteReader r = new ByteReader(record);
        while (r.hasRemaining()) {
            int at = r.position();
            int tag = r.readVarint32();
            switch (tag) {
                case TAG_LOG_NUMBER -> e.logNumber = nonNegative(r.readVarint64(), "log number", at);
                case TAG_NEXT_FILE_NUMBER -> e.nextFileNumber = nonNegative(r.readVarint64(), "next file number", at);
                case TAG_LAST_SEQUENCE -> e.lastSequence = sequence(r.readVarint64(), "last sequence", at);
                case TAG_COMPACT_POINTER -> {
                    int level = level(r, at);
                    e.compactPointers.add(new CompactPointer(level, internalKey(r, "compact pointer", at)));
                }
                case TAG_DELETED_FILE -> {
                    int level = level(r, at);
                    e.deletedFiles.add(new DeletedFile(level, nonNegative(r.readVarint64(), "file number", at)));
                }
                case TAG_NEW_FILE -> {
                    int level = level(r, at);
                    e.newFiles.add(new NewFile(level, fileMetaData(r, at)));
                }
                default -> throw new CorruptionException("unknown version edit tag " + Integer.toUnsignedString(tag)
                        + " at offset " + at + " (expected 2..7)");
            }
        }
        return e;
    }

    private static FileMetaData fileMetaData(ByteReader r, int at) {
        long number = r.readVarint64();
        long size = r.readVarint64();
        byte[] smallest = r.readLengthPrefixed("smallest key");
        byte[] largest = r.readLengthPrefixed("largest key");
        long entries = r.readVarint64();
        long tombstones = r.readVarint64();
        long minSeq = r.readVarint64();
        long maxSeq = r.readVarint64();
        long expiry = r.readVarint64();
        FileMetaData f = new FileMetaData(number, size, smallest, largest, entries, tombstones, minSeq, maxSeq, expiry);
        String problem = problemOf(f);
        if (problem != null) {
            throw new CorruptionException("new file in field at offset " + at + ": " + problem);
        }
        return f;
    }

    /** Why {@code f} cannot be in an edit, or null if it can. */
    static String problemOf(FileMetaData f) {
        if (f.number() < 0 || f.fileSize() < 0 || f.entries() < 0 || f.tombstones() < 0) {
            return "negative number, size or count (number " + Long.toUnsignedString(f.number()) + ", size "
                    + Long.toUnsignedString(f.fileSize()) + ", entries " + Long.toUnsignedString(f.entries())
                    + ", tombstones " + Long.toUnsignedString(f.tombstones()) + ")";
        }
        if (f.minSequence() < 0 || f.minSequence() > InternalKey.MAX_SEQUENCE
                || f.maxSequence() < 0 || f.maxSequence() > InternalKey.MAX_SEQUENCE) {
            return "sequence out of range (" + Long.toUnsignedString(f.minSequence()) + ".."
                    + Long.toUnsignedString(f.maxSequence()) + ")";
        }
        if (f.smallest().length < InternalKey.TRAILER_SIZE || f.largest().length < InternalKey.TRAILER_SIZE) {
            return "key shorter than the " + InternalKey.TRAILER_SIZE + "-byte trailer (smallest "
                    + f.smallest().length + " bytes, largest " + f.largest().length + " bytes)";
        }
        if (InternalKey.compare(f.smallest(), f.largest()) > 0) {
            return "smallest key " + InternalKey.describe(f.smallest()) + " is above largest key "
                    + InternalKey.describe(f.largest());
        }
        if (f.tombstones() > f.entries() || f.minSequence() > f.maxSequence()) {
            return "inconsistent counts (entries " + f.entries() + ", tombstones " + f.tombstones()
                    + ", sequences " + f.minSequence() + ".." + f.maxSequence() + ")";
        }
        return null;
    }

    private static int level(ByteReader r, int at) {
        int level = r.readVarint32();
        if (level < 0 || level >= Version.NUM_LEVELS) {
            throw new CorruptionException("bad level " + Integer.toUnsignedString(level) + " in field at offset " + at
                    + " (expected 0.." + (Version.NUM_LEVELS - 1) + ")");
        }
        return level;
    }

    private static byte[] internalKey(ByteReader r, String what, int at) {
        byte[] key = r.readLengthPrefixed(what);
        if (key.length < InternalKey.TRAILER_SIZE) {
            throw new CorruptionException(what + " in field at offset " + at + " is " + key.length
                    + " bytes, shorter than the " + InternalKey.TRAILER_SIZE + "-byte trailer");
        }
        return key;
    }

    private static long nonNegative(long v, String what, int at) {
        if (v < 0) {
            throw new CorruptionException(what + " in field at offset " + at + " is out of range: "
                    + Long.toUnsignedString(v));
        }
        return v;
    }

    private static long sequence(long v, String what, int at) {
        if (v < 0 || v > InternalKey.MAX_SEQUENCE) {
            throw new CorruptionException(what + " in field at offset " + at + " is out of range: "
                    + Long.toUnsignedString(v));
        }
        return v;
    }

    private static void checkLevel(int level) {
        if (level < 0 || level >= Version.NUM_LEVELS) {
            throw new IllegalArgumentException("level must be between 0 and " + (Version.NUM_LEVELS - 1) + ", was " + level);
        }
    }

    private static long requireNonNegative(long v, String what) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " must not be negative, was " + v);
        }
        return v;
    }

    private static void requireSet(long v, String what) {
        if (v < 0) {
            throw new IllegalStateException(what + " is not set in this edit");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("VersionEdit{");
        if (hasLogNumber()) {
            sb.append("logNumber=").append(logNumber).append(", ");
        }
        if (hasNextFileNumber()) {
            sb.append("nextFileNumber=").append(nextFileNumber).append(", ");
        }
        if (hasLastSequence()) {
            sb.append("lastSequence=").append(lastSequence).append(", ");
        }
        for (CompactPointer p : compactPointers) {
            sb.append("compactPointer L").append(p.level()).append('=').append(InternalKey.describe(p.internalKey())).append(", ");
        }
        for (DeletedFile d : deletedFiles) {
            sb.append("delete L").append(d.level()).append(" #").append(d.fileNumber()).append(", ");
        }
        for (NewFile n : newFiles) {
            sb.append("add L").append(n.level()).append(' ').append(n.file()).append(", ");
        }
        if (sb.length() > "VersionEdit{".length()) {
            sb.setLength(sb.length() - 2);
        }
        return sb.append('}').toString();
    }
}
