package dev.lsmkv.engine.iterator;

import static dev.lsmkv.engine.iterator.ListInternalIterator.bytes;
import static dev.lsmkv.engine.iterator.ListInternalIterator.delete;
import static dev.lsmkv.engine.iterator.ListInternalIterator.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergingIteratorTests {

    /** "userKey@seq=value" for each entry from the current position. */
    private static List<String> drain(InternalIterator it) {
        List<String> out = new ArrayList<>();
        for (; it.isValid(); it.next()) {
            out.add(new String(InternalKey.userKey(it.key())) + "@" + InternalKey.sequence(it.key())
                    + "=" + new String(it.value()));
        }
        return out;
    }

    @Test
    void noChildrenIsEmpty() {
        try (MergingIterator it = new MergingIterator(List.of())) {
            it.seekToFirst();
            assertThat(it.isValid()).isFalse();
            it.seek(InternalKey.lookupKey(bytes("a"), 1));
            assertThat(it.isValid()).isFalse();
        }
    }

    @Test
    void oneChildPassesThrough() {
        ListInternalIterator child = ListInternalIterator.of(put("a", 1, "x"), put("b", 2, "y"));
        try (MergingIterator it = new MergingIterator(List.of(child))) {
            it.seekToFirst();
            assertThat(drain(it)).containsExactly("a@1=x", "b@2=y");
        }
        assertThat(child.isClosed()).isTrue();
    }

    @Test
    void interleavedChildrenMergeInInternalKeyOrder() {
        ListInternalIterator c0 = ListInternalIterator.of(put("a", 9, "a9"), put("c", 8, "c8"), put("e", 7, "e7"));
        ListInternalIterator c1 = ListInternalIterator.of(put("a", 3, "a3"), put("b", 4, "b4"), put("e", 2, "e2"));
        ListInternalIterator c2 = ListInternalIterator.of(delete("c", 10), put("d", 1, "d1"));
        try (MergingIterator it = new MergingIterator(List.of(c0, c1, c2))) {
            it.seekToFirst();
            assertThat(drain(it)).containsExactly("a@9=a9", "a@3=a3", "b@4=b4", "c@10=", "c@8=c8", "d@1=d1", "e@7=e7", "e@2=e2");
        }
    }

    @Test
    void emptyChildrenAreSkipped() {
        ListInternalIterator empty1 = ListInternalIterator.of();
        ListInternalIterator full = ListInternalIterator.of(put("a", 1, "x"), put("b", 1, "y"));
        ListInternalIterator empty2 = ListInternalIterator.of();
        try (MergingIterator it = new MergingIterator(List.of(empty1, full, empty2))) {
            it.seekToFirst();
            assertThat(drain(it)).containsExactly("a@1=x", "b@1=y");
        }
        assertThat(empty1.isClosed()).isTrue();
        assertThat(empty2.isClosed()).isTrue();
    }

    @Test
    void allChildrenEmptyIsEmpty() {
        try (MergingIterator it = new MergingIterator(List.of(ListInternalIterator.of(), ListInternalIterator.of()))) {
            it.seekToFirst();
            assertThat(it.isValid()).isFalse();
        }
    }

    @Test
    void seekIntoTheMiddleLandsOnFirstKeyAtOrAfterTarget() {
        ListInternalIterator c0 = ListInternalIterator.of(put("a", 5, "a5"), put("c", 5, "c5"), put("e", 5, "e5"));
        ListInternalIterator c1 = ListInternalIterator.of(put("b", 6, "b6"), put("c", 2, "c2"), put("d", 6, "d6"));
        try (MergingIterator it = new MergingIterator(List.of(c0, c1))) {
            it.seek(InternalKey.lookupKey(bytes("c"), 4));
            assertThat(drain(it)).containsExactly("c@2=c2", "d@6=d6", "e@5=e5");
            it.seek(InternalKey.lookupKey(bytes("bb"), 100));
            assertThat(drain(it)).containsExactly("c@5=c5", "c@2=c2", "d@6=d6", "e@5=e5");
            it.seek(InternalKey.lookupKey(bytes("f"), 100));
            assertThat(it.isValid()).isFalse();
        }
    }

    @Test
    void equalKeysComeOutLowerChildIndexFirst() {
        ListInternalIterator c0 = ListInternalIterator.of(put("k", 1, "first"));
        ListInternalIterator c1 = ListInternalIterator.of(put("k", 1, "second"));
        ListInternalIterator c2 = ListInternalIterator.of(put("k", 1, "third"));
        try (MergingIterator it = new MergingIterator(List.of(c2, c0, c1))) {
            it.seekToFirst();
            assertThat(drain(it)).containsExactly("k@1=third", "k@1=first", "k@1=second");
        }
    }

    @Test
    void closeClosesEveryChildOnceEvenIfOneFails() {
        ListInternalIterator c0 = ListInternalIterator.of(put("a", 1, "x"));
        InternalIterator failing = new FailingClose();
        ListInternalIterator c2 = ListInternalIterator.of(put("b", 1, "y"));
        MergingIterator it = new MergingIterator(List.of(c0, failing, c2));
        assertThatThrownBy(it::close).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        it.close();
        assertThat(c0.closeCount()).isEqualTo(1);
        assertThat(c2.closeCount()).isEqualTo(1);
    }

    private static final class FailingClose implements InternalIterator {
        @Override
        public boolean isValid() {
            return false;
        }

        @Override
        public void seekToFirst() {
        }

        @Override
        public void seek(byte[] internalKey) {
        }

        @Override
        public void next() {
        }

        @Override
        public byte[] key() {
            return null;
        }

        @Override
        public byte[] value() {
            return null;
        }

        @Override
        public void close() {
            throw new IllegalStateException("boom");
        }
    }
}
