package dev.lsmkv.engine.iterator;

import static dev.lsmkv.engine.iterator.ListInternalIterator.bytes;
import static dev.lsmkv.engine.iterator.ListInternalIterator.delete;
import static dev.lsmkv.engine.iterator.ListInternalIterator.put;
import static dev.lsmkv.engine.iterator.ListInternalIterator.putWithTtl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.InternalIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserIteratorTests {

    private static final long NOW = 1_000_000L;
    private static final long LATEST = Long.MAX_VALUE;

    /** "key=value" of every visible entry. */
    private static List<String> scan(InternalIterator source, long sequence, String from, String to) {
        List<String> out = new ArrayList<>();
        try (UserIterator it = new UserIterator(source, sequence, NOW, from == null ? null : bytes(from), to == null ? null : bytes(to))) {
            while (it.next()) {
                out.add(new String(it.key()) + "=" + new String(it.value()));
            }
            assertThat(it.next()).isFalse();
        }
        return out;
    }

    private static List<String> scan(long sequence, Entry... entries) {
        return scan(ListInternalIterator.of(entries), sequence, null, null);
    }

    private static final Entry[] ABCDE = {
        put("a", 1, "a"), put("b", 2, "b"), put("c", 3, "c"), put("d", 4, "d"), put("e", 5, "e")
    };

    // ---- ownership of the arrays handed out

    @Test
    void sharedSourceValuesAreCopiedOnEveryCall() {
        Entry e = put("a", 1, "v");
        try (UserIterator it = new UserIterator(ListInternalIterator.of(e), LATEST, NOW, null, null)) {
            assertThat(it.next()).isTrue();
            byte[] first = it.value();
            byte[] second = it.value();
            assertThat(first).isEqualTo(e.value()).isNotSameAs(e.value());
            assertThat(second).isEqualTo(e.value()).isNotSameAs(first);
        }
    }

    @Test
    void freshSourceValueIsHandedOutOnceThenCopied() {
        Entry e = put("a", 1, "v");
        List<byte[]> copiesMade = new ArrayList<>();
        InternalIterator fresh = new ListInternalIterator(List.of(e)) {
            @Override
            public byte[] value() {
                byte[] copy = super.value().clone(); // as a table iterator: a new array per call
                copiesMade.add(copy);
                return copy;
            }

            @Override
            public boolean valueIsFresh() {
                return true;
            }
        };
        try (UserIterator it = new UserIterator(fresh, LATEST, NOW, null, null)) {
            assertThat(it.next()).isTrue();
            byte[] first = it.value();
            assertThat(copiesMade).hasSize(1);
            assertThat(first).isSameAs(copiesMade.get(0)); // the source's copy, given away, not copied again
            first[0] = 'x'; // the caller owns it...
            byte[] second = it.value();
            assertThat(second).isNotSameAs(first).isEqualTo(bytes("v")); // ...so a second call neither aliases nor sees it
        }
    }

    // ---- versions

    @Test
    void newestVersionWins() {
        assertThat(scan(LATEST, put("k", 1, "old"), put("k", 7, "new"), put("k", 4, "mid"), put("j", 2, "j")))
                .containsExactly("j=j", "k=new");
    }

    @Test
    void sequenceCutOffHidesNewerVersions() {
        Entry[] entries = {put("k", 1, "v1"), put("k", 5, "v5"), put("k", 9, "v9"), put("m", 6, "m6"), put("a", 8, "a8")};
        assertThat(scan(5, entries)).containsExactly("k=v5");
        assertThat(scan(6, entries)).containsExactly("k=v5", "m=m6");
        assertThat(scan(0, entries)).isEmpty();
    }

    @Test
    void tombstoneHidesOlderValues() {
        assertThat(scan(LATEST, put("k", 1, "v1"), delete("k", 2), put("j", 1, "j"), put("l", 1, "l")))
                .containsExactly("j=j", "l=l");
    }

    @Test
    void valueWrittenAfterTombstoneIsVisible() {
        assertThat(scan(LATEST, put("k", 1, "v1"), delete("k", 2), put("k", 3, "v3"))).containsExactly("k=v3");
    }

    @Test
    void snapshotBeforeTombstoneSeesOlderValue() {
        assertThat(scan(1, put("k", 1, "v1"), delete("k", 2))).containsExactly("k=v1");
    }

    // ---- TTL

    @Test
    void expiredTtlHidesKeyAndItsOlderVersions() {
        assertThat(scan(LATEST, put("k", 1, "plain"), putWithTtl("k", 2, NOW, "expiring"), put("l", 1, "l")))
                .containsExactly("l=l");
        assertThat(scan(LATEST, putWithTtl("k", 1, NOW + 10, "later"), putWithTtl("k", 2, NOW - 1, "gone")))
                .isEmpty();
    }

    @Test
    void unexpiredTtlValueIsReturnedWithoutHeader() {
        assertThat(scan(LATEST, put("k", 1, "plain"), putWithTtl("k", 2, NOW + 1, "fresh"))).containsExactly("k=fresh");
    }

    // ---- bounds

    @Test
    void fromIsInclusive() {
        assertThat(scan(ListInternalIterator.of(ABCDE), LATEST, "c", null)).containsExactly("c=c", "d=d", "e=e");
    }

    @Test
    void toIsExclusive() {
        assertThat(scan(ListInternalIterator.of(ABCDE), LATEST, null, "c")).containsExactly("a=a", "b=b");
    }

    @Test
    void nullBoundsScanEverything() {
        assertThat(scan(ListInternalIterator.of(ABCDE), LATEST, null, null)).hasSize(5);
    }

    @Test
    void fromEqualToIsEmpty() {
        assertThat(scan(ListInternalIterator.of(ABCDE), LATEST, "c", "c")).isEmpty();
    }

    @Test
    void fromAfterToIsEmpty() {
        assertThat(scan(ListInternalIterator.of(ABCDE), LATEST, "d", "b")).isEmpty();
    }

    @Test
    void boundsBetweenKeys() {
        assertThat(scan(ListInternalIterator.of(ABCDE), LATEST, "bb", "dd")).containsExactly("c=c", "d=d");
    }

    @Test
    void fromWithSnapshotSkipsVersionsNewerThanSnapshot() {
        InternalIterator source = ListInternalIterator.of(put("c", 9, "c9"), put("c", 2, "c2"), put("d", 8, "d8"), put("e", 1, "e1"));
        assertThat(scan(source, 5, "c", null)).containsExactly("c=c2", "e=e1");
    }

    // ---- ownership and API

    @Test
    void returnedArraysAreFreshCopies() {
        Entry e = put("k", 1, "v");
        try (UserIterator it = new UserIterator(ListInternalIterator.of(e), LATEST, NOW, null, null)) {
            assertThat(it.next()).isTrue();
            byte[] k = it.key();
            byte[] v = it.value();
            k[0] = 'X';
            v[0] = 'X';
            assertThat(it.key()).isEqualTo(bytes("k"));
            assertThat(it.value()).isEqualTo(bytes("v"));
            assertThat(e.value()).isEqualTo(bytes("v"));
        }
    }

    @Test
    void closeClosesSourceOnce() {
        ListInternalIterator source = ListInternalIterator.of(ABCDE);
        UserIterator it = new UserIterator(source, LATEST, NOW, null, null);
        it.close();
        it.close();
        assertThat(source.closeCount()).isEqualTo(1);
        assertThat(it.next()).isFalse();
    }
}
