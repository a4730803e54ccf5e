package dev.lsmkv.bench;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.EngineStats;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Bytes on disk after deletes, with and without tombstone-density compactions
 * ({@link EngineOptions#tombstoneCompactionRatio()}), no manual compaction: the same sequence
 * once at ratio 0.5 (the default) and once at 0 (off), each into a fresh store.
 * <ol>
 *   <li>fillrandom: N puts of every key of [0, N) in a shuffled order (DbBench's keys and
 *       half-compressible 100-byte values, 64 MiB memtable and block cache, LZ4, no fsync);</li>
 *   <li>deletes: {@code range}: the keys of [N/4, 3N/4) in key order (a range deleted key by key);
 *       {@code random}: N/2 deletes of uniformly random keys of [0, N) (some twice);</li>
 *   <li>flush, then wait until no compaction has finished for 3 s.</li>
 * </ol>
 * Prints bytes on disk (every file of the directory), the tables' bytes, space amplification
 * and compaction bytes written after the fill and after the deletes. Bytes do not depend on the
 * machine's load; times are not reported.
 * <pre>
 * mvn -q -B -o -Pbench -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.lsmkv.bench.TombstoneSpaceBench [num=1000000] [range|random] [dir]
 * </pre>
 */
public final class TombstoneSpaceBench {

    private TombstoneSpaceBench() {
    }

    public static void main(String[] args) throws Exception {
        long num = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        String pattern = args.length > 1 ? args[1] : "range";
        if (!pattern.equals("range") && !pattern.equals("random")) {
            throw new IllegalArgumentException("pattern must be range or random, was " + pattern);
        }
        Path parent = args.length > 2 ? Files.createDirectories(Path.of(args[2])) : null;
        System.out.printf(Locale.ROOT, "N = %,d, deletes: %s%n", num, pattern);
        System.out.printf(Locale.ROOT, "%-6s %-14s %14s %14s %9s %16s %7s%n", "ratio", "after", "bytes on disk",
                "table bytes", "space amp", "compaction write", "files");
        for (double ratio : new double[] {0.5, 0}) {
            Path dir = parent == null ? Files.createTempDirectory("tombstone-space")
                    : Files.createTempDirectory(parent, "tombstone-space");
            try {
                run(dir, num, pattern, ratio);
            } finally {
                DbBench.deleteRecursively(dir);
            }
        }
    }

    private static void run(Path dir, long num, String pattern, double ratio) throws InterruptedException {
        EngineOptions options = EngineOptions.builder().memtableSizeBytes(64L << 20).blockCacheSizeBytes(64L << 20)
                .bloomBitsPerKey(10).compression(Compression.LZ4).syncMode(SyncMode.NONE)
                .tombstoneCompactionRatio(ratio).build();
        KeyValues kv = new KeyValues(100, 301);
        byte[] key = KeyValues.newKey();
        try (LsmEngine db = LsmEngine.open(dir, options)) {
            long[] permutation = new long[(int) num];
            for (int i = 0; i < num; i++) {
                permutation[i] = i;
            }
            SplittableRandom rnd = new SplittableRandom(301);
            for (int i = (int) num - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                long t = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = t;
            }
            for (int i = 0; i < num; i++) {
                db.put(KeyValues.key(permutation[i], key), kv.value(i));
            }
            db.flush();
            settle(db);
            print(dir, db.stats(), ratio, "fillrandom");
            if (pattern.equals("range")) {
                for (long i = num / 4; i < 3 * num / 4; i++) {
                    db.delete(KeyValues.key(i, key));
                }
            } else {
                for (long i = 0; i < num / 2; i++) {
                    db.delete(KeyValues.key(rnd.nextLong(num), key));
                }
            }
            db.flush();
            settle(db);
            print(dir, db.stats(), ratio, "deletes");
        }
    }

    /** Waits until no flush is pending, no level is due and no compaction has finished for 3 s. */
    private static void settle(LsmEngine db) throws InterruptedException {
        long last = -1;
        long quietSince = System.nanoTime();
        while (true) {
            EngineStats s = db.stats();
            boolean due = s.immutableMemtables() > 0 || s.levels().stream().anyMatch(l -> l.score() >= 1.0);
            if (due || s.compactions() != last) {
                last = s.compactions();
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 3_000_000_000L) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static void print(Path dir, EngineStats s, double ratio, String after) {
        System.out.printf(Locale.ROOT, "%-6s %-14s %,14d %,14d %9.3f %,16d %7d%n", ratio == 0 ? "off" : ratio,
                after, Store.bytesOnDisk(dir), s.liveDataBytes(), s.spaceAmplification(),
                s.compactionBytesWritten(), s.totalFiles());
    }
}
