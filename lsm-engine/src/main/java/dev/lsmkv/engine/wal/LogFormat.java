package dev.lsmkv.engine.wal;

/**
 * On-disk constants of the log format (docs/file-formats.md ("Log files")).
 *
 * <p>NEVER CHANGE ANY OF THESE VALUES: every log and MANIFEST already written depends on them.
 * A new format gets a new {@link #FORMAT_VERSION} and a reader that still understands the old
 * ones; a retired record type stays listed below as a comment so its number is never reused.
 */
public final class LogFormat {

    /** Files are laid out in blocks of this many bytes; no physical record crosses a block. */
    public static final int BLOCK_SIZE = 32 * 1024;

    /** checksum fixed32 + length fixed16 + type byte. */
    public static final int HEADER_SIZE = 4 + 2 + 1;

    /** Magic of a write-ahead log ({@code NNNNNN.log}): the ASCII bytes "LSMKVWAL" read as a little-endian fixed64. */
    public static final long WAL_MAGIC = 0x4C41_5756_4B4D_534CL;

    /** Magic of a MANIFEST ({@code MANIFEST-NNNNNN}): the ASCII bytes "LSMKVMAN" read as a little-endian fixed64. */
    public static final long MANIFEST_MAGIC = 0x4E41_4D56_4B4D_534CL;

    /**
     * The version of every log appended to with write calls (every MANIFEST, and every WAL but
     * those below), and the newest MANIFEST version this code reads.
     */
    public static final int FORMAT_VERSION = 1;

    /**
     * The version of a WAL written into space preallocated with zeros ({@code
     * EngineOptions.walPreallocate}, and every WAL written through a memory mapping, {@code
     * EngineOptions.walMmapWrites}), and the newest WAL version this code reads. The records are
     * framed as in version 1; what differs is how a reader ends. The kernel writes a file's dirty
     * pages back in no set order, and a preallocated file's blocks already hold zeros on disk, so
     * after a power loss a page may be zeros from some point to its end (never written back, or
     * written back before its last appends), with records after it that were written back, none
     * of them synced. A reader of a version-2 WAL therefore takes damage followed by records as a
     * torn tail when a page between the two ends in zeros ({@link #UNWRITTEN_TAIL_MIN}), and as
     * corruption otherwise.
     */
    public static final int PREALLOCATED_WAL_VERSION = 2;

    /** The page a version-2 WAL's unwritten tail is looked for in (the smallest common page size). */
    static final int PAGE_SIZE = 4096;

    /**
     * The zero bytes a page must end in, between a damaged record and the next valid one, for a
     * version-2 reader to take the damage as a page not written back: this many, or all of the
     * page from the damaged record on if that is fewer. A page written back while an append was
     * being copied into it may end in fewer (then it is reported as corruption); a record damaged
     * on disk is taken for a torn tail only if its bytes before a page end were this many zeros.
     */
    static final int UNWRITTEN_TAIL_MIN = 32;

    /** Payload size of the version-1 header record: magic fixed64 + version fixed32. */
    static final int FILE_HEADER_PAYLOAD_SIZE = 8 + 4;

    // Physical record types (the type byte). 0 is reserved: zero-filled or preallocated space.
    static final int ZERO_TYPE = 0;
    static final int FULL = 1;
    static final int FIRST = 2;
    static final int MIDDLE = 3;
    static final int LAST = 4;
    static final int MAX_TYPE = LAST;

    private LogFormat() {
    }

    /** The newest format version a reader understands for a file of this magic. */
    static int newestVersion(long magic) {
        return magic == WAL_MAGIC ? PREALLOCATED_WAL_VERSION : FORMAT_VERSION;
    }

    static String typeName(int type) {
        return switch (type) {
            case ZERO_TYPE -> "ZERO";
            case FULL -> "FULL";
            case FIRST -> "FIRST";
            case MIDDLE -> "MIDDLE";
            case LAST -> "LAST";
            default -> "unknown type " + type;
        };
    }
}
