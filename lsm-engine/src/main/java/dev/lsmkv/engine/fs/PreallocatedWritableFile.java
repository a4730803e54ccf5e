package dev.lsmkv.engine.fs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file written from start to end into space preallocated with zeros ({@link
 * NioFileSystem#createPreallocated}), one region of {@value #REGION_BYTES} bytes at a time: each
 * region is first filled with zeros through {@link RandomAccessFile#write}, so that the file system
 * allocates its blocks then (and a full disk fails that call with an {@link IOException}), and
 * the appends then overwrite those zeros in place. Made for the write-ahead log:
 * <ul>
 *   <li>Its appends never change the file's size or block map, so an {@code fsync} after an
 *       append writes the data and flushes the device, without a file-system journal commit for
 *       the new size: 11.1k against 8.3k fsyncs/s of 120-byte appends on the development
 *       machine's ext4 (RocksDB reuses old log files for the same reason, its
 *       {@code recycle_log_file_num}). That is what each durable write group waits for.</li>
 *   <li>With {@code mapped}, each region is also mapped and an append is a copy into the mapped
 *       pages, with no system call: for the WAL when it is not fsync'd per write, where the
 *       {@code write(2)} per write group was most of the WAL's cost (a save through the Spring
 *       store spent 17% of its CPU in it; 860 ns against 70-130 ns per 220-byte append in a loop
 *       on the development machine). A file system that refuses the mapping (some network or FUSE
 *       file systems) gets positional {@code write} calls at the same offsets instead: the file
 *       stays what it would have been, only slower.</li>
 * </ul>
 * Until {@link #close()} truncates the file to the bytes appended, it ends in up to a region of
 * zeros; a log reader takes zeros to the end of the file as its clean end (docs/file-formats.md),
 * which is what a crash leaves.
 *
 * <p>Durability: mapped pages are the file's page-cache pages, so an appended byte survives the
 * process's crash as one written with {@code write(2)} does. {@link #sync()} is an {@code fsync}
 * of the file, which on Linux writes back the pages dirtied through mappings too (the page cache
 * is one), from any thread, without touching the mapping; for that reason {@link NioFileSystem}
 * maps WAL writes on Linux only.
 *
 * <p>Not thread-safe: one appending thread; {@link #sync()} may run concurrently with it.
 */
final class PreallocatedWritableFile implements WritableFile {

    /** Bytes preallocated (and mapped, if mapped) at a time. */
    static final int REGION_BYTES = 1 << 20;

    private static final byte[] ZEROES = new byte[REGION_BYTES];

    /** Attempts of a mapping that keeps being interrupted before the exception is passed on. */
    private static final int MAX_ATTEMPTS = 3;

    /** Maps a region of a file: {@link #map(Path, long)}, or a test's stand-in. */
    interface Mapper {
        MappedByteBuffer map(Path file, long start) throws IOException;
    }

    private final Path path;
    private final RandomAccessFile raf;
    /** Maps each region; null: appends are positional write calls from the start. */
    private final Mapper mapper;
    /** The mapped region that takes the next append, or null if appends are write calls. */
    private MappedByteBuffer region;
    /** The end of the preallocated space: file bytes [size, allocatedEnd) are zeros. */
    private long allocatedEnd;
    private long size;
    private boolean failed;
    /** The file system refused a mapping: every later append is a positional write call. */
    private boolean unmapped;
    private boolean closed;

    /** Appends through a mapping if {@code mapped} (and the file system allows it), else through write calls. */
    PreallocatedWritableFile(Path path, RandomAccessFile raf, boolean mapped) {
        this(path, raf, mapped ? PreallocatedWritableFile::map : null);
    }

    PreallocatedWritableFile(Path path, RandomAccessFile raf, Mapper mapper) {
        this.path = path;
        this.raf = raf;
        this.mapper = mapper;
        this.unmapped = mapper == null;
    }

    @Override
    public void append(byte[] data, int offset, int length) throws IOException {
        if (failed) {
            throw new IOException("an earlier append to " + path + " failed; the file's tail is unknown");
        }
        try {
            while (length > 0) {
                if (size == allocatedEnd) {
                    nextRegion();
                }
                int n = (int) Math.min(length, allocatedEnd - size);
                if (region != null) {
                    region.put((int) (size - (allocatedEnd - REGION_BYTES)), data, offset, n);
                } else {
                    raf.write(data, offset, n); // the file pointer is at size (nextRegion put it there)
                }
                size += n;
                offset += n;
                length -= n;
            }
        } catch (InternalError e) {
            // HotSpot turns a SIGBUS on a mapped page (the device failed, the file was truncated) into this
            failed = true;
            throw new IOException("cannot write to the mapped file " + path + " at offset " + size
                    + " (the device failed, or another process truncated the file): " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Preallocates the region that starts at {@code size} (a multiple of the region size) and,
     * unless appends are write calls, maps it; if the file system refuses the mapping, sets
     * {@link #unmapped} instead.
     */
    private void nextRegion() throws IOException {
        long start = size;
        try {
            raf.seek(start);
            raf.write(ZEROES);
            raf.seek(start); // where the appends of write calls go
        } catch (IOException e) {
            throw new IOException("cannot extend " + path + " by " + REGION_BYTES + " bytes at offset " + start
                    + ": " + e.getMessage() + " (is the disk full?)", e);
        }
        allocatedEnd = start + REGION_BYTES;
        if (region != null) {
            MappedReadableFile.unmap(region);
            region = null;
        }
        if (unmapped) {
            return;
        }
        try {
            region = mapper.map(path, start);
        } catch (ClosedByInterruptException e) {
            throw e; // interrupted on every attempt: not the file system's refusal
        } catch (IOException | UnsupportedOperationException e) {
            unmapped = true;
        }
    }

    /**
     * Maps {@code [start, start + REGION_BYTES)} through a channel of its own, closed right after
     * (the mapping outlives it). A channel closes itself when its thread is interrupted in it, so
     * the thread's interrupt status is cleared for the call and restored after it, and a mapping
     * interrupted from elsewhere mid-call is retried on a new channel: an interrupt never fails
     * the WAL (as {@link NioFileSystem}'s class comment promises).
     */
    private static MappedByteBuffer map(Path path, long start) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    return ch.map(FileChannel.MapMode.READ_WRITE, start, REGION_BYTES);
                } catch (ClosedByInterruptException e) {
                    interrupted = true;
                    Thread.interrupted();
                    if (attempt == MAX_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void sync() throws IOException {
        raf.getFD().sync();
    }

    @Override
    public long size() {
        return size;
    }

    /** Releases the mapping, if any, and truncates the file to the bytes appended (the preallocated zeros go). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (region != null) {
                MappedReadableFile.unmap(region);
                region = null;
            }
            if (raf.length() > size) {
                raf.setLength(size);
            }
        } finally {
            raf.close();
        }
    }
}
