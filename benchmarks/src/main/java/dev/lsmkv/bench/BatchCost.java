package dev.lsmkv.bench;

import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import dev.lsmkv.engine.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What one more operation in a write batch costs the engine, on random keys: the cost model behind
 * the starter's writes (a save of an indexed entity is a batch of the entity, its index entries and,
 * for a new one, its count stripe). Times a single put and batches of 2, 3 and 4 puts of shuffled
 * keys shaped like the starter's (an entity key with a 130-byte value, an index key, a hot count key),
 * under {@code sync-mode=none}, three rounds of {@code n} each (the first warms the JIT).
 * <pre>
 * mvn -q -B -Pbench -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.lsmkv.bench.BatchCost [n=100000]
 * </pre>
 */
public final class BatchCost {

    private BatchCost() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("batch-cost");
        try (LsmEngine engine = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE).build())) {
            byte[] value = new byte[130];
            byte[] empty = new byte[0];
            byte[] count = new byte[8];
            byte[] countKey = "customers\0\3x".getBytes(StandardCharsets.UTF_8);
            for (int round = 0; round < 3; round++) {
                int[] order = DbBench.shuffled(n, round);
                for (int ops = 1; ops <= 4; ops++) {
                    byte[][] data = new byte[n][];
                    byte[][] index = new byte[n][];
                    byte[][] other = new byte[n][];
                    for (int i = 0; i < n; i++) {
                        String id = String.format(Locale.ROOT, "r%d-o%d-%09d", round, ops, order[i]);
                        data[i] = ("customers\0\1" + id).getBytes(StandardCharsets.UTF_8);
                        index[i] = ("customers\0\2email\0" + id + "@x.org").getBytes(StandardCharsets.UTF_8);
                        other[i] = ("customers\0\5" + id).getBytes(StandardCharsets.UTF_8);
                    }
                    long t = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        if (ops == 1) {
                            engine.put(data[i], value);
                            continue;
                        }
                        WriteBatch b = new WriteBatch().put(data[i], value).put(index[i], empty);
                        if (ops >= 3) {
                            b.put(countKey, count);
                        }
                        if (ops >= 4) {
                            b.put(other[i], count);
                        }
                        engine.write(b);
                    }
                    System.out.printf(Locale.ROOT, "round %d  %d op%s per write  %6.2f us/write%n", round, ops,
                            ops == 1 ? " " : "s", (System.nanoTime() - t) / 1e3 / n);
                }
            }
        } finally {
            DbBench.deleteRecursively(dir);
        }
    }
}
