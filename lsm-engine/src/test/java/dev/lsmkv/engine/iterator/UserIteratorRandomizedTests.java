package dev.lsmkv.engine.iterator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.base.TtlValue;
import dev.lsmkv.engine.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random writes spread over several sources, read back through MergingIterator + UserIterator
 * and compared with a sorted-map model replayed up to the snapshot. A failure prints its seed:
 * set {@code -Dlsmkv.seed=N} to replay it.
 */
class UserIteratorRandomizedTests {

    private static final long NOW = 10_000L;

    @Test
    void mergedScanMatchesSortedMapModel() {
        long seed = Long.getLong("lsmkv.seed", System.nanoTime());
        System.out.println("UserIteratorRandomizedTests seed=" + seed);
        Random rnd = new Random(seed);
        for (int round = 0; round < 200; round++) {
            runRound(rnd, seed, round);
        }
    }

    private static void runRound(Random rnd, long seed, int round) {
        int sourceCount = 1 + rnd.nextInt(5);
        int keySpace = 1 + rnd.nextInt(40);
        int writes = rnd.nextInt(300);
        List<List<Entry>> sources = new ArrayList<>();
        for (int i = 0; i < sourceCount; i++) {
            sources.add(new ArrayList<>());
        }
        List<Entry> log = new ArrayList<>();
        for (long seq = 1; seq <= writes; seq++) {
            byte[] userKey = key(rnd.nextInt(keySpace));
            int op = rnd.nextInt(10);
            Entry e;
            if (op < 2) {
                e = new Entry(InternalKey.encode(userKey, seq, EntryKind.DELETE), new byte[0]);
            } else if (op < 5) {
                // Expiry before, at, or after NOW.
                long expiresAt = NOW + rnd.nextInt(21) - 10;
                e = new Entry(InternalKey.encode(userKey, seq, EntryKind.PUT_WITH_TTL), TtlValue.encode(expiresAt, value(seq)));
            } else {
                e = new Entry(InternalKey.encode(userKey, seq, EntryKind.PUT), value(seq));
            }
            log.add(e);
            sources.get(rnd.nextInt(sourceCount)).add(e);
        }
        long snapshot = rnd.nextInt(writes + 2);
        byte[] from = rnd.nextInt(3) == 0 ? null : boundKey(rnd, keySpace);
        byte[] to = rnd.nextInt(3) == 0 ? null : boundKey(rnd, keySpace);

        // The model: replay the log in sequence order up to the snapshot.
        TreeMap<byte[], Entry> latest = new TreeMap<>(Bytes.COMPARATOR);
        for (Entry e : log) {
            if (e.sequence() <= snapshot) {
                latest.put(InternalKey.userKey(e.key()), e);
            }
        }
        List<String> expected = new ArrayList<>();
        for (Map.Entry<byte[], Entry> me : latest.entrySet()) {
            byte[] k = me.getKey();
            Entry e = me.getValue();
            boolean inBounds = (from == null || Bytes.compare(k, from) >= 0) && (to == null || Bytes.compare(k, to) < 0);
            if (inBounds && e.kind() != EntryKind.DELETE && !TtlValue.isExpired(e.kind(), e.value(), NOW)) {
                expected.add(new String(k) + "=" + new String(TtlValue.userValue(e.kind(), e.value())));
            }
        }

        List<InternalIterator> children = new ArrayList<>();
        for (List<Entry> s : sources) {
            children.add(new ListInternalIterator(s));
        }
        List<String> actual = new ArrayList<>();
        try (UserIterator it = new UserIterator(new MergingIterator(children), snapshot, NOW, from, to)) {
            while (it.next()) {
                actual.add(new String(it.key()) + "=" + new String(it.value()));
            }
        }
        assertThat(actual).as("seed=%d round=%d snapshot=%d from=%s to=%s", seed, round, snapshot,
                from == null ? null : new String(from), to == null ? null : new String(to)).isEqualTo(expected);
    }

    private static byte[] key(int i) {
        return String.format("k%03d", i).getBytes();
    }

    /** A bound on a key, or between two keys ("k007a" sorts between k007 and k008). */
    private static byte[] boundKey(Random rnd, int keySpace) {
        String k = String.format("k%03d", rnd.nextInt(keySpace + 1));
        return (rnd.nextBoolean() ? k : k + "a").getBytes();
    }

    private static byte[] value(long seq) {
        return ("v" + seq).getBytes();
    }
}
