package dev.lsmkv.engine.base;

/**
 * What an internal key records. The codes are written on disk (in the low byte of every
 * internal key's trailer, and in WAL batches): NEVER renumber or reuse them.
 */
public enum EntryKind {
    /** A tombstone: the key is deleted as of this sequence. */
    DELETE(0),
    /** A plain value. */
    PUT(1),
    /** A value prefixed by an 8-byte absolute expiry (see {@link TtlValue}). */
    PUT_WITH_TTL(2);

    /** The highest code; a lookup key uses it so a seek lands on the newest entry of a sequence. */
    public static final int MAX_CODE = 2;

    private static final EntryKind[] BY_CODE = {DELETE, PUT, PUT_WITH_TTL};

    private final int code;

    EntryKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The kind of {@code code}, or null if no kind has it (corrupt data). */
    public static EntryKind ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
