package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.LsmException;
import dev.lsmkv.engine.base.InternalIterator;
import java.io.IOException;

/**
 * A two-level iterator over a table: the index block's iterator picks data blocks, which are
 * read (through the cache) only when the iteration reaches them, and decoded once each.
 * Not thread-safe. Damage is a {@link CorruptionException} naming the file, an I/O error an
 * {@link LsmException}.
 */
final class TableIterator implements InternalIterator {

    private final TableReader table;
    private final byte[] indexData;
    private final Block.Iter indexIter;
    private Block.Iter data;
    /** Offset of the index entry that {@link #data} came from, to avoid re-reading the same block. */
    private int dataIndexOffset = -1;

    TableIterator(TableReader table, Block index) {
        this.table = table;
        this.indexData = index.data;
        this.indexIter = index.iterator();
    }

    @Override
    public boolean isValid() {
        return data != null && data.isValid();
    }

    @Override
    public void seekToFirst() {
        try {
            indexIter.seekToFirst();
            initDataBlock();
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
            indexIter.seek(internalKey);
            initDataBlock();
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

    @Override
    public void close() {
        data = null;
        dataIndexOffset = -1;
    }

    private void skipEmptyBlocks() {
        while (data == null || !data.isValid()) {
            if (!indexIter.isValid()) {
                data = null;
                return;
            }
            indexIter.next();
            initDataBlock();
            if (data != null) {
                data.seekToFirst();
            }
        }
    }

    private void initDataBlock() {
        if (!indexIter.isValid()) {
            data = null;
            dataIndexOffset = -1;
            return;
        }
        int at = indexIter.valueOffset();
        if (data != null && at == dataIndexOffset) {
            return; // the same block: keep its decoded state
        }
        try {
            data = table.dataBlock(indexData, at, indexIter.valueLength()).iterator();
            dataIndexOffset = at;
        } catch (IOException e) {
            data = null;
            dataIndexOffset = -1;
            throw new LsmException("I/O error reading SSTable " + table.path() + ": " + e.getMessage(), e);
        }
    }

    private RuntimeException translate(RuntimeException e) {
        data = null;
        dataIndexOffset = -1;
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
