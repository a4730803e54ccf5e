package dev.lsmkv.bench;

import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.EngineStats;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Put latency while the engine flushes and compacts all the time: small memtables (1 MiB) so a
 * flush, and with it a MANIFEST append + fsync, happens every ~8,000 puts. Measures what a
 * writer pays when the engine mutex waits for the manifest's disk I/O (issue 14, bug 4). The L0
 * slowdown and stop triggers and the immutable-memtable limit are raised so that stalls (1 ms
 * slowdown sleeps, waits for a flush) do not hide that effect; the stall count is printed.
 * Runs {@code threads} writers of 16-byte random keys and 100-byte values under
 * {@code sync-mode=none}, twice (the first round warms the JIT), and prints the second round's
 * percentiles.
 * <pre>
 * mvn -q -B -o -Pbench -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.lsmkv.bench.FlushStallBench [putsPerThread=200000] [threads=4] [dir]
 * </pre>
 */
public final class FlushStallBench {

    private FlushStallBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path parent = args.length > 2 ? Path.of(args[2]) : null;
        for (int round = 0; round < 2; round++) {
            Path dir = parent == null ? Files.createTempDirectory("flush-stall")
                    : Files.createTempDirectory(Files.createDirectories(parent), "flush-stall");
            try {
                run(dir, n, threads, round == 1);
            } finally {
                deleteTree(dir);
            }
        }
    }

    private static void run(Path dir, int n, int threads, boolean print) throws Exception {
        EngineOptions options = EngineOptions.builder().syncMode(SyncMode.NONE)
                .memtableSizeBytes(1 << 20).maxImmutableMemtables(64)
                .level0SlowdownTrigger(1_000).level0StopTrigger(1_000).build();
        List<Histogram> histograms = new ArrayList<>();
        long start;
        long elapsed;
        EngineStats stats;
        try (LsmEngine engine = LsmEngine.open(dir, options)) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Histogram h = new Histogram(3_600_000_000_000L, 3);
                histograms.add(h);
                writers.add(new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    byte[] value = new byte[100];
                    for (int i = 0; i < n; i++) {
                        byte[] key = new byte[16];
                        random.nextBytes(key);
                        long t0 = System.nanoTime();
                        engine.put(key, value);
                        h.recordValue(System.nanoTime() - t0);
                    }
                }, "writer-" + t));
            }
            start = System.nanoTime();
            writers.forEach(Thread::start);
            for (Thread w : writers) {
                w.join();
            }
            elapsed = System.nanoTime() - start;
            stats = engine.stats();
        }
        if (!print) {
            return;
        }
        Histogram all = new Histogram(3_600_000_000_000L, 3);
        histograms.forEach(all::add);
        System.out.printf(Locale.ROOT, "puts %d (%d threads), %.0f puts/s, flushes %d, compactions %d, stalls %d%n",
                all.getTotalCount(), threads, all.getTotalCount() / (elapsed / 1e9), stats.flushes(),
                stats.compactions(), stats.stalls());
        System.out.printf(Locale.ROOT, "put latency us: p50 %.1f  p99 %.1f  p99.9 %.1f  p99.99 %.1f  max %.1f%n",
                all.getValueAtPercentile(50) / 1e3, all.getValueAtPercentile(99) / 1e3,
                all.getValueAtPercentile(99.9) / 1e3, all.getValueAtPercentile(99.99) / 1e3, all.getMaxValue() / 1e3);
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
