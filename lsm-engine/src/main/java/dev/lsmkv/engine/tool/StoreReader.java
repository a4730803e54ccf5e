package dev.lsmkv.engine.tool;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.WriteBatchCodec;
import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.iterator.MergingIterator;
import dev.lsmkv.engine.iterator.UserIterator;
import dev.lsmkv.engine.memtable.MemTable;
import dev.lsmkv.engine.sstable.TableReader;
import dev.lsmkv.engine.version.FileMetaData;
import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A read-only view of a directory as the engine would see it after recovery: the live tables the
 * manifest names plus, if asked, the writes in the live WAL files replayed into a memtable in
 * this process. Nothing is written: no table is flushed, no manifest rolled, no file deleted.
 *
 * <p>The view is fixed when it is opened. If an engine has the directory open meanwhile, it may
 * have newer writes in its memtable that its WAL does not show yet (a write is in the WAL before
 * it returns, so only in-flight ones), and it may delete a table after a compaction, which then
 * fails a read here with a missing file.
 *
 * <p>Not thread-safe.
 */
public final class StoreReader implements Closeable {

    private final List<TableReader> tables = new ArrayList<>();
    private final MemTable walEntries = new MemTable();
    private final long nowMillis;
    private long walRecords;
    private final List<String> notes = new ArrayList<>();

    private StoreReader(long nowMillis) {
        this.nowMillis = nowMillis;
    }

    /**
     * Opens every live table of {@code state} and, iff {@code includeWal}, replays the live WAL
     * files. Entries expiring at or before {@code nowMillis} are hidden.
     */
    public static StoreReader open(DirectoryInspector dir, StoreState state, boolean includeWal, long nowMillis)
            throws IOException {
        StoreReader r = new StoreReader(nowMillis);
        boolean ok = false;
        try {
            for (FileMetaData f : state.allFiles()) {
                Path path = FileNames.tableFile(dir.dir(), f.number());
                r.tables.add(TableReader.open(dir.fileSystem().openReadable(path), path, f.number(), null, null));
            }
            if (includeWal) {
                for (Path wal : dir.liveWalFiles(state)) {
                    r.replay(dir, wal);
                }
            }
            ok = true;
            return r;
        } finally {
            if (!ok) {
                r.close();
            }
        }
    }

    private void replay(DirectoryInspector dir, Path wal) throws IOException {
        try (LogReader reader = new LogReader(dir.fileSystem().openReadable(wal), wal, LogFormat.WAL_MAGIC)) {
            for (byte[] record; (record = reader.readRecord()) != null; ) {
                try {
                    WriteBatchCodec.decode(record, walEntries::add);
                } catch (CorruptionException e) {
                    throw e.inFile(wal);
                }
                walRecords++;
            }
            if (reader.stoppedAtTornTail()) {
                notes.add(wal.getFileName() + " ends in a torn record after offset " + reader.endOfLastRecord()
                        + " (what a crash, or an append in progress, leaves; recovery stops there too)");
            }
        }
    }

    /** The value of {@code key}, or null when absent, deleted or expired. */
    public byte[] get(byte[] key) {
        byte[] to = Arrays.copyOf(key, key.length + 1); // the smallest key after key
        try (UserIterator it = scan(key, to)) {
            return it.next() && Arrays.equals(it.key(), key) ? it.value() : null;
        }
    }

    /**
     * The newest visible version of each key in [fromInclusive, toExclusive) (null: unbounded),
     * in key order. Close it when done.
     */
    public UserIterator scan(byte[] fromInclusive, byte[] toExclusive) {
        List<InternalIterator> children = new ArrayList<>();
        children.add(walEntries.iterator());
        for (TableReader t : tables) {
            children.add(t.iterator(false));
        }
        return new UserIterator(new MergingIterator(children), InternalKey.MAX_SEQUENCE, nowMillis,
                fromInclusive, toExclusive);
    }

    /** WAL records replayed. */
    public long walRecords() {
        return walRecords;
    }

    /** Entries (of every kind) replayed from the WAL. */
    public long walEntries() {
        return walEntries.entries();
    }

    /** Things worth telling the user about what was read, such as a torn WAL tail. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (TableReader t : tables) {
            try {
                t.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        tables.clear();
        if (first != null) {
            throw first;
        }
    }
}
