package dev.lsmkv.engine.compaction;

import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.base.TtlValue;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.fs.WritableFile;
import dev.lsmkv.engine.sstable.TableBuilder;
import dev.lsmkv.engine.sstable.TableOptions;
import dev.lsmkv.engine.sstable.TableProperties;
import dev.lsmkv.engine.version.FileMetaData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Writes the entries of a merged input into new SSTables: the one path by which both a flush
 * (a memtable into one L0 table) and a compaction (levels into the next) reach the disk.
 *
 * <p>What it drops (LevelDB's DoCompactionWork rules, with TTL added):
 * <ol>
 *   <li>an entry shadowed by a newer entry of the same user key whose sequence is visible to
 *       every live snapshot (&lt;= {@code smallestSnapshot});</li>
 *   <li>a tombstone or an expired TTL entry that every snapshot sees, when no level below the
 *       output can hold an older version of its key ({@code isBaseLevelForKey}) — elsewhere it
 *       is kept, so that an older value never resurfaces.</li>
 * </ol>
 * Outputs end at a user-key boundary (never between two versions of one key) once they reach
 * the target size or when {@code shouldStopBefore} says the next key would overlap too many
 * grandparent files. Every output is fsync'd and closed; the caller fsyncs the directory before
 * naming them in a version edit. Before each entry it asks {@code stopRequested} (LevelDB checks
 * {@code shutting_down_} per key): a closing engine then waits for one entry, not a whole
 * compaction. Not thread-safe; one job per thread.
 */
public final class CompactionJob {

    /** What a job produced and consumed. */
    public record Result(List<FileMetaData> outputs, long entriesRead, long entriesDropped, long bytesWritten) {
    }

    /** Thrown by {@link #run} when {@code stopRequested} said stop; outputs so far are abandoned. */
    public static final class StoppedException extends IOException {
        private static final long serialVersionUID = 1L;

        StoppedException(String message) {
            super(message);
        }
    }

    private final Path dir;
    private final Vfs fs;
    private final TableOptions tableOptions;
    private final LongSupplier newFileNumber;
    private final long smallestSnapshot;
    private final long nowMillis;
    private final Predicate<byte[]> isBaseLevelForKey;
    private final Predicate<byte[]> shouldStopBefore;
    private final long targetFileSize;
    private final BooleanSupplier stopRequested;

    /**
     * @param newFileNumber     allocates an output number (the caller keeps it from obsolete-file cleanup)
     * @param smallestSnapshot  the oldest sequence any reader may still read at
     * @param isBaseLevelForKey user key -&gt; true iff no older version can lie below the output
     * @param shouldStopBefore  internal key -&gt; true iff the current output should end before it; may be null
     * @param targetFileSize    split size; Long.MAX_VALUE for one output (a flush)
     * @param stopRequested     asked before each entry; true ends the job with {@link StoppedException}
     */
    public CompactionJob(Path dir, Vfs fs, TableOptions tableOptions, LongSupplier newFileNumber,
            long smallestSnapshot, long nowMillis, Predicate<byte[]> isBaseLevelForKey,
            Predicate<byte[]> shouldStopBefore, long targetFileSize, BooleanSupplier stopRequested) {
        this.dir = dir;
        this.fs = fs;
        this.tableOptions = tableOptions;
        this.newFileNumber = newFileNumber;
        this.smallestSnapshot = smallestSnapshot;
        this.nowMillis = nowMillis;
        this.isBaseLevelForKey = isBaseLevelForKey;
        this.shouldStopBefore = shouldStopBefore;
        this.targetFileSize = targetFileSize;
        this.stopRequested = stopRequested;
    }

    /**
     * Runs the job over {@code input} (positioned by this method); the caller closes the input.
     *
     * @throws StoppedException if {@code stopRequested} turned true; no output is complete then
     *         (those written so far are in no version and are deleted as obsolete)
     */
    public Result run(InternalIterator input) throws IOException {
        List<FileMetaData> outputs = new ArrayList<>();
        long read = 0;
        long dropped = 0;
        long written = 0;
        Output out = null;
        byte[] currentUserKey = null;
        long lastSequenceForKey = Long.MAX_VALUE;
        try {
            for (input.seekToFirst(); input.isValid(); input.next()) {
                if (stopRequested.getAsBoolean()) {
                    throw new StoppedException("stopped after " + read + " entries: the engine is closing");
                }
                byte[] key = input.key();
                read++;
                boolean newUserKey = currentUserKey == null
                        || InternalKey.compareUserKey(key, currentUserKey) != 0;
                if (newUserKey) {
                    currentUserKey = InternalKey.userKey(key);
                    lastSequenceForKey = Long.MAX_VALUE;
                    // Outputs end only between user keys.
                    if (out != null && (out.builder.estimatedFileSize() >= targetFileSize
                            || (shouldStopBefore != null && shouldStopBefore.test(key)))) {
                        FileMetaData meta = out.finish();
                        outputs.add(meta);
                        written += meta.fileSize();
                        out = null;
                    }
                }
                long sequence = InternalKey.sequence(key);
                boolean drop = false;
                if (lastSequenceForKey <= smallestSnapshot) {
                    drop = true; // (1) shadowed by a newer version every snapshot sees
                } else if (sequence <= smallestSnapshot && isDeadAtBase(key, input)
                        && isBaseLevelForKey.test(currentUserKey)) {
                    drop = true; // (2) nothing older below can resurface
                }
                lastSequenceForKey = sequence;
                if (drop) {
                    dropped++;
                    continue;
                }
                if (out == null) {
                    out = new Output(newFileNumber.getAsLong());
                }
                out.builder.add(key, input.value());
            }
            if (out != null) {
                FileMetaData meta = out.finish();
                outputs.add(meta);
                written += meta.fileSize();
                out = null;
            }
        } finally {
            if (out != null) {
                out.abandon();
            }
        }
        return new Result(outputs, read, dropped, written);
    }

    /** A tombstone, or a TTL entry expired by now; only a TTL entry's value is read (a copy out of its block). */
    private boolean isDeadAtBase(byte[] key, InternalIterator input) {
        EntryKind kind = InternalKey.kind(key);
        return kind == EntryKind.DELETE
                || (kind == EntryKind.PUT_WITH_TTL && TtlValue.isExpired(kind, input.value(), nowMillis));
    }

    /** One output table being written. */
    private final class Output {
        final long number;
        final Path path;
        final WritableFile file;
        final TableBuilder builder;

        Output(long number) throws IOException {
            this.number = number;
            this.path = FileNames.tableFile(dir, number);
            this.file = fs.create(path);
            this.builder = new TableBuilder(file, path, tableOptions);
        }

        FileMetaData finish() throws IOException {
            TableProperties p;
            try {
                p = builder.finish();
                file.sync();
            } finally {
                file.close();
            }
            return new FileMetaData(number, file.size(), p.smallestKey(), p.largestKey(), p.entries(),
                    p.tombstones(), p.minSequence(), p.maxSequence(), p.earliestExpiryMillis());
        }

        void abandon() {
            try {
                file.close();
            } catch (IOException ignored) {
                // The file is not in any version; obsolete-file cleanup removes it.
            }
        }
    }
}
