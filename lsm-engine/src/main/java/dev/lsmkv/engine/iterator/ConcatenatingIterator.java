package dev.lsmkv.engine.iterator;

import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One sorted run of non-overlapping children, such as the files of one LSM level (L1 and
 * below), read as a single iterator. Children are opened lazily, one at a time: moving on to
 * child i+1 closes child i, so a scan of a level holds at most one file's iterator.
 *
 * <p>A seek binary-searches the children's largest keys for the first child that can hold the
 * target, and opens only that one (or the ones after it, if it holds nothing at or after the
 * target).
 *
 * <p>Not thread-safe. {@link #close()} closes the open child, if any.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Children are in key order and do not overlap: every key of child i sorts before every
 *       key of child i+1, and {@code largestKeys.get(i)} is the largest key of child i.</li>
 *   <li>At most one child is open: {@code current} is child {@code index}, or null.</li>
 *   <li>When positioned, {@code current} is valid; once past the last child nothing is open.</li>
 * </ol>
 */
public final class ConcatenatingIterator implements InternalIterator {

    private final byte[][] largestKeys;
    private final IntFunction<InternalIterator> opener;
    private InternalIterator current;
    private int index = -1;
    private boolean closed;

    /**
     * REQUIRES: {@code largestKeys.get(i)} is the largest internal key of child i, and children
     * are in key order. {@code opener.apply(i)} opens child i; it is called only when needed.
     */
    public ConcatenatingIterator(List<byte[]> largestKeys, IntFunction<InternalIterator> opener) {
        this.largestKeys = largestKeys.toArray(new byte[0][]);
        this.opener = opener;
    }

    @Override
    public boolean isValid() {
        return current != null && current.isValid();
    }

    @Override
    public void seekToFirst() {
        if (largestKeys.length == 0) {
            return;
        }
        open(0);
        current.seekToFirst();
        skipEmptyChildren();
    }

    @Override
    public void seek(byte[] internalKey) {
        int i = firstChildWithLargestAtOrAfter(internalKey);
        if (i == largestKeys.length) {
            closeCurrent();
            index = largestKeys.length;
            return;
        }
        open(i);
        current.seek(internalKey);
        skipEmptyChildren();
    }

    @Override
    public void next() {
        assert isValid();
        current.next();
        skipEmptyChildren();
    }

    @Override
    public byte[] key() {
        assert isValid();
        return current.key();
    }

    @Override
    public byte[] value() {
        assert isValid();
        return current.value();
    }

    @Override
    public boolean valueIsFresh() {
        assert isValid();
        return current.valueIsFresh();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeCurrent();
    }

    /** Moves past exhausted children to the first entry of the next non-empty one, or to the end. */
    private void skipEmptyChildren() {
        while (!current.isValid()) {
            if (index + 1 >= largestKeys.length) {
                closeCurrent();
                index = largestKeys.length;
                return;
            }
            open(index + 1);
            current.seekToFirst();
        }
    }

    /** Makes child i the open one, reusing it if it already is. */
    private void open(int i) {
        if (closed) {
            throw new IllegalStateException("iterator is closed");
        }
        if (current != null && index == i) {
            return;
        }
        closeCurrent();
        index = i;
        current = opener.apply(i);
    }

    private void closeCurrent() {
        InternalIterator c = current;
        current = null;
        if (c != null) {
            c.close();
        }
    }

    private int firstChildWithLargestAtOrAfter(byte[] internalKey) {
        int lo = 0;
        int hi = largestKeys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compare(largestKeys[mid], internalKey) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
