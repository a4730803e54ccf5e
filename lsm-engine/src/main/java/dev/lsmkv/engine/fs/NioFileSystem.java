package dev.lsmkv.engine.fs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
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
 * The production file system: NIO {@link FileChannel}s with positional reads, fsync through
 * {@link FileChannel#force}, directory sync by forcing a channel opened on the directory.
 *
 * <p>Locks: {@link FileChannel#tryLock()} guards against other processes; since the JVM holds
 * file locks per process, an in-process set of locked paths guards against a second open in
 * this JVM.
 */
public final class NioFileSystem implements FileSystem {

    public static final NioFileSystem INSTANCE = new NioFileSystem();

    private static final Set<Path> LOCKED_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private NioFileSystem() {
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    @Override
    public WritableFile create(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new NioWritableFile(ch);
    }

    @Override
    public ReadableFile openReadable(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        return new NioReadableFile(ch, ch.size());
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename " + source + " to " + target + " atomically", e);
        }
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
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
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
        private final FileChannel ch;
        private long size;

        NioWritableFile(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public void append(byte[] data, int offset, int length) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(data, offset, length);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            size += length;
        }

        @Override
        public void sync() throws IOException {
            ch.force(false);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    private static final class NioReadableFile implements ReadableFile {
        private final FileChannel ch;
        private final long size;

        NioReadableFile(FileChannel ch, long size) {
            this.ch = ch;
            this.size = size;
        }

        @Override
        public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(dst, offset, length);
            long pos = position;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new EOFException("end of file at " + pos + " reading " + length + " bytes at " + position);
                }
                pos += n;
            }
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
