package dev.lsmkv.engine.iterator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures a full scan through MergingIterator + UserIterator over four interleaved sources
 * (400k visible entries: 16-byte keys, 32-byte values, every 8th key with an older shadowed version).
 * Prints entries/s; asserts only the count, since shared CI cores make timings noisy. The
 * target on 2 cores is 3M entries/s.
 */
class ScanThroughputTests {

    private static final int SOURCES = 4;
    private static final int KEYS = 400_000;

    /** "key" and i as 13 decimal digits: 16 bytes, in key order. */
    private static byte[] userKey(int i) {
        byte[] k = {'k', 'e', 'y', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'};
        for (int p = k.length - 1; i > 0; p--, i /= 10) {
            k[p] = (byte) ('0' + i % 10);
        }
        return k;
    }

    @Test
    void fullScanThroughput() {
        List<List<Entry>> sources = new ArrayList<>();
        for (int s = 0; s < SOURCES; s++) {
            sources.add(new ArrayList<>(KEYS / SOURCES + KEYS / 8));
        }
        byte[] value = new byte[32];
        long seq = 1;
        for (int i = 0; i < KEYS; i++) {
            byte[] userKey = userKey(i);
            if (i % 8 == 0) {
                // An older version in another source, to exercise version skipping.
                sources.get((i + 1) % SOURCES).add(new Entry(InternalKey.encode(userKey, seq++, EntryKind.PUT), value));
            }
            sources.get(i % SOURCES).add(new Entry(InternalKey.encode(userKey, seq++, EntryKind.PUT), value));
        }
        for (List<Entry> s : sources) {
            s.sort((a, b) -> InternalKey.compare(a.key(), b.key()));
        }

        double best = 0;
        for (int run = 0; run < 5; run++) {
            List<InternalIterator> children = new ArrayList<>();
            for (List<Entry> s : sources) {
                children.add(new ListInternalIterator(s));
            }
            long start = System.nanoTime();
            long count = 0;
            long bytes = 0;
            try (UserIterator it = new UserIterator(new MergingIterator(children), Long.MAX_VALUE, 0, null, null)) {
                while (it.next()) {
                    bytes += it.key().length + it.value().length;
                    count++;
                }
            }
            double rate = count / ((System.nanoTime() - start) / 1e9);
            best = Math.max(best, rate);
            assertThat(count).isEqualTo(KEYS);
            assertThat(bytes).isEqualTo(KEYS * (16L + 32));
        }
        System.out.printf("ScanThroughputTests: best full scan %.2fM visible entries/s over %d sources%n", best / 1e6, SOURCES);
    }
}
