package dev.lsmkv.engine.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Every disk operation the engine performs: the engine's virtual file system (as Pebble's
 * {@code vfs.FS}), named so that it does not clash with {@link java.nio.file.FileSystem}.
 * Implementations are thread-safe.
 *
 * <p>Durability contract (what a crashable test implementation keeps on "power loss"): bytes
 * appended to a file survive only once {@link WritableFile#sync()} has returned; a created,
 * renamed or deleted directory entry survives only once {@link #syncDirectory} of its parent
 * has returned.
 */
public interface Vfs {

    /** Creates the directory and its parents if missing. */
    void createDirectories(Path dir) throws IOException;

    /** Creates {@code file} empty (truncating an existing one) for appending. */
    WritableFile create(Path file) throws IOException;

    /**
     * Creates (or truncates) a file to be written from start to end as {@link #create} does, but
     * into space preallocated with zeros ahead of the appends where this file system offers it, so
     * that an append changes neither the file's size nor its blocks and a sync after it needs no
     * metadata update; with {@code mapped}, the appends go through a memory mapping where this
     * file system offers one that a {@link WritableFile#sync()} from another thread covers. Until
     * it is closed, the file may end in preallocated zeros after the bytes appended (a crash
     * leaves them); closing removes them. By default as {@link #create}.
     */
    default WritableFile createPreallocated(Path file, boolean mapped) throws IOException {
        return create(file);
    }

    /** Opens an existing file for positional reads. */
    ReadableFile openReadable(Path file) throws IOException;

    /**
     * Opens an existing file for reads through a memory mapping where this file system offers
     * one, else as {@link #openReadable}. The caller must not close the file while a read of it is
     * in flight (closing releases the mapping).
     */
    default ReadableFile openMapped(Path file) throws IOException {
        return openReadable(file);
    }

    /** Atomically replaces {@code target} with {@code source}. */
    void rename(Path source, Path target) throws IOException;

    /** Deletes the file if it exists. */
    void delete(Path file) throws IOException;

    boolean exists(Path file);

    /** Size of the file in bytes. */
    long size(Path file) throws IOException;

    /** The names (not paths) of the entries of {@code dir}. */
    List<String> list(Path dir) throws IOException;

    /** Makes the directory's entries (creates, renames, deletes) durable. */
    void syncDirectory(Path dir) throws IOException;

    /**
     * Takes an exclusive lock on {@code lockFile} (created if missing), held until the returned
     * lock is closed.
     *
     * @throws IOException if the file is already locked, by this process or another
     */
    DirectoryLock lock(Path lockFile) throws IOException;

    /**
     * Makes {@code target} (which must not exist) a durable copy of the immutable file
     * {@code source}: a hard link where the file system allows one, a copied and fsync'd file
     * otherwise. The caller fsyncs {@code target}'s directory.
     */
    default void linkOrCopy(Path source, Path target) throws IOException {
        copy(this, source, target);
    }

    /** Copies {@code source} to a new {@code target} through {@code fs} and fsyncs it. */
    static void copy(Vfs fs, Path source, Path target) throws IOException {
        if (fs.exists(target)) {
            throw new IOException("cannot copy " + source + " to " + target + ": the target exists");
        }
        try (ReadableFile in = fs.openReadable(source); WritableFile out = fs.create(target)) {
            byte[] buffer = new byte[64 * 1024];
            long size = in.size();
            for (long position = 0; position < size; ) {
                int n = (int) Math.min(buffer.length, size - position);
                in.readFully(position, buffer, 0, n);
                out.append(buffer, 0, n);
                position += n;
            }
            out.sync();
        }
    }

    /** Free bytes on the store that holds {@code dir}, or -1 if unknown. */
    default long usableSpace(Path dir) {
        return -1;
    }
}
