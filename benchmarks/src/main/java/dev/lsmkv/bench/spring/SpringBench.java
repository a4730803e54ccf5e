package dev.lsmkv.bench.spring;

import dev.lsmkv.bench.spring.jdbc.JdbcOrder;
import dev.lsmkv.bench.spring.jdbc.JdbcOrderRepository;
import dev.lsmkv.bench.spring.kv.KvOrder;
import dev.lsmkv.bench.spring.kv.KvOrderRepository;
import dev.lsmkv.bench.spring.lsm.LsmOrderRepository;
import dev.lsmkv.bench.spring.map.MapOrderRepository;
import dev.lsmkv.spring.autoconfigure.LsmAutoConfiguration;
import dev.lsmkv.spring.repository.config.EnableLsmRepositories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.map.repository.config.EnableMapRepositories;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The Spring-level comparison: one entity, an order (id, customer, amount, status, created),
 * through Spring Data repositories on several stores, each in its own fresh
 * {@link ConfigurableApplicationContext} built with {@link SpringApplicationBuilder} (no web, only
 * the auto-configurations that store needs, its repositories enabled explicitly on a package of
 * their own):
 * <ul>
 *   <li>{@code lsmkv}: the starter ({@link LsmAutoConfiguration}, {@code @EnableLsmRepositories}),
 *       {@code lsm.sync-mode=none}, customer {@code @Indexed}, data in {@code workDir/lsmkv}.</li>
 *   <li>{@code map}: Spring Data KeyValue's in-memory map store ({@code @EnableMapRepositories});
 *       no I/O, no serialisation: the upper bound. Its derived query scans the keyspace.</li>
 *   <li>{@code jdbc}: Spring Data JDBC on an H2 file database in {@code workDir/jdbc}, table
 *       with an index on customer, URL setting {@code WRITE_DELAY=0}: every commit is written to
 *       the database file before it returns, not fsync'd, the same promise as lsmkv's
 *       sync-mode none (an acknowledged write survives a crash of the process, not of the OS).</li>
 *   <li>{@code jdbc-h2default}: the same with H2's defaults (WRITE_DELAY 500 ms: commits reach the
 *       file up to half a second later, a weaker promise than lsmkv's).</li>
 * </ul>
 *
 * <p>Operations, per pass, on ids and customers of their own (customers = num/10, so ~10 orders
 * each): {@code save} of num new orders one by one, {@code findById} of num random existing ids,
 * {@code findByCustomer} of num/10 random customers, {@code save} of num updates of existing ids
 * in random order. Each store does one warm-up pass (JIT) then 3 measured passes; the repository
 * is emptied (unmeasured) between passes, so every pass starts on an empty keyspace. The report
 * gives each store's median pass. Every operation's result is checked (all ids found, each query
 * returns its customer's orders, updates visible); a wrong count fails the run.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.lsmkv.bench.spring.SpringBench
 * --num=20000 [--dir=/tmp/springbench]}.
 */
public final class SpringBench {

    /** The operations, in the order they run and are reported. */
    enum Op {
        SAVE("save (new)"),
        FIND_BY_ID("findById"),
        FIND_BY_CUSTOMER("findByCustomer (~10 results)"),
        UPDATE("save (update)");

        final String label;

        Op(String label) {
            this.label = label;
        }
    }

    static final int WARMUP_PASSES = 1;
    static final int MEASURED_PASSES = 3;
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    /** One store's repository, behind the operations the benchmark needs. */
    interface Driver extends AutoCloseable {
        void save(long id, String customer, long amount, String status, boolean isNew);

        /** Status of the order with this id, null when absent. */
        String findStatus(long id);

        /** Number of orders of this customer returned by the derived query. */
        int findByCustomer(String customer);

        void deleteAll();

        @Override
        void close();
    }

    /** A store of the comparison: name, what it is, how to start it in a directory. */
    record StoreSpec(String name, String description, Function<Path, Driver> opener) {
    }

    /** What one pass did, for the checks. */
    record Counts(long saved, long found, long queries, long queryResults, long expectedQueryResults,
            long updated, long updatesVisible) {
    }

    /** One store's result: ops/s per op (median pass) and the counts of the last pass. */
    record StoreResult(String name, String description, Map<Op, Double> opsPerSecond, Counts counts) {
    }

    private SpringBench() {
    }

    public static void main(String[] args) throws IOException {
        int num = 20_000;
        Path dir = null;
        for (String arg : args) {
            if (arg.startsWith("--num=")) {
                num = Integer.parseInt(arg.substring("--num=".length()).replace("_", ""));
            } else if (arg.startsWith("--dir=")) {
                dir = Path.of(arg.substring("--dir=".length()));
            } else {
                System.err.println("usage: SpringBench [--num=N] [--dir=DIR]");
                System.exit(2);
            }
        }
        boolean temp = dir == null;
        Path workDir = temp ? Files.createTempDirectory("springbench-") : Files.createDirectories(dir);
        try {
            System.out.println(runAndReport(num, workDir));
        } finally {
            if (temp) {
                org.springframework.util.FileSystemUtils.deleteRecursively(workDir);
            }
        }
    }

    /** Runs every store and returns the Markdown section (heading, table, target line, checks). */
    public static String runAndReport(int num, Path workDir) {
        return report(num, run(num, workDir));
    }

    static List<StoreResult> run(int num, Path workDir) {
        if (num < 10) {
            throw new IllegalArgumentException("num must be at least 10: " + num);
        }
        List<StoreResult> results = new ArrayList<>();
        for (StoreSpec spec : stores()) {
            Path dir = workDir.resolve(spec.name());
            try {
                if (Files.exists(dir)) {
                    org.springframework.util.FileSystemUtils.deleteRecursively(dir);
                }
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot prepare " + dir, e);
            }
            results.add(runStore(spec, dir, num));
        }
        return results;
    }

    static List<StoreSpec> stores() {
        return List.of(
                new StoreSpec("lsmkv", "spring-boot-starter-lsm, sync-mode none, customer @Indexed",
                        dir -> lsm(dir)),
                new StoreSpec("map", "Spring Data KeyValue map store (in memory; query scans)",
                        dir -> map()),
                new StoreSpec("jdbc", "Spring Data JDBC, H2 file database, WRITE_DELAY=0, index on customer",
                        dir -> jdbc(dir, ";WRITE_DELAY=0")),
                new StoreSpec("jdbc-h2default", "Spring Data JDBC, H2 file database, H2 defaults, index on customer",
                        dir -> jdbc(dir, "")));
    }

    // ---------------------------------------------------------------- measuring

    private static StoreResult runStore(StoreSpec spec, Path dir, int num) {
        Map<Op, double[]> perPass = new LinkedHashMap<>();
        for (Op op : Op.values()) {
            perPass.put(op, new double[MEASURED_PASSES]);
        }
        Counts last = null;
        try (Driver driver = spec.opener().apply(dir)) {
            for (int pass = 0; pass < WARMUP_PASSES + MEASURED_PASSES; pass++) {
                Map<Op, Double> rates = new LinkedHashMap<>();
                last = pass(driver, num, pass, rates);
                if (pass >= WARMUP_PASSES) {
                    for (Op op : Op.values()) {
                        perPass.get(op)[pass - WARMUP_PASSES] = rates.get(op);
                    }
                }
                driver.deleteAll();
            }
        }
        Map<Op, Double> medians = new LinkedHashMap<>();
        perPass.forEach((op, rates) -> medians.put(op, median(rates)));
        return new StoreResult(spec.name(), spec.description(), medians, last);
    }

    /** One pass: ids [pass*num, (pass+1)*num), customers "p{pass}-c{k}", k < num/10. */
    private static Counts pass(Driver driver, int num, int pass, Map<Op, Double> rates) {
        long base = (long) pass * num;
        int customers = num / 10;
        SplittableRandom random = new SplittableRandom(42 + pass);

        long t0 = System.nanoTime();
        for (int i = 0; i < num; i++) {
            driver.save(base + i, customer(pass, i % customers), 100 + i % 10_000, "NEW", true);
        }
        rates.put(Op.SAVE, rate(num, System.nanoTime() - t0));

        long found = 0;
        t0 = System.nanoTime();
        for (int i = 0; i < num; i++) {
            found += driver.findStatus(base + random.nextInt(num)) != null ? 1 : 0;
        }
        rates.put(Op.FIND_BY_ID, rate(num, System.nanoTime() - t0));

        long results = 0;
        long expected = 0;
        int[] picks = new int[customers];
        for (int q = 0; q < customers; q++) {
            picks[q] = random.nextInt(customers);
            expected += num / customers + (picks[q] < num % customers ? 1 : 0);
        }
        t0 = System.nanoTime();
        for (int q = 0; q < customers; q++) {
            results += driver.findByCustomer(customer(pass, picks[q]));
        }
        rates.put(Op.FIND_BY_CUSTOMER, rate(customers, System.nanoTime() - t0));

        int[] order = dev.lsmkv.bench.DbBench.shuffled(num, random.nextLong());
        t0 = System.nanoTime();
        for (int i : order) {
            driver.save(base + i, customer(pass, i % customers), 101 + i % 10_000, "PAID", false);
        }
        rates.put(Op.UPDATE, rate(num, System.nanoTime() - t0));

        long visible = 0;
        for (int i = 0; i < num; i += Math.max(1, num / 100)) {
            visible += "PAID".equals(driver.findStatus(base + i)) ? 1 : 0;
        }
        long checked = (num + Math.max(1, num / 100) - 1) / Math.max(1, num / 100);
        Counts counts = new Counts(num, found, customers, results, expected, num, visible);
        if (found != num || results != expected || visible != checked) {
            throw new IllegalStateException("wrong results in pass " + pass + ": " + counts
                    + " (updates checked: " + checked + ")");
        }
        return counts;
    }

    private static String customer(int pass, int k) {
        return "p" + pass + "-c" + k;
    }

    private static double rate(long ops, long nanos) {
        return ops * 1e9 / Math.max(1, nanos);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    // ---------------------------------------------------------------- report

    static String report(int num, List<StoreResult> results) {
        Map<String, StoreResult> byName = new LinkedHashMap<>();
        results.forEach(r -> byName.put(r.name(), r));
        StringBuilder out = new StringBuilder();
        out.append("## Spring level: repositories on lsmkv, Spring Data JDBC (H2 file) and the map store\n\n");
        out.append(String.format(Locale.ROOT,
                "num = %,d orders, %,d customers (~10 orders each); ops/s, median of %d passes after %d warm-up pass; "
                        + "Java %s, %d cores.%n%n",
                num, num / 10, MEASURED_PASSES, WARMUP_PASSES, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        out.append("| operation |");
        results.forEach(r -> out.append(' ').append(r.name()).append(" |"));
        out.append(" lsmkv/jdbc | lsmkv/map |\n|---|");
        results.forEach(r -> out.append("---:|"));
        out.append("---:|---:|\n");
        for (Op op : Op.values()) {
            out.append("| ").append(op.label).append(" |");
            results.forEach(r -> out.append(' ').append(formatRate(r.opsPerSecond().get(op))).append(" |"));
            out.append(' ').append(ratio(byName, op, "jdbc")).append(" | ")
                    .append(ratio(byName, op, "map")).append(" |\n");
        }
        out.append('\n');
        out.append("Target: repository save/findById at least 10× Spring Data JDBC on an H2 file database (`jdbc` row):");
        for (Op op : List.of(Op.SAVE, Op.FIND_BY_ID, Op.UPDATE)) {
            double r = ratioValue(byName, op, "jdbc");
            out.append(String.format(Locale.ROOT, " %s %s (%.1f×)%s", op.label, Double.isNaN(r) ? "n/a" : r >= 10 ? "PASS" : "MISS",
                    r, op == Op.UPDATE ? "." : ";"));
        }
        out.append("\n\nStores:\n\n");
        results.forEach(r -> out.append("- `").append(r.name()).append("`: ").append(r.description()).append('\n'));
        out.append("\nChecks (last pass):\n\n");
        out.append("| store | saved | findById found | queries | query results | expected | updated | updates visible (sampled) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StoreResult r : results) {
            Counts c = r.counts();
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d |%n", r.name(), c.saved(),
                    c.found(), c.queries(), c.queryResults(), c.expectedQueryResults(), c.updated(), c.updatesVisible()));
        }
        return out.toString();
    }

    private static String formatRate(Double rate) {
        return rate == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", rate);
    }

    private static double ratioValue(Map<String, StoreResult> byName, Op op, String other) {
        StoreResult lsm = byName.get("lsmkv");
        StoreResult o = byName.get(other);
        if (lsm == null || o == null) {
            return Double.NaN;
        }
        return lsm.opsPerSecond().get(op) / o.opsPerSecond().get(op);
    }

    private static String ratio(Map<String, StoreResult> byName, Op op, String other) {
        double r = ratioValue(byName, op, other);
        return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f×", r);
    }

    // ---------------------------------------------------------------- stores

    private static SpringApplicationBuilder builder(Class<?> config) {
        return new SpringApplicationBuilder(config)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false);
    }

    private static Map<String, Object> quiet() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("logging.level.root", "WARN");
        return p;
    }

    /** lsmkv: the starter's auto-configuration and {@code @EnableLsmRepositories}, nothing else. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(LsmAutoConfiguration.class)
    @EnableLsmRepositories(basePackageClasses = LsmOrderRepository.class)
    static class LsmConfig {
    }

    private static Driver lsm(Path dir) {
        Map<String, Object> p = quiet();
        p.put("lsm.data-dir", dir.toString());
        p.put("lsm.sync-mode", "none");
        ConfigurableApplicationContext ctx = builder(LsmConfig.class).properties(p).run();
        return keyValue(ctx, ctx.getBean(LsmOrderRepository.class));
    }

    /** map: {@code @EnableMapRepositories} registers its own template; no auto-configuration. */
    @Configuration(proxyBeanMethods = false)
    @EnableMapRepositories(basePackageClasses = MapOrderRepository.class)
    static class MapConfig {
    }

    private static Driver map() {
        ConfigurableApplicationContext ctx = builder(MapConfig.class).properties(quiet()).run();
        return keyValue(ctx, ctx.getBean(MapOrderRepository.class));
    }

    /** The driver of a KeyValue store: the same entity and repository methods for lsm and map. */
    private static Driver keyValue(ConfigurableApplicationContext ctx, KvOrderRepository repo) {
        return new Driver() {
            public void save(long id, String customer, long amount, String status, boolean isNew) {
                repo.save(new KvOrder(id, customer, amount, status, CREATED));
            }
            public String findStatus(long id) {
                return repo.findById(id).map(KvOrder::getStatus).orElse(null);
            }
            public int findByCustomer(String customer) {
                return repo.findByCustomer(customer).size();
            }
            public void deleteAll() {
                repo.deleteAll();
            }
            public void close() {
                ctx.close();
            }
        };
    }

    /**
     * jdbc: DataSource (Hikari), JdbcTemplate, transaction manager and Spring Data JDBC's
     * auto-configuration, repositories enabled with {@code @EnableJdbcRepositories}.
     */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            DataJdbcRepositoriesAutoConfiguration.class})
    @EnableJdbcRepositories(basePackageClasses = JdbcOrder.class)
    static class JdbcConfig {
    }

    private static Driver jdbc(Path dir, String urlSettings) {
        Map<String, Object> p = quiet();
        p.put("spring.datasource.url", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("orders")
                + ";DB_CLOSE_ON_EXIT=FALSE" + urlSettings);
        p.put("spring.datasource.username", "sa");
        p.put("spring.datasource.password", "");
        ConfigurableApplicationContext ctx = builder(JdbcConfig.class).properties(p).run();
        new ResourceDatabasePopulator(new ClassPathResource("dev/lsmkv/bench/spring/jdbc/schema.sql"))
                .execute(ctx.getBean(DataSource.class));
        JdbcOrderRepository repo = ctx.getBean(JdbcOrderRepository.class);
        return new Driver() {
            public void save(long id, String customer, long amount, String status, boolean isNew) {
                repo.save(new JdbcOrder(id, customer, amount, status, CREATED, isNew));
            }
            public String findStatus(long id) {
                return repo.findById(id).map(JdbcOrder::getStatus).orElse(null);
            }
            public int findByCustomer(String customer) {
                return repo.findByCustomer(customer).size();
            }
            public void deleteAll() {
                repo.deleteAll();
            }
            public void close() {
                ctx.close();
            }
        };
    }
}
