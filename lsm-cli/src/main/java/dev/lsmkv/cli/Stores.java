package dev.lsmkv.cli;

import dev.lsmkv.engine.LsmException;
import dev.lsmkv.engine.tool.DirectoryInspector;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The locking rule. A read-only command takes the directory's lock if it can, so that no engine
 * opens (and rewrites) the directory while it reads; if an engine holds the lock, it reads anyway
 * (tables and the manifest are never changed in place, so what it reads is consistent) and warns
 * that the running engine may hold newer writes. A command that writes refuses a locked directory.
 */
final class Stores {

    private Stores() {
    }

    /** A directory opened for reading, with the lock held when it could be taken. */
    record ReadSession(DirectoryInspector inspector, DirectoryInspector.LockAttempt lock) implements Closeable {
        /** True iff an engine (or something else) holds the lock, so the directory may change while read. */
        boolean live() {
            return !lock.held();
        }

        @Override
        public void close() throws IOException {
            lock.close();
        }
    }

    /** Opens {@code dir} for a read-only command, warning on {@code err} if an engine holds it. */
    static ReadSession read(Path dir, PrintWriter err) {
        DirectoryInspector inspector = inspect(dir);
        DirectoryInspector.LockAttempt lock = inspector.tryLock();
        if (!lock.held()) {
            err.println("warning: " + dir + " is locked (" + lock.failure() + "): an engine is probably running on it "
                    + "(or the directory is read-only). "
                    + "Reading the files on disk: tables and the manifest are safe to read, but the running engine may "
                    + "have newer writes in its memtable or WAL, and may delete files as it compacts. For an exact "
                    + "view, inspect a checkpoint.");
        }
        return new ReadSession(inspector, lock);
    }

    /**
     * Checks that {@code dir} is a store no engine holds, for {@code command}, which writes.
     *
     * @throws CliException with {@link ExitCodes#LOCKED} if it is locked
     */
    static void requireUnlocked(Path dir, String command, String alternative) throws IOException {
        DirectoryInspector inspector = inspect(dir);
        try (DirectoryInspector.LockAttempt lock = inspector.tryLock()) {
            if (!lock.held()) {
                throw new CliException(ExitCodes.LOCKED, "refusing to " + command + " " + dir + ": it is locked by a "
                        + "running engine (" + lock.failure() + "), and " + command + " needs it exclusively. Stop "
                        + "the application first" + (alternative == null ? "" : ", or " + alternative) + ".");
            }
        }
    }

    private static DirectoryInspector inspect(Path dir) {
        try {
            return DirectoryInspector.of(dir);
        } catch (LsmException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }
}
