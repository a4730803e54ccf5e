package dev.lsmkv.engine.fs;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The production file system: positional reads through NIO {@link FileChannel}s, appends and
 * fsync through {@link RandomAccessFile}, directory sync by forcing a channel opened on the
 * directory.
 *
 * <p>Interrupts: a {@code FileChannel} closes itself when a thread blocked in it is interrupted,
 * which would break the file for every other thread (and an engine whose WAL write fails stops
 * taking writes). So appends and syncs use {@code RandomAccessFile}, whose I/O is not
 * interruptible; reads and directory syncs clear the thread's interrupt status for the call and
 * restore it afterwards, and a read channel closed by an interrupt that arrived mid-call is
 * reopened and the read retried. The engine's I/O never consumes or loses an interrupt.
 *
 * <p>Locks: {@link FileChannel#tryLock()} guards against other processes; since the JVM holds
 * file locks per process, an in-process set of locked paths guards against a second open in
 * this JVM.
 */
public final class NioFileSystem implements Vfs {

    public static final NioFileSystem INSTANCE = new NioFileSystem();

    /** Attempts of an I/O call that keeps being interrupted before the exception is passed on. */
    private static final int MAX_ATTEMPTS = 3;

    private static final Set<Path> LOCKED_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private NioFileSystem() {
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    @Override
    public WritableFile create(Path file) throws IOException {
        return new NioWritableFile(openTruncated(file));
    }

    /** {@code file}, created or truncated to 0 bytes, open for writing. */
    private static RandomAccessFile openTruncated(Path file) throws IOException {
        RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
        try {
            raf.setLength(0);
        } catch (IOException e) {
            raf.close();
            throw e;
        }
        return raf;
    }

    /**
     * Where {@link #createPreallocated} maps: Linux, whose fsync writes back the pages dirtied
     * through a mapping as it does those written with write(2) (one page cache), so a sync from
     * the periodic sync thread needs no access to the writer's mapping.
     */
    private static final boolean MAPPED_WRITES = System.getProperty("os.name", "").startsWith("Linux");

    /** A {@link PreallocatedWritableFile}, mapped only on Linux. */
    @Override
    public WritableFile createPreallocated(Path file, boolean mapped) throws IOException {
        return new PreallocatedWritableFile(file, openTruncated(file), mapped && MAPPED_WRITES);
    }

    /** Whether {@link #createPreallocated} maps on this platform (tests). */
    static boolean mapsWrites() {
        return MAPPED_WRITES;
    }

    @Override
    public ReadableFile openReadable(Path file) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            try {
                return new NioReadableFile(file, ch, ch.size());
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Maps the file read-only ({@link MappedReadableFile}); a file of 2 GiB or more, an empty one,
     * and one the process cannot map (no address space left, or the kernel's limit on mappings
     * reached) are read with positional reads through the channel opened here instead. A mapped
     * file's channel is closed once mapped: the mapping holds no file descriptor.
     */
    @Override
    public ReadableFile openMapped(Path file) throws IOException {
        boolean interrupted = Thread.interrupted();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        boolean keepChannel = false;
        try {
            long size = ch.size();
            if (size > 0 && size <= Integer.MAX_VALUE) {
                MappedByteBuffer map = null;
                try {
                    map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
                } catch (IOException e) {
                    // "Map failed": out of address space or of the kernel's mappings (vm.max_map_count);
                    // the file is still readable, one positional read per block
                }
                if (map != null) {
                    return new MappedReadableFile(file, map);
                }
            }
            ReadableFile positional = new NioReadableFile(file, ch, size);
            keepChannel = true;
            return positional;
        } finally {
            if (!keepChannel) {
                ch.close();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename " + source + " to " + target + " atomically", e);
        }
    }

    /** A hard link when the file system has them and both paths are on it; a synced copy otherwise. */
    @Override
    public void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
            return;
        } catch (FileAlreadyExistsException | NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links on this file system, or the paths are on two devices: copy.
        }
        Vfs.copy(this, source, target);
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public boolean exists(Path file) {
        return Files.exists(file);
    }

    @Override
    public long size(Path file) throws IOException {
        return Files.size(file);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    forceDirectory(dir);
                    return;
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

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (ClosedByInterruptException e) {
            throw e;
        } catch (IOException e) {
            // Some platforms cannot open a directory as a channel; there directory entries are
            // durable with the files, so there is nothing more to do.
            if (!(e instanceof NoSuchFileException) && System.getProperty("os.name", "").startsWith("Windows")) {
                return;
            }
            throw e;
        }
    }

    @Override
    public DirectoryLock lock(Path lockFile) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        if (!LOCKED_IN_THIS_PROCESS.add(key)) {
            throw new IOException("already locked by an engine open in this process: " + key);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("already locked by another process: " + key);
            }
            FileChannel channel = ch;
            FileLock held = lock;
            return () -> {
                try {
                    held.release();
                    channel.close();
                } finally {
                    LOCKED_IN_THIS_PROCESS.remove(key);
                }
            };
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            LOCKED_IN_THIS_PROCESS.remove(key);
            throw e;
        }
    }

    @Override
    public long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static final class NioWritableFile implements WritableFile {
        private final RandomAccessFile raf;
        private long size;

        NioWritableFile(RandomAccessFile raf) {
            this.raf = raf;
        }

        @Override
        public void append(byte[] data, int offset, int length) throws IOException {
            raf.write(data, offset, length);
            size += length;
        }

        @Override
        public void sync() throws IOException {
            raf.getFD().sync();
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void close() throws IOException {
            raf.close();
        }
    }

    private static final class NioReadableFile implements ReadableFile {
        private final Path path;
        private final long size;
        private volatile FileChannel ch;
        private volatile boolean closed;

        NioReadableFile(Path path, FileChannel ch, long size) {
            this.path = path;
            this.ch = ch;
            this.size = size;
        }

        @Override
        public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
            boolean interrupted = Thread.interrupted();
            try {
                for (int attempt = 1; ; attempt++) {
                    FileChannel channel = ch;
                    try {
                        readFully(channel, position, dst, offset, length);
                        return;
                    } catch (ClosedChannelException e) {
                        if (closed || attempt == MAX_ATTEMPTS) {
                            throw e;
                        }
                        if (e instanceof ClosedByInterruptException) {
                            interrupted = true;
                            Thread.interrupted();
                        }
                        reopen(channel); // an interrupt (this thread's or another's) closed the shared channel
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static void readFully(FileChannel channel, long position, byte[] dst, int offset, int length)
                throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(dst, offset, length);
            long pos = position;
            while (buf.hasRemaining()) {
                int n = channel.read(buf, pos);
                if (n < 0) {
                    throw new EOFException("end of file at " + pos + " reading " + length + " bytes at " + position);
                }
                pos += n;
            }
        }

        private synchronized void reopen(FileChannel broken) throws IOException {
            if (ch == broken && !closed) {
                ch = FileChannel.open(path, StandardOpenOption.READ);
            }
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public synchronized void close() throws IOException {
            closed = true;
            ch.close();
        }
    }
}
