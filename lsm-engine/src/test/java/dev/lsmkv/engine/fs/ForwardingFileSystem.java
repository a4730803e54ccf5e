package dev.lsmkv.engine.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Vfs} that passes every call to another; a test overrides what it wants to
 * change. {@link #writable} and {@link #readable} see each opened file and may wrap it;
 * {@link ForwardingWritableFile} and {@link ForwardingReadableFile} make such wrappers short.
 *
 * <p>Thread-safety: as the wrapped file system.
 */
public class ForwardingFileSystem implements Vfs {

    protected final Vfs delegate;

    public ForwardingFileSystem(Vfs delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The file {@link #create} returns: {@code file} itself unless overridden. */
    protected WritableFile writable(Path path, WritableFile file) {
        return file;
    }

    /** The file {@link #openReadable} returns: {@code file} itself unless overridden. */
    protected ReadableFile readable(Path path, ReadableFile file) {
        return file;
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        delegate.createDirectories(dir);
    }

    @Override
    public WritableFile create(Path file) throws IOException {
        return writable(file, delegate.create(file));
    }

    @Override
    public ReadableFile openReadable(Path file) throws IOException {
        return readable(file, delegate.openReadable(file));
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        delegate.rename(source, target);
    }

    @Override
    public void delete(Path file) throws IOException {
        delegate.delete(file);
    }

    @Override
    public boolean exists(Path file) {
        return delegate.exists(file);
    }

    @Override
    public long size(Path file) throws IOException {
        return delegate.size(file);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        return delegate.list(dir);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        delegate.syncDirectory(dir);
    }

    @Override
    public DirectoryLock lock(Path lockFile) throws IOException {
        return delegate.lock(lockFile);
    }

    @Override
    public long usableSpace(Path dir) {
        return delegate.usableSpace(dir);
    }

    /** A {@link WritableFile} that passes every call to another. */
    public static class ForwardingWritableFile implements WritableFile {
        protected final WritableFile delegate;

        public ForwardingWritableFile(WritableFile delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        @Override
        public void append(byte[] data, int offset, int length) throws IOException {
            delegate.append(data, offset, length);
        }

        @Override
        public void sync() throws IOException {
            delegate.sync();
        }

        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    /** A {@link ReadableFile} that passes every call to another. */
    public static class ForwardingReadableFile implements ReadableFile {
        protected final ReadableFile delegate;

        public ForwardingReadableFile(ReadableFile delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        @Override
        public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
            delegate.readFully(position, dst, offset, length);
        }

        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
