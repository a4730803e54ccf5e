package dev.lsmkv.engine.iterator;

import static dev.lsmkv.engine.iterator.ListInternalIterator.bytes;
import static dev.lsmkv.engine.iterator.ListInternalIterator.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.InternalKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcatenatingIteratorTests {

    /** Four files: [a,b], [c,d], [e,f], [g,h]; the opener records every open. */
    private final List<List<Entry>> files = List.of(
            List.of(put("a", 1, "a"), put("b", 1, "b")),
            List.of(put("c", 1, "c"), put("d", 1, "d")),
            List.of(put("e", 1, "e"), put("f", 1, "f")),
            List.of(put("g", 1, "g"), put("h", 1, "h")));
    private final List<Integer> opened = new ArrayList<>();
    private final List<ListInternalIterator> children = new ArrayList<>();

    @BeforeEach
    void reset() {
        opened.clear();
        children.clear();
    }

    private ConcatenatingIterator level(List<List<Entry>> fileList) {
        List<byte[]> largest = new ArrayList<>();
        for (List<Entry> f : fileList) {
            largest.add(f.isEmpty() ? InternalKey.lookupKey(bytes("~"), 0) : f.get(f.size() - 1).key());
        }
        return new ConcatenatingIterator(largest, i -> {
            opened.add(i);
            ListInternalIterator child = new ListInternalIterator(fileList.get(i));
            children.add(child);
            return child;
        });
    }

    /** Children opened and not yet closed. */
    private long openCount() {
        return children.stream().filter(c -> !c.isClosed()).count();
    }

    private static List<String> drainUserKeys(ConcatenatingIterator it) {
        List<String> out = new ArrayList<>();
        for (; it.isValid(); it.next()) {
            out.add(new String(InternalKey.userKey(it.key())));
        }
        return out;
    }

    @Test
    void opensNothingUntilPositioned() {
        try (ConcatenatingIterator it = level(files)) {
            assertThat(it.isValid()).isFalse();
            assertThat(opened).isEmpty();
        }
    }

    @Test
    void opensChildrenLazilyOneAtATime() {
        try (ConcatenatingIterator it = level(files)) {
            it.seekToFirst();
            assertThat(opened).containsExactly(0);
            it.next();
            assertThat(opened).containsExactly(0);
            it.next();
            assertThat(opened).containsExactly(0, 1);
            assertThat(new String(InternalKey.userKey(it.key()))).isEqualTo("c");
            assertThat(openCount()).isEqualTo(1);
        }
        assertThat(openCount()).isZero();
    }

    @Test
    void fullScanReturnsEveryChildInOrderAndClosesPreviousChildren() {
        try (ConcatenatingIterator it = level(files)) {
            it.seekToFirst();
            List<String> keys = new ArrayList<>();
            for (; it.isValid(); it.next()) {
                keys.add(new String(InternalKey.userKey(it.key())));
                assertThat(openCount()).isEqualTo(1);
            }
            assertThat(keys).containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
            assertThat(opened).containsExactly(0, 1, 2, 3);
            // Exhausted: nothing stays open.
            assertThat(openCount()).isZero();
        }
        assertThat(children).allSatisfy(c -> assertThat(c.closeCount()).isEqualTo(1));
    }

    @Test
    void seekIntoThirdChildOpensOnlyThatChild() {
        try (ConcatenatingIterator it = level(files)) {
            it.seek(InternalKey.lookupKey(bytes("f"), 5));
            assertThat(opened).containsExactly(2);
            assertThat(drainUserKeys(it)).containsExactly("f", "g", "h");
        }
    }

    @Test
    void seekBetweenChildrenLandsOnFirstKeyOfTheNext() {
        try (ConcatenatingIterator it = level(files)) {
            // "bb" sorts after the largest key of child 0, so child 1 is the first that can hold it.
            it.seek(InternalKey.lookupKey(bytes("bb"), 5));
            assertThat(opened).containsExactly(1);
            assertThat(new String(InternalKey.userKey(it.key()))).isEqualTo("c");
        }
    }

    @Test
    void seekPastTheLastChildIsInvalidAndOpensNothing() {
        try (ConcatenatingIterator it = level(files)) {
            it.seek(InternalKey.lookupKey(bytes("z"), 5));
            assertThat(it.isValid()).isFalse();
            assertThat(opened).isEmpty();
        }
    }

    @Test
    void seekWithinTheOpenChildReusesIt() {
        try (ConcatenatingIterator it = level(files)) {
            it.seek(InternalKey.lookupKey(bytes("e"), 5));
            it.seek(InternalKey.lookupKey(bytes("f"), 5));
            assertThat(opened).containsExactly(2);
            it.seek(InternalKey.lookupKey(bytes("a"), 5));
            assertThat(opened).containsExactly(2, 0);
            assertThat(children.get(0).closeCount()).isEqualTo(1);
            assertThat(openCount()).isEqualTo(1);
        }
    }

    @Test
    void emptyChildrenAreSkipped() {
        List<List<Entry>> withEmpty = List.of(List.of(put("a", 1, "a")), List.of(), List.of(put("c", 1, "c")));
        try (ConcatenatingIterator it = level(withEmpty)) {
            it.seekToFirst();
            assertThat(drainUserKeys(it)).containsExactly("a", "c");
        }
        assertThat(openCount()).isZero();
    }

    @Test
    void noChildrenIsEmpty() {
        try (ConcatenatingIterator it = level(List.of())) {
            it.seekToFirst();
            assertThat(it.isValid()).isFalse();
            it.seek(InternalKey.lookupKey(bytes("a"), 1));
            assertThat(it.isValid()).isFalse();
        }
    }

    @Test
    void closeClosesTheOpenChildOnce() {
        ConcatenatingIterator it = level(files);
        it.seek(InternalKey.lookupKey(bytes("c"), 5));
        it.close();
        it.close();
        assertThat(children).hasSize(1);
        assertThat(children.get(0).closeCount()).isEqualTo(1);
    }
}
