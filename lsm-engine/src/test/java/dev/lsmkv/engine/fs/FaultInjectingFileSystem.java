package dev.lsmkv.engine.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Vfs} that wraps another and fails chosen operations on purpose, like Pebble's
 * {@code vfs/errorfs}. Each failable operation has a kind ({@link Op}); a test can fail the n-th
 * operation of a kind ({@link #failNth}), every one ({@link #failAlways}), or run out of disk
 * after a byte budget ({@link #failAfterBytes}). Counters ({@link #count}) let a test run a
 * workload once to count its operations, then rerun it failing each of them in turn.
 *
 * <p>Which calls are failable: {@code create} (CREATE), {@link WritableFile#append} (APPEND),
 * {@link WritableFile#sync} (SYNC), {@code rename} (RENAME), {@link ReadableFile#readFully}
 * (READ), {@code delete} (DELETE), {@code syncDirectory} (DIR_SYNC), {@code list} (LIST) and
 * {@code openReadable} (OPEN). {@code createDirectories}, {@code exists}, {@code size},
 * {@code lock} and the handles' {@code size}/{@code close} pass through untouched and uncounted.
 *
 * <p>A failed operation is counted, and does nothing to the wrapped file system, except a
 * disk-full append: it writes the bytes that still fit, then throws, as a short write followed
 * by ENOSPC would.
 *
 * <p>Thread-safety: thread-safe. Counters and armed faults are guarded by this object's monitor;
 * the wrapped file system is called outside it.
 *
 * <p>Invariants:
 * <ol>
 *   <li>A {@link #failNth} fault fires at most once, on the operation whose count equals its
 *       target, and is then disarmed.</li>
 *   <li>{@code remainingBytes} is -1 (no budget) or &gt;= 0, and only appends decrease it.</li>
 * </ol>
 */
public final class FaultInjectingFileSystem implements Vfs {

    /** The kinds of operation that can be failed and are counted. */
    public enum Op { CREATE, APPEND, SYNC, RENAME, READ, DELETE, DIR_SYNC, LIST, OPEN }

    /** The message Linux gives for ENOSPC. */
    public static final String DISK_FULL_MESSAGE = "No space left on device";

    private final Vfs delegate;
    private final Map<Op, Long> counts = new EnumMap<>(Op.class);
    private final Map<Op, List<Armed>> nth = new EnumMap<>(Op.class);
    private final Map<Op, IOException> always = new EnumMap<>(Op.class);
    private long remainingBytes = -1;

    public FaultInjectingFileSystem(Vfs delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        for (Op op : Op.values()) {
            counts.put(op, 0L);
        }
    }

    /** A new exception as Linux reports a full disk: {@value #DISK_FULL_MESSAGE}. */
    public static IOException diskFull() {
        return new IOException(DISK_FULL_MESSAGE);
    }

    public Vfs delegate() {
        return delegate;
    }

    // ---------------------------------------------------------------- arming faults

    /**
     * Fails the n-th operation of kind {@code op} counted from now (1 = the next one) by
     * throwing {@code e}; the operations around it run normally.
     *
     * <p>REQUIRES: n &gt;= 1.
     */
    public synchronized void failNth(Op op, int n, IOException e) {
        if (n < 1) {
            throw new IllegalArgumentException("n is 1-based, got " + n);
        }
        nth.computeIfAbsent(op, k -> new ArrayList<>())
                .add(new Armed(counts.get(op) + n, Objects.requireNonNull(e, "e")));
    }

    /** Fails every operation of kind {@code op} with {@code e} until {@link #clear()}. */
    public synchronized void failAlways(Op op, IOException e) {
        always.put(op, Objects.requireNonNull(e, "e"));
    }

    /**
     * Lets appends write {@code appendedBytes} more bytes in total (counted from now, over all
     * files), then fails them with {@link #diskFull()}. The append that crosses the budget writes
     * the part that fits before it throws. {@link #usableSpace} reports the remaining budget.
     *
     * <p>REQUIRES: appendedBytes &gt;= 0.
     */
    public synchronized void failAfterBytes(long appendedBytes) {
        if (appendedBytes < 0) {
            throw new IllegalArgumentException("negative byte budget " + appendedBytes);
        }
        remainingBytes = appendedBytes;
    }

    /** Disarms every fault and the byte budget; counters are kept. */
    public synchronized void clear() {
        nth.clear();
        always.clear();
        remainingBytes = -1;
    }

    /** How many operations of kind {@code op} were attempted (failed ones included). */
    public synchronized long count(Op op) {
        return counts.get(op);
    }

    /** Sets every counter back to zero; a pending {@link #failNth} still fires on the same operation. */
    public synchronized void resetCounts() {
        for (Op op : Op.values()) {
            long done = counts.put(op, 0L);
            List<Armed> armed = nth.get(op);
            if (armed != null) {
                armed.replaceAll(a -> new Armed(a.target - done, a.exception));
            }
        }
    }

    // ---------------------------------------------------------------- Vfs

    @Override
    public void createDirectories(Path dir) throws IOException {
        delegate.createDirectories(dir);
    }

    @Override
    public WritableFile create(Path file) throws IOException {
        check(Op.CREATE);
        return new FaultyWritableFile(delegate.create(file));
    }

    @Override
    public ReadableFile openReadable(Path file) throws IOException {
        check(Op.OPEN);
        return new FaultyReadableFile(delegate.openReadable(file));
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        check(Op.RENAME);
        delegate.rename(source, target);
    }

    @Override
    public void delete(Path file) throws IOException {
        check(Op.DELETE);
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
        check(Op.LIST);
        return delegate.list(dir);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        check(Op.DIR_SYNC);
        delegate.syncDirectory(dir);
    }

    @Override
    public DirectoryLock lock(Path lockFile) throws IOException {
        return delegate.lock(lockFile);
    }

    @Override
    public long usableSpace(Path dir) {
        long space = delegate.usableSpace(dir);
        synchronized (this) {
            if (remainingBytes < 0) {
                return space;
            }
            return space < 0 ? remainingBytes : Math.min(space, remainingBytes);
        }
    }

    // ---------------------------------------------------------------- fault decisions

    /** Counts one operation of kind {@code op} and throws if a fault is armed for it. */
    private synchronized void check(Op op) throws IOException {
        long n = counts.merge(op, 1L, Long::sum);
        IOException fault = always.get(op);
        List<Armed> armed = nth.get(op);
        if (armed != null) {
            for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
                Armed a = it.next();
                if (a.target == n) {
                    it.remove();
                    fault = a.exception;
                }
            }
        }
        if (fault != null) {
            throw fault;
        }
    }

    /**
     * Counts an append of {@code length} bytes and returns how many of them fit the byte budget
     * (all of them when there is none), after reserving those.
     */
    private synchronized int checkAppend(int length) throws IOException {
        check(Op.APPEND);
        if (remainingBytes < 0) {
            return length;
        }
        int fits = (int) Math.min(length, remainingBytes);
        remainingBytes -= fits;
        return fits;
    }

    private record Armed(long target, IOException exception) {
    }

    private final class FaultyWritableFile implements WritableFile {
        private final WritableFile inner;

        FaultyWritableFile(WritableFile inner) {
            this.inner = inner;
        }

        @Override
        public void append(byte[] data, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, data.length);
            int fits = checkAppend(length);
            if (fits > 0) {
                inner.append(data, offset, fits);
            }
            if (fits < length) {
                throw diskFull();
            }
        }

        @Override
        public void sync() throws IOException {
            check(Op.SYNC);
            inner.sync();
        }

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    private final class FaultyReadableFile implements ReadableFile {
        private final ReadableFile inner;

        FaultyReadableFile(ReadableFile inner) {
            this.inner = inner;
        }

        @Override
        public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
            check(Op.READ);
            inner.readFully(position, dst, offset, length);
        }

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
