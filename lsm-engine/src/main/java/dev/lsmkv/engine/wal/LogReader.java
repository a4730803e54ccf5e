package dev.lsmkv.engine.wal;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.LsmException;
import dev.lsmkv.engine.fs.ReadableFile;
import dev.lsmkv.engine.util.ByteWriter;
import dev.lsmkv.engine.util.Coding;
import dev.lsmkv.engine.util.Crc32c;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads back the logical records of a file written by {@link LogWriter}, verifying every byte
 * it returns. The grammar is drawn in {@link LogWriter}; docs/file-formats.md ("Log files") works an
 * example.
 *
 * <pre>
 * physical-record := checksum:fixed32 length:fixed16 type:uint8 data:uint8[length]
 * logical-record  := FULL | FIRST MIDDLE* LAST;   first logical record := magic:fixed64 version:fixed32
 * </pre>
 *
 * <p>How a read ends. Reading stops at the first physical record that cannot be used: a bad
 * checksum, a type outside 1..4, a length that does not fit in its block or in the file, a header
 * cut short by the end of the file, or a fragment out of order. Then the rest of the file decides:
 * <ul>
 * <li>a valid physical record (right checksum) somewhere after it: data in the middle of the
 *     file was damaged, so this is a {@link CorruptionException} naming the file and offset;
 *     except in a WAL of {@link LogFormat#PREALLOCATED_WAL_VERSION} where a 4 KiB page between the
 *     two ends in zeros ({@link LogFormat#UNWRITTEN_TAIL_MIN}), what a power loss leaves of a
 *     preallocated file's unsynced pages: a torn tail;</li>
 * <li>otherwise, nothing but zero bytes (preallocated space) from there to the end, and no
 *     logical record left half-read: a clean end;</li>
 * <li>otherwise a torn tail, what a crash during an append leaves: {@link #readRecord} returns
 *     null and {@link #stoppedAtTornTail} is true. Records before it are whole and verified.</li>
 * </ul>
 * An empty file, or one whose header record is torn, reads as a log with no records.
 *
 * <p>Memory: a length field is trusted only after it has been checked against its block (so a
 * fragment is at most one block); logical records are reassembled in a growing buffer.
 *
 * <p>Not thread-safe: one thread at a time (recovery reads each log once, start to end).
 *
 * <p>Invariants:
 * <ol>
 * <li>{@code offset} is where the next physical record (or block trailer) starts; every
 *     physical record before it has been verified.</li>
 * <li>{@code lastRecordEnd <= offset}, and is the end of the last logical record returned
 *     (the header record included).</li>
 * <li>Once {@code done}, or {@code failure} is set, no more bytes are read.</li>
 * </ol>
 */
public final class LogReader implements Closeable {

    // readPhysicalRecord results besides the record types 1..4.
    private static final int END_OF_FILE = -1;
    private static final int BAD_RECORD = -2;

    private final ReadableFile file;
    private final Path path;
    private final long fileSize;
    private final byte[] block = new byte[LogFormat.BLOCK_SIZE];
    private long blockStart = -1;
    private final ByteWriter assembly = new ByteWriter(LogFormat.BLOCK_SIZE);

    private long offset;
    private long lastRecordEnd;
    private int formatVersion;
    private boolean done;
    private boolean tornTail;
    private CorruptionException failure;

    // The physical record last read by readPhysicalRecord.
    private long recordOffset;
    private int fragmentStart;
    private int fragmentLength;
    private String badReason;

    /**
     * Opens the log and verifies its header record. On failure the file is closed.
     *
     * @param expectedMagic the kind of file expected, e.g. {@link LogFormat#WAL_MAGIC}
     * @throws CorruptionException if the magic differs, or the header record is malformed or
     *     damaged with valid records after it
     * @throws LsmException if the file was written by a newer format version
     */
    public LogReader(ReadableFile file, Path path, long expectedMagic) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        this.path = Objects.requireNonNull(path, "path");
        this.fileSize = file.size();
        boolean ok = false;
        try {
            readFileHeader(expectedMagic);
            ok = true;
        } finally {
            if (!ok) {
                file.close();
            }
        }
    }

    private void readFileHeader(long expectedMagic) throws IOException {
        byte[] header = readRecord();
        if (header == null) {
            return; // empty, or torn before the header was whole: no records
        }
        if (header.length < 8) {
            throw corruption("header record at offset 0 is " + header.length
                    + " bytes, too short for a magic number");
        }
        long magic = Coding.getFixed64(header, 0);
        if (magic != expectedMagic) {
            throw corruption("bad magic: expected " + describeMagic(expectedMagic) + ", found "
                    + describeMagic(magic) + " (is this the right kind of file?)");
        }
        if (header.length < LogFormat.FILE_HEADER_PAYLOAD_SIZE) {
            throw corruption("header record at offset 0 is " + header.length
                    + " bytes, too short for a format version");
        }
        int version = Coding.getFixed32(header, 8);
        int newest = LogFormat.newestVersion(expectedMagic);
        if (version > newest || version < 0) {
            throw new LsmException(path + " was written by a newer version of lsmkv (found format version "
                    + Integer.toUnsignedString(version) + ", this version reads up to "
                    + newest + "). Upgrade lsmkv to open it.");
        }
        if (version == 0) {
            throw corruption("bad format version 0 in the header record (versions start at 1)");
        }
        if (header.length != LogFormat.FILE_HEADER_PAYLOAD_SIZE) {
            throw corruption("header record of format version " + version + " should be "
                    + LogFormat.FILE_HEADER_PAYLOAD_SIZE + " bytes, found " + header.length);
        }
        formatVersion = version;
    }

    /**
     * The payload of the next whole logical record, or null at the end of the log (a clean end
     * or a torn tail; see {@link #stoppedAtTornTail}). Each call returns a new array.
     *
     * @throws CorruptionException if damage is found with valid records after it; every later
     *     call throws it again
     */
    public byte[] readRecord() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (done) {
            return null;
        }
        boolean inFragmentedRecord = false;
        long logicalStart = -1;
        while (true) {
            int type = readPhysicalRecord();
            switch (type) {
                case LogFormat.FULL -> {
                    if (inFragmentedRecord) {
                        throw fail(unfinished(logicalStart, type));
                    }
                    lastRecordEnd = offset;
                    return Arrays.copyOfRange(block, fragmentStart, fragmentStart + fragmentLength);
                }
                case LogFormat.FIRST -> {
                    if (inFragmentedRecord) {
                        throw fail(unfinished(logicalStart, type));
                    }
                    inFragmentedRecord = true;
                    logicalStart = recordOffset;
                    assembly.reset();
                    appendFragment(logicalStart);
                }
                case LogFormat.MIDDLE, LogFormat.LAST -> {
                    if (!inFragmentedRecord) {
                        badReason = LogFormat.typeName(type) + " fragment without a FIRST before it";
                        return stop(false, -1);
                    }
                    appendFragment(logicalStart);
                    if (type == LogFormat.LAST) {
                        lastRecordEnd = offset;
                        return assembly.toByteArray();
                    }
                }
                case END_OF_FILE -> {
                    done = true;
                    tornTail = inFragmentedRecord;
                    return null;
                }
                case BAD_RECORD -> {
                    return stop(inFragmentedRecord, logicalStart);
                }
                default -> throw new AssertionError("physical record type " + type);
            }
        }
    }

    /** True iff reading stopped at a torn tail: an incomplete or damaged record with nothing valid after it. */
    public boolean stoppedAtTornTail() {
        return tornTail;
    }

    /**
     * The file offset just after the last whole logical record returned, the header record
     * included (0 if there was none): the bytes before it are verified, the bytes after it are
     * what a torn tail dropped.
     */
    public long endOfLastRecord() {
        return lastRecordEnd;
    }

    /** The format version in the header record, or 0 if the file has no whole header record. */
    public int formatVersion() {
        return formatVersion;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    // ---------------------------------------------------------------- physical records

    /**
     * Reads the physical record at {@code offset}, skipping a block trailer first. Returns its
     * type (1..4) and advances past it, with the data at {@code block[fragmentStart...]}; or
     * END_OF_FILE; or BAD_RECORD with {@code badReason} set and {@code offset} unchanged.
     */
    private int readPhysicalRecord() throws IOException {
        int inBlock = (int) (offset % LogFormat.BLOCK_SIZE);
        if (LogFormat.BLOCK_SIZE - inBlock < LogFormat.HEADER_SIZE) {
            offset += LogFormat.BLOCK_SIZE - inBlock; // trailer: never holds a record
            inBlock = 0;
        }
        if (offset >= fileSize) {
            return END_OF_FILE;
        }
        recordOffset = offset;
        long fileLeft = fileSize - offset;
        if (fileLeft < LogFormat.HEADER_SIZE) {
            badReason = "record header cut short by the end of the file (" + fileLeft + " of "
                    + LogFormat.HEADER_SIZE + " bytes)";
            return BAD_RECORD;
        }
        loadBlock(offset - inBlock);
        int storedChecksum = Coding.getFixed32(block, inBlock);
        int length = Coding.getFixed16(block, inBlock + 4);
        int type = block[inBlock + 6] & 0xFF;
        int room = LogFormat.BLOCK_SIZE - inBlock - LogFormat.HEADER_SIZE;
        if (type == LogFormat.ZERO_TYPE || type > LogFormat.MAX_TYPE) {
            badReason = type == LogFormat.ZERO_TYPE ? "zero-filled space (record type 0)" : "bad record type " + type;
            return BAD_RECORD;
        }
        if (length > room) {
            badReason = "impossible record length " + length + " (only " + room + " bytes left in the block)";
            return BAD_RECORD;
        }
        if (length > fileLeft - LogFormat.HEADER_SIZE) {
            badReason = "record of length " + length + " cut short by the end of the file";
            return BAD_RECORD;
        }
        int actual = Crc32c.value(type, block, inBlock + LogFormat.HEADER_SIZE, length);
        if (Crc32c.unmask(storedChecksum) != actual) {
            badReason = "checksum mismatch in a " + LogFormat.typeName(type) + " record of length " + length;
            return BAD_RECORD;
        }
        fragmentStart = inBlock + LogFormat.HEADER_SIZE;
        fragmentLength = length;
        offset += LogFormat.HEADER_SIZE + length;
        return type;
    }

    private void loadBlock(long start) throws IOException {
        if (blockStart != start) {
            blockStart = -1; // stays invalid if the read fails
            file.readFully(start, block, 0, (int) Math.min(LogFormat.BLOCK_SIZE, fileSize - start));
            blockStart = start;
        }
    }

    private void appendFragment(long logicalStart) {
        if (assembly.size() + (long) fragmentLength > Integer.MAX_VALUE - 16) {
            throw fail(corruption("record starting at offset " + logicalStart
                    + " grows past 2 GiB, larger than any writer can produce"));
        }
        assembly.writeBytes(block, fragmentStart, fragmentLength);
    }

    // ---------------------------------------------------------------- stopping

    /**
     * Reading cannot go past the physical record at {@code recordOffset} ({@code badReason}
     * says why): a torn tail or clean end if nothing valid follows it, corruption otherwise.
     */
    private byte[] stop(boolean inFragmentedRecord, long logicalStart) throws IOException {
        long bad = recordOffset;
        long valid = findValidRecordAfter(bad);
        if (valid >= 0 && formatVersion >= LogFormat.PREALLOCATED_WAL_VERSION && unwrittenPageTailBetween(bad, valid)) {
            // A preallocated WAL after a power loss: a page not (wholly) written back, later ones written
            // back. Nothing after it was synced (a sync writes every page before it), so it is a torn tail.
            done = true;
            tornTail = true;
            return null;
        }
        if (valid >= 0) {
            String within = inFragmentedRecord ? " (within the record that starts at offset " + logicalStart + ")" : "";
            throw fail(corruption(badReason + " at offset " + bad + within
                    + ", yet a valid record follows at offset " + valid + ", so this is not a torn tail"));
        }
        done = true;
        tornTail = inFragmentedRecord || !zeroFrom(bad);
        return null;
    }

    private CorruptionException unfinished(long logicalStart, int type) {
        return corruption("record starting at offset " + logicalStart + " has no LAST fragment: a "
                + LogFormat.typeName(type) + " record follows at offset " + recordOffset);
    }

    /**
     * The offset of the first physical record with a right checksum that starts after
     * {@code from}, or -1. Every candidate offset is tried, since a damaged length cannot say
     * where the next record starts; a candidate must pass the cheap type and length checks
     * before its checksum is computed.
     */
    private long findValidRecordAfter(long from) throws IOException {
        long start = from + 1;
        while (start < fileSize) {
            long thisBlock = start - start % LogFormat.BLOCK_SIZE;
            loadBlock(thisBlock);
            int n = (int) Math.min(LogFormat.BLOCK_SIZE, fileSize - thisBlock);
            for (int p = (int) (start - thisBlock); p + LogFormat.HEADER_SIZE <= n; p++) {
                int type = block[p + 6] & 0xFF;
                if (type == LogFormat.ZERO_TYPE || type > LogFormat.MAX_TYPE) {
                    continue;
                }
                int length = Coding.getFixed16(block, p + 4);
                if (p + LogFormat.HEADER_SIZE + length > n) {
                    continue;
                }
                int stored = Coding.getFixed32(block, p);
                if (Crc32c.unmask(stored) == Crc32c.value(type, block, p + LogFormat.HEADER_SIZE, length)) {
                    return thisBlock + p;
                }
            }
            start = thisBlock + LogFormat.BLOCK_SIZE;
        }
        return -1;
    }

    /**
     * True iff a {@link LogFormat#PAGE_SIZE}-aligned page that ends after {@code bad} and no later
     * than {@code valid} ends in {@link LogFormat#UNWRITTEN_TAIL_MIN} zero bytes, or in zeros from
     * {@code bad} on if fewer bytes of it follow {@code bad}: a page the kernel never wrote back,
     * or wrote back before its last appends.
     */
    private boolean unwrittenPageTailBetween(long bad, long valid) throws IOException {
        for (long end = bad - bad % LogFormat.PAGE_SIZE + LogFormat.PAGE_SIZE; end <= valid; end += LogFormat.PAGE_SIZE) {
            if (zeroRange(Math.max(bad, end - LogFormat.UNWRITTEN_TAIL_MIN), end)) {
                return true;
            }
        }
        return false;
    }

    /** True iff every byte in [from, to) is zero. */
    private boolean zeroRange(long from, long to) throws IOException {
        long start = from;
        while (start < to) {
            long thisBlock = start - start % LogFormat.BLOCK_SIZE;
            loadBlock(thisBlock);
            int n = (int) Math.min(Math.min(LogFormat.BLOCK_SIZE, fileSize - thisBlock), to - thisBlock);
            for (int p = (int) (start - thisBlock); p < n; p++) {
                if (block[p] != 0) {
                    return false;
                }
            }
            start = thisBlock + LogFormat.BLOCK_SIZE;
        }
        return true;
    }

    /** True iff every byte from {@code from} to the end of the file is zero. */
    private boolean zeroFrom(long from) throws IOException {
        return zeroRange(from, fileSize);
    }

    private CorruptionException fail(CorruptionException e) {
        failure = e;
        return e;
    }

    private CorruptionException corruption(String detail) {
        return new CorruptionException(path, detail);
    }

    /** The magic as hex and, when printable, as the ASCII it spells (little-endian). */
    static String describeMagic(long magic) {
        StringBuilder ascii = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            int c = (int) (magic >>> (8 * i)) & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return String.format(java.util.Locale.ROOT, "0x%016x", magic);
            }
            ascii.append((char) c);
        }
        return String.format(java.util.Locale.ROOT, "0x%016x (\"%s\")", magic, ascii);
    }
}
