package dev.lsmkv.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * One key-value store under test, seen the way {@link DbBench} drives it: byte-array keys and
 * values, point reads and writes, forward scans. One implementation per engine; each keeps the
 * settings of {@link BenchConfig} (block cache, bloom bits, write buffer, LZ4, WAL on) so the
 * figures compare like with like.
 *
 * <p>Thread-safety: after {@link #open} returns, {@link #put}, {@link #get}, {@link #delete} and
 * {@link #scan} may be called from any number of threads at once; {@link #open} and
 * {@link #close} need external synchronization (the runner calls them between workloads only).
 */
public interface Store extends AutoCloseable {

    /** Short name used on the command line and in the tables: lsmkv, rocksdb, ... */
    String name();

    /**
     * Opens the store in {@code dir} (created if needed). With {@code durable} every write
     * returns only once it is on stable storage (fsync per write or group commit); otherwise
     * writes go to the write-ahead log in the OS page cache and are fsync'd only on flush/close.
     */
    void open(Path dir, BenchConfig config, boolean durable) throws Exception;

    void put(byte[] key, byte[] value);

    /** The value, or null when absent. */
    byte[] get(byte[] key);

    void delete(byte[] key);

    /** A forward cursor positioned before the first key &gt;= {@code fromInclusive} (null: the first key). */
    Scan scan(byte[] fromInclusive);

    /** Writes the memtable to disk and returns once that is done. */
    void flush();

    /**
     * Flushes the memtable and compacts all the data as far as the store goes (a full manual
     * compaction); returns when done. Stores without a manual compaction only flush.
     */
    default void compactAll() {
        flush();
    }

    /**
     * Waits until no flush or compaction is pending or running, or {@code maxWait} has passed.
     *
     * @return true iff the store reported itself idle in time
     */
    boolean awaitIdle(Duration maxWait) throws InterruptedException;

    /**
     * Bytes written by flushes and compactions per byte of keys and values written by users since
     * the store was opened (WAL excluded); NaN when the store cannot tell.
     */
    double writeAmplification();

    /**
     * What the store says about the writes since it was opened, for a write workload's notes:
     * write stalls, and for durable writes the WAL fsyncs and writes per fsync (group commit).
     */
    String writeNote();

    /** Seconds writers have stalled since the store was opened (slowdowns and stops); NaN when the store cannot tell. */
    default double stallSeconds() {
        return Double.NaN;
    }

    /** A one-line summary of the store's shape (levels, files, cache), for the report's notes. */
    String shape();

    /** Closes the store; idempotent. */
    @Override
    void close();

    /** A forward-only cursor; one thread at a time. */
    interface Scan extends AutoCloseable {
        /** Moves to the next entry (the first call to the first); true iff there is one. */
        boolean next();

        byte[] key();

        byte[] value();

        @Override
        void close();
    }

    /** Sum of the sizes of the regular files under {@code dir}. */
    static long bytesOnDisk(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted by a compaction while we walked
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }
}
