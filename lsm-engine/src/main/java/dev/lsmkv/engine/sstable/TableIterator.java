package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.LsmException;
import dev.lsmkv.engine.base.InternalIterator;
import java.io.IOException;

/**
 * A two-level iterator over a table: the decoded {@link IndexBlock} picks data blocks, which are
 * read (through the cache) only when the iteration reaches them, and decoded once each. A scan
 * moving forward across blocks reads ahead ({@link TableReader.Readahead}) from its second block
 * read on, so a long scan costs one read call per window instead of one per block.
 * Not thread-safe. Damage is a {@link CorruptionException} naming the file, an I/O error an
 * {@link LsmException}.
 */
final class TableIterator implements InternalIterator {

    private final TableReader table;
    private final IndexBlock index;
    /** Index of the data block {@link #data} iterates, or -1; index.size() once past the end. */
    private int block = -1;
    private Block.Iter data;
    /** Blocks entered by moving forward since the last seek; read-ahead starts at the second. */
    private int sequentialBlocks;
    private TableReader.Readahead readahead;
    /** Whether blocks read from disk go into the block cache. */
    private final boolean fillCache;

    TableIterator(TableReader table, IndexBlock index, boolean fillCache) {
        this.table = table;
        this.index = index;
        this.fillCache = fillCache;
    }

    @Override
    public boolean isValid() {
        return data != null && data.isValid();
    }

    @Override
    public void seekToFirst() {
        try {
            sequentialBlocks = 0;
            enterBlock(0, false);
            if (data != null) {
                data.seekToFirst();
            }
            skipEmptyBlocks();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public void seek(byte[] internalKey) {
        try {
            sequentialBlocks = 0;
            enterBlock(index.seek(internalKey), false);
            if (data != null) {
                data.seek(internalKey);
            }
            skipEmptyBlocks();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public void next() {
        try {
            data.next();
            skipEmptyBlocks();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public byte[] key() {
        return data.key();
    }

    @Override
    public byte[] value() {
        return data.value();
    }

    /** Every value() call copies the value out of the block. */
    @Override
    public boolean valueIsFresh() {
        return true;
    }

    @Override
    public void close() {
        data = null;
        block = -1;
        readahead = null;
    }

    private void skipEmptyBlocks() {
        while (data == null || !data.isValid()) {
            if (block < 0 || block >= index.size()) {
                data = null;
                return;
            }
            enterBlock(block + 1, true);
            if (data != null) {
                data.seekToFirst();
            }
        }
    }

    /** Positions {@link #data} at the start of block {@code i} (null past the last block). */
    private void enterBlock(int i, boolean forward) {
        if (i >= index.size()) {
            data = null;
            block = index.size();
            return;
        }
        if (data != null && i == block) {
            return; // the same block: keep its decoded state
        }
        TableReader.Readahead ra = null;
        if (forward && ++sequentialBlocks >= 2) {
            if (readahead == null) {
                readahead = new TableReader.Readahead();
            }
            ra = readahead;
        }
        try {
            data = table.dataBlock(i, ra, fillCache).iterator();
            block = i;
        } catch (IOException e) {
            data = null;
            block = -1;
            throw new LsmException("I/O error reading SSTable " + table.path() + ": " + e.getMessage(), e);
        }
    }

    private RuntimeException translate(RuntimeException e) {
        data = null;
        block = -1;
        if (e instanceof CorruptionException c) {
            return c.inFile(table.path());
        }
        if (e instanceof LsmException) {
            return e;
        }
        if (e instanceof IndexOutOfBoundsException || e instanceof NegativeArraySizeException) {
            return new CorruptionException(table.path(), "malformed block: " + e, e);
        }
        return e;
    }
}
