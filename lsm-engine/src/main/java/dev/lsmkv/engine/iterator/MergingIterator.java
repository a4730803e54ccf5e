package dev.lsmkv.engine.iterator;

import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import java.util.List;

/**
 * A k-way merge of internal iterators into one stream in internal-key order: memtables, L0
 * files and levels merged for a scan or a compaction.
 *
 * <p>Implementation: a binary min-heap of child indices, stored in an int array, ordered by each
 * child's current key (cached in {@code keys} so comparisons make no virtual calls). After
 * {@link #next()} only the top child moved, so one sift-down restores the heap: O(log k) per
 * entry, and usually one or two comparisons when a child yields a run of keys. Equal internal
 * keys (which should not happen across sources) come out lower child index first. With one
 * child the heap is bypassed and every call goes straight to the child.
 *
 * <p>Not thread-safe. Takes ownership of the children: {@link #close()} closes them all.
 *
 * <p>Invariants, while positioned (after a seek):
 * <ol>
 *   <li>{@code heap[0..size)} holds exactly the indices of the valid children.</li>
 *   <li>{@code keys[i] == children[i].key()} for every child index i in the heap.</li>
 *   <li>Heap order: no child in the heap sorts before its parent (key, then index).</li>
 * </ol>
 */
public final class MergingIterator implements InternalIterator {

    private final InternalIterator[] children;
    /** The only child when there is exactly one, else null: the heap is bypassed. */
    private final InternalIterator single;
    private final int[] heap;
    private final byte[][] keys;
    private int size;
    private boolean closed;

    /** Takes ownership of {@code children} (in priority order for equal keys). */
    public MergingIterator(List<? extends InternalIterator> children) {
        this.children = children.toArray(new InternalIterator[0]);
        this.single = this.children.length == 1 ? this.children[0] : null;
        this.heap = new int[this.children.length];
        this.keys = new byte[this.children.length][];
    }

    @Override
    public boolean isValid() {
        return single != null ? single.isValid() : size > 0;
    }

    @Override
    public void seekToFirst() {
        if (single != null) {
            single.seekToFirst();
            return;
        }
        for (InternalIterator child : children) {
            child.seekToFirst();
        }
        rebuild();
    }

    @Override
    public void seek(byte[] internalKey) {
        if (single != null) {
            single.seek(internalKey);
            return;
        }
        for (InternalIterator child : children) {
            child.seek(internalKey);
        }
        rebuild();
    }

    @Override
    public void next() {
        if (single != null) {
            single.next();
            return;
        }
        assert size > 0;
        int top = heap[0];
        InternalIterator child = children[top];
        child.next();
        if (child.isValid()) {
            keys[top] = child.key();
        } else {
            keys[top] = null;
            size--;
            heap[0] = heap[size];
        }
        if (size > 1) {
            siftDown(0);
        }
    }

    @Override
    public byte[] key() {
        if (single != null) {
            return single.key();
        }
        assert size > 0;
        return keys[heap[0]];
    }

    @Override
    public byte[] value() {
        if (single != null) {
            return single.value();
        }
        assert size > 0;
        return children[heap[0]].value();
    }

    @Override
    public boolean valueIsFresh() {
        if (single != null) {
            return single.valueIsFresh();
        }
        assert size > 0;
        return children[heap[0]].valueIsFresh();
    }

    /** Closes every child, even if some fail; the first failure is thrown, the others suppressed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        size = 0;
        RuntimeException failure = null;
        for (InternalIterator child : children) {
            try {
                child.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void rebuild() {
        size = 0;
        for (int i = 0; i < children.length; i++) {
            if (children[i].isValid()) {
                keys[i] = children[i].key();
                heap[size++] = i;
            } else {
                keys[i] = null;
            }
        }
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    private void siftDown(int pos) {
        int[] h = heap;
        int n = size;
        int item = h[pos];
        byte[] itemKey = keys[item];
        int half = n >>> 1;
        while (pos < half) {
            int c = (pos << 1) + 1;
            int r = c + 1;
            if (r < n && less(h[r], h[c])) {
                c = r;
            }
            if (!less(h[c], item, itemKey)) {
                break;
            }
            h[pos] = h[c];
            pos = c;
        }
        h[pos] = item;
    }

    private boolean less(int a, int b) {
        return less(a, b, keys[b]);
    }

    /** True iff child a sorts before child b (whose key is bKey): by key, then by index. */
    private boolean less(int a, int b, byte[] bKey) {
        int c = InternalKey.compare(keys[a], bKey);
        return c < 0 || (c == 0 && a < b);
    }
}
