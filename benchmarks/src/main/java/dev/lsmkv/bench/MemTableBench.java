package dev.lsmkv.bench;

import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.memtable.MemTable;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The memtable alone, before and after the arena skip list: inserts of random 16-byte keys with
 * 100-byte values until 64 MiB, then as many random gets, for {@link MemTable} (the engine's,
 * an {@code ArenaSkipList}) and for the {@link ConcurrentSkipListMap} keyed by internal key that
 * the memtable was before (the same encode per add, the same comparator). The two alternate,
 * {@code --rounds} times each, in one JVM, so a busy machine slows both alike; the median round
 * is reported.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.lsmkv.bench.MemTableBench --entries=450000 --rounds=5
 * }</pre>
 */
public final class MemTableBench {

    private MemTableBench() {
    }

    public static void main(String[] args) {
        int entries = 450_000; // ~64 MiB of arena at 16 + 100 bytes
        int rounds = 5;
        for (String a : args) {
            if (a.startsWith("--entries=")) {
                entries = Integer.parseInt(a.substring(10));
            } else if (a.startsWith("--rounds=")) {
                rounds = Integer.parseInt(a.substring(9));
            } else {
                throw new IllegalArgumentException("usage: MemTableBench [--entries=N] [--rounds=N], got " + a);
            }
        }
        byte[][] keys = new byte[entries][];
        Random rnd = new Random(301);
        for (int i = 0; i < entries; i++) {
            keys[i] = String.format(Locale.ROOT, "%016d", (rnd.nextLong() & Long.MAX_VALUE) % 1_000_000_000_000L)
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        byte[] value = new byte[100];
        rnd.nextBytes(value);
        double[][] arena = new double[rounds][];
        double[][] cslm = new double[rounds][];
        for (int r = -1; r < rounds; r++) { // round -1 warms both up
            double[] a = arena(keys, value);
            double[] c = skipListMap(keys, value);
            if (r >= 0) {
                arena[r] = a;
                cslm[r] = c;
            }
        }
        System.out.printf(Locale.ROOT, "entries=%d rounds=%d load=%.2f%n", entries, rounds,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        print("ConcurrentSkipListMap (before)", cslm);
        print("MemTable arena skip list (after)", arena);
    }

    private static void print(String name, double[][] runs) {
        double[] adds = new double[runs.length];
        double[] gets = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            adds[i] = runs[i][0];
            gets[i] = runs[i][1];
        }
        java.util.Arrays.sort(adds);
        java.util.Arrays.sort(gets);
        System.out.printf(Locale.ROOT, "%-34s add %,10.0f ops/s   get %,10.0f ops/s  (median of %d)%n", name,
                adds[adds.length / 2], gets[gets.length / 2], runs.length);
    }

    private static double[] arena(byte[][] keys, byte[] value) {
        MemTable m = new MemTable(); // no bloom filter, as the map below
        long t0 = System.nanoTime();
        for (int i = 0; i < keys.length; i++) {
            m.add(i + 1, EntryKind.PUT, keys[i], value);
        }
        long t1 = System.nanoTime();
        long found = 0;
        for (int i = keys.length - 1; i >= 0; i--) {
            found += m.get(InternalKey.lookupKey(keys[i], InternalKey.MAX_SEQUENCE)) != null ? 1 : 0;
        }
        long t2 = System.nanoTime();
        check(found, keys.length);
        return new double[] {keys.length * 1e9 / (t1 - t0), keys.length * 1e9 / (t2 - t1)};
    }

    private static double[] skipListMap(byte[][] keys, byte[] value) {
        ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(InternalKey.COMPARATOR);
        long t0 = System.nanoTime();
        for (int i = 0; i < keys.length; i++) {
            map.put(InternalKey.encode(keys[i], i + 1, EntryKind.PUT), value);
        }
        long t1 = System.nanoTime();
        long found = 0;
        for (int i = keys.length - 1; i >= 0; i--) {
            byte[] lookup = InternalKey.lookupKey(keys[i], InternalKey.MAX_SEQUENCE);
            java.util.Map.Entry<byte[], byte[]> e = map.ceilingEntry(lookup);
            // as the old MemTable.get: an Entry over the stored arrays, and the engine's value clone
            if (e != null && InternalKey.sameUserKey(e.getKey(), lookup)) {
                found += e.getValue().clone().length > 0 ? 1 : 0;
            }
        }
        long t2 = System.nanoTime();
        check(found, keys.length);
        return new double[] {keys.length * 1e9 / (t1 - t0), keys.length * 1e9 / (t2 - t1)};
    }

    private static void check(long found, int expected) {
        if (found < expected - 100) { // random keys may repeat a few times
            throw new IllegalStateException("found " + found + " of " + expected);
        }
    }
}
