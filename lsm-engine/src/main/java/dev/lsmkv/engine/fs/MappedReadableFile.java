package dev.lsmkv.engine.fs;

import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;

/**
 * A file read through a read-only memory mapping ({@link NioFileSystem#openMapped}): a read is a
 * copy out of the mapped pages, with no system call (a page not yet mapped into the process costs
 * a minor page fault, once).
 *
 * <p>{@link #close()} releases the mapping at once where the JDK allows it
 * ({@code sun.misc.Unsafe.invokeCleaner}, in {@code jdk.unsupported}, as Lucene's MMapDirectory did
 * before Java 19), so a deleted file's disk space is freed when its reader closes, not at some
 * later garbage collection; without {@code jdk.unsupported} the mapping goes with its buffer's
 * collection. A read of a released mapping would crash the JVM, not throw: the caller must not
 * close the file while a read of it is in flight. The engine's table cache guarantees that: a
 * table reader is reference-counted and closed only after its last user has released it.
 *
 * <p>A fault while reading the mapping (the file truncated by another process, or the device
 * failing under it) surfaces as an {@link IOException} naming the file, as a failed read does.
 */
public final class MappedReadableFile implements ReadableFile {

    /** {@code sun.misc.Unsafe}'s instance, or null where unavailable. */
    private static final Object UNSAFE = unsafe();
    /** {@code Unsafe.invokeCleaner(ByteBuffer)}, or null where unavailable. */
    private static final Method UNMAP = UNSAFE == null ? null : invokeCleaner();

    private final Path path;
    private final long size;
    private volatile MappedByteBuffer map;

    MappedReadableFile(Path path, MappedByteBuffer map) {
        this.path = path;
        this.map = map;
        this.size = map.capacity();
    }

    @Override
    public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
        MappedByteBuffer m = map;
        if (m == null) {
            throw new ClosedChannelException();
        }
        if (position < 0 || length < 0 || position > size - length) {
            throw new EOFException("end of file " + path + " (" + size + " bytes) reading " + length
                    + " bytes at " + position);
        }
        try {
            m.get((int) position, dst, offset, length);
        } catch (InternalError e) {
            // HotSpot turns a SIGBUS on a mapped page (the file shrank, the device failed) into this
            throw new IOException("cannot read " + length + " bytes at " + position + " of the mapped file " + path
                    + " (the file was truncated by another process, or the device failed): " + e.getMessage(), e);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public synchronized void close() {
        MappedByteBuffer m = map;
        if (m == null) {
            return;
        }
        map = null;
        unmap(m);
    }

    /**
     * Releases {@code m}'s mapping at once where the JDK allows it, else leaves it to the buffer's
     * collection. Nothing may touch {@code m} afterwards: an access would crash the JVM.
     */
    static void unmap(MappedByteBuffer m) {
        if (UNMAP != null) {
            try {
                UNMAP.invoke(UNSAFE, m);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                // unmapping frees the mapping early; failing that, it goes with the buffer's collection
            }
        }
    }

    /** Whether {@link #close()} releases mappings at once (else at garbage collection). */
    public static boolean unmapsOnClose() {
        return UNMAP != null;
    }

    // Core reflection, not a method handle: it needs no readability of jdk.unsupported from a
    // named module, and a close is rare.
    private static Object unsafe() {
        try {
            Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return f.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null; // jdk.unsupported is not in this runtime
        }
    }

    private static Method invokeCleaner() {
        try {
            return UNSAFE.getClass().getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
