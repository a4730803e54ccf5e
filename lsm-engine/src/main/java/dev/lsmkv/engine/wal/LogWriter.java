package dev.lsmkv.engine.wal;

import dev.lsmkv.engine.fs.WritableFile;
import dev.lsmkv.engine.util.ByteWriter;
import dev.lsmkv.engine.util.Coding;
import dev.lsmkv.engine.util.Crc32c;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Appends logical records (opaque byte strings) to a log file, framed as LevelDB frames them
 * (doc/log_format.md); used for both the write-ahead log and the MANIFEST.
 *
 * <pre>
 * file            := block* partial-block?          (blocks of BLOCK_SIZE = 32768 bytes)
 * block           := physical-record* trailer?
 * trailer         := 0x00{1..6}                      (when fewer than 7 bytes remain in the block)
 * physical-record := checksum:fixed32 length:fixed16 type:uint8 data:uint8[length]
 *     checksum    =  Crc32c.mask(crc32c(type, data))  (covers the type byte, then data)
 *     type        =  FULL(1) | FIRST(2) | MIDDLE(3) | LAST(4)   (0 is reserved for zeroed space)
 * logical-record  := FULL | FIRST MIDDLE* LAST        (fragments of one payload, in order)
 * logical records := file-header record*
 * file-header     := magic:fixed64 version:fixed32    (the payload of the first logical record)
 * </pre>
 * All integers are little-endian. A physical record never crosses a block boundary: a payload
 * that does not fit in the rest of the block is cut, and the remaining fragments start at the
 * next blocks. A fragment may be empty (a FIRST with no data when exactly 7 bytes remain).
 *
 * <p>Buffering: {@link #addRecord} only frames into memory; {@link #flush} hands every byte
 * framed so far to the file in one {@link WritableFile#append} call, so a group-commit leader
 * can frame many batches and pay one system call (and, with {@link #sync}, one fsync).
 *
 * <p>Not thread-safe: one thread at a time (the commit leader, or the MANIFEST writer under its
 * lock).
 *
 * <p>Invariants:
 * <ol>
 * <li>{@code blockOffset} (0..BLOCK_SIZE) is {@code size()} modulo BLOCK_SIZE: where in its block
 *     the next physical record goes (BLOCK_SIZE right after a fragment that filled a block).</li>
 * <li>{@code written} bytes are in the file; {@code buffer} holds the bytes after them.</li>
 * <li>After an append fails, the file's tail is unknown: every later flush fails too.</li>
 * </ol>
 */
public final class LogWriter implements Closeable {

    /** A buffer grown past this by a huge record is dropped after the flush instead of kept. */
    private static final int RETAINED_BUFFER_LIMIT = 1 << 20;

    private static final byte[] ZEROES = new byte[LogFormat.HEADER_SIZE];

    private final WritableFile file;
    private final Path path;
    private ByteWriter buffer = new ByteWriter(LogFormat.BLOCK_SIZE);
    private long written;
    private int blockOffset;
    private IOException failure;
    private boolean closed;

    /**
     * Starts a new log in {@code file} and buffers its header record ({@code magic},
     * {@link LogFormat#FORMAT_VERSION}); nothing reaches the file before {@link #flush}.
     *
     * <p>REQUIRES: {@code file} is empty (a log is always written from its first byte).
     *
     * @param magic the kind of file, e.g. {@link LogFormat#WAL_MAGIC} or {@link LogFormat#MANIFEST_MAGIC}
     */
    public LogWriter(WritableFile file, Path path, long magic) throws IOException {
        this(file, path, magic, LogFormat.FORMAT_VERSION);
    }

    /**
     * As {@link #LogWriter(WritableFile, Path, long)} with the header's format version given:
     * {@link LogFormat#PREALLOCATED_WAL_VERSION} for a WAL written into preallocated space.
     */
    public LogWriter(WritableFile file, Path path, long magic, int formatVersion) throws IOException {
        if (formatVersion < 1 || formatVersion > LogFormat.newestVersion(magic)) {
            throw new IllegalArgumentException("format version " + formatVersion + " is not one of this kind of log");
        }
        this.file = Objects.requireNonNull(file, "file");
        this.path = Objects.requireNonNull(path, "path");
        if (file.size() != 0) {
            throw new IllegalArgumentException("log " + path + " must start empty but already holds "
                    + file.size() + " bytes");
        }
        byte[] header = new byte[LogFormat.FILE_HEADER_PAYLOAD_SIZE];
        Coding.putFixed64(header, 0, magic);
        Coding.putFixed32(header, 8, formatVersion);
        addRecord(header);
    }

    /** Frames the whole of {@code payload} as one record (no I/O). */
    public void addRecord(byte[] payload) {
        addRecord(payload, 0, payload.length);
    }

    /**
     * Frames {@code payload[offset, offset+length)} as one logical record into the buffer (no
     * I/O). The bytes are copied: the caller may reuse the array. Empty and multi-MiB payloads
     * are fine; the buffer, hence everything framed before one {@link #flush}, is limited to
     * 2 GiB.
     */
    public void addRecord(byte[] payload, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        ensureOpen();
        int left = length;
        int pos = offset;
        boolean begin = true;
        do {
            int leftover = LogFormat.BLOCK_SIZE - blockOffset;
            if (leftover < LogFormat.HEADER_SIZE) {
                // Too small for a header: zero-fill the trailer and start a new block.
                buffer.writeBytes(ZEROES, 0, leftover);
                blockOffset = 0;
            }
            int available = LogFormat.BLOCK_SIZE - blockOffset - LogFormat.HEADER_SIZE;
            int fragment = Math.min(left, available);
            boolean end = fragment == left;
            int type = begin && end ? LogFormat.FULL
                    : begin ? LogFormat.FIRST
                    : end ? LogFormat.LAST
                    : LogFormat.MIDDLE;
            emitPhysicalRecord(type, payload, pos, fragment);
            pos += fragment;
            left -= fragment;
            begin = false;
        } while (left > 0);
    }

    private void emitPhysicalRecord(int type, byte[] data, int offset, int length) {
        assert length <= LogFormat.BLOCK_SIZE - blockOffset - LogFormat.HEADER_SIZE;
        buffer.writeFixed32(Crc32c.mask(Crc32c.value(type, data, offset, length)));
        buffer.writeFixed16(length);
        buffer.writeByte(type);
        buffer.writeBytes(data, offset, length);
        blockOffset += LogFormat.HEADER_SIZE + length;
        assert blockOffset % LogFormat.BLOCK_SIZE == size() % LogFormat.BLOCK_SIZE;
    }

    /**
     * Appends everything buffered with exactly one {@link WritableFile#append} call (none when
     * nothing is buffered). The bytes are then with the OS, not yet on stable storage.
     *
     * @throws IOException if this append or an earlier one failed; the writer is then unusable
     */
    public void flush() throws IOException {
        ensureOpen();
        if (failure != null) {
            throw new IOException("log " + path + " failed earlier; its tail is unknown", failure);
        }
        int n = buffer.size();
        if (n == 0) {
            return;
        }
        try {
            file.append(buffer.array(), 0, n);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        written += n;
        if (buffer.array().length > RETAINED_BUFFER_LIMIT) {
            buffer = new ByteWriter(LogFormat.BLOCK_SIZE);
        } else {
            buffer.reset();
        }
    }

    /** {@link #flush()}, then {@link WritableFile#sync()}: every record added so far is durable. */
    public void sync() throws IOException {
        flush();
        file.sync();
    }

    /** Bytes written to the file plus bytes buffered: the file's size after the next flush. */
    public long size() {
        return written + buffer.size();
    }

    public Path path() {
        return path;
    }

    /** {@link #flush()}, then closes the file without syncing. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                flush();
            }
        } finally {
            closed = true;
            file.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("log " + path + " is closed");
        }
    }
}
