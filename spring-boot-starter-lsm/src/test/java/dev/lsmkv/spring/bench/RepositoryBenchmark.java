package dev.lsmkv.spring.bench;

import dev.lsmkv.spring.autoconfigure.LsmAutoConfiguration;
import dev.lsmkv.spring.autoconfigure.LsmRepositoriesAutoConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;

/**
 * Repository throughput and latency on the real engine, through the full Spring Data stack
 * (repository proxy, template, events, adapter, Jackson, engine). Not part of the normal build:
 * <pre>
 * mvn -q -pl spring-boot-starter-lsm -am test -Dtest=RepositoryBenchmark -Dlsm.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dlsm.bench.n=1000000]
 * </pre>
 * Measures (sync-mode=none): save of a 5-field entity without and with one index, findById from
 * a warm cache (1 and 2 threads), and an indexed equality query returning 10 of n entities.
 * Figures are printed as "BENCH ..." lines; docs/benchmarks.md records them.
 */
@EnabledIfSystemProperty(named = "lsm.bench", matches = "true")
class RepositoryBenchmark {

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = BenchEntity.class)
    static class Config {
    }

    private static void report(String what, long ops, long nanos) {
        System.out.printf(Locale.ROOT, "BENCH %-48s %,12.0f ops/s  (%,d ops, %.1f ms)%n", what,
                ops * 1e9 / nanos, ops, nanos / 1e6);
    }

    @Test
    void run() throws Exception {
        int n = Integer.getInteger("lsm.bench.n", 1_000_000);
        Path dir = Files.createTempDirectory("lsm-bench-");
        try {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(LsmAutoConfiguration.class, LsmRepositoriesAutoConfiguration.class))
                    .withUserConfiguration(Config.class)
                    .withPropertyValues("lsm.data-dir=" + dir, "lsm.sync-mode=none", "lsm.block-cache-size=256MB")
                    .run(ctx -> {
                        PlainRepository plain = ctx.getBean(PlainRepository.class);
                        BenchRepository indexed = ctx.getBean(BenchRepository.class);
                        int warm = 50_000;
                        for (int i = 0; i < warm; i++) {
                            plain.save(new PlainEntity((long) -i - 1, "name" + i, "e" + i + "@x.org", i % 90, "Oslo"));
                        }
                        int saves = 200_000;
                        long t0 = System.nanoTime();
                        for (int i = 0; i < saves; i++) {
                            plain.save(new PlainEntity((long) i, "name" + i, "user" + i + "@example.org", i % 90, "Oslo"));
                        }
                        report("save (5 fields, no index)", saves, System.nanoTime() - t0);

                        t0 = System.nanoTime();
                        for (int i = 0; i < n; i++) {
                            indexed.save(new BenchEntity((long) i, "name" + i, "user" + i + "@example.org", i % 90,
                                    "g" + (i % (n / 10))));
                        }
                        report("save (5 fields, one @Indexed)", n, System.nanoTime() - t0);

                        for (int round = 0; round < 2; round++) {
                            int reads = 400_000;
                            t0 = System.nanoTime();
                            long found = 0;
                            for (int i = 0; i < reads; i++) {
                                found += plain.findById((long) ThreadLocalRandom.current().nextInt(saves)).isPresent() ? 1 : 0;
                            }
                            report("findById warm, 1 thread (round " + round + ")", reads, System.nanoTime() - t0);
                            if (found != reads) {
                                throw new AssertionError("missing entities: " + (reads - found));
                            }
                        }
                        // Where a findById goes: engine read, adapter (+ key encoding, Jackson), template (+ events).
                        var engine = ctx.getBean(dev.lsmkv.engine.LsmEngine.class);
                        var adapter = ctx.getBean(dev.lsmkv.spring.core.LsmKeyValueAdapter.class);
                        var template = ctx.getBean(org.springframework.data.keyvalue.core.KeyValueTemplate.class);
                        int reads = 400_000;
                        t0 = System.nanoTime();
                        for (int i = 0; i < reads; i++) {
                            engine.get(dev.lsmkv.spring.core.LsmKeys.dataKey("plain", (long) ThreadLocalRandom.current().nextInt(saves)));
                        }
                        report("  breakdown: engine.get", reads, System.nanoTime() - t0);
                        t0 = System.nanoTime();
                        for (int i = 0; i < reads; i++) {
                            adapter.get((long) ThreadLocalRandom.current().nextInt(saves), "plain", PlainEntity.class);
                        }
                        report("  breakdown: adapter.get", reads, System.nanoTime() - t0);
                        t0 = System.nanoTime();
                        for (int i = 0; i < reads; i++) {
                            template.findById((long) ThreadLocalRandom.current().nextInt(saves), PlainEntity.class);
                        }
                        report("  breakdown: template.findById", reads, System.nanoTime() - t0);
                        AtomicLong total = new AtomicLong();
                        Thread[] threads = new Thread[2];
                        int perThread = 300_000;
                        t0 = System.nanoTime();
                        for (int t = 0; t < threads.length; t++) {
                            threads[t] = new Thread(() -> {
                                for (int i = 0; i < perThread; i++) {
                                    plain.findById((long) ThreadLocalRandom.current().nextInt(saves));
                                }
                                total.addAndGet(perThread);
                            });
                            threads[t].start();
                        }
                        for (Thread t : threads) {
                            t.join();
                        }
                        report("findById warm, 2 threads", total.get(), System.nanoTime() - t0);

                        int groups = n / 10;
                        for (int round = 0; round < 2; round++) {
                            int queries = 20_000;
                            t0 = System.nanoTime();
                            for (int i = 0; i < queries; i++) {
                                int size = indexed.findByGrp("g" + ThreadLocalRandom.current().nextInt(groups)).size();
                                if (size != 10) {
                                    throw new AssertionError("expected 10, got " + size);
                                }
                            }
                            long nanos = System.nanoTime() - t0;
                            System.out.printf(Locale.ROOT, "BENCH %-48s %,12.1f us/query (%d queries of 10 out of %,d)%n",
                                    "indexed equality query (round " + round + ")", nanos / 1e3 / queries, queries, n);
                        }
                    });
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }
}
