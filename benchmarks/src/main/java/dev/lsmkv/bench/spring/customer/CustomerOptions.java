package dev.lsmkv.bench.spring.customer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@link CustomerBench} ({@code --name=value}, as DbBench's). The runner
 * passes the same options to every store's JVM, plus {@code --child_store} and {@code --dir}.
 *
 * @param num             N: customers saved one by one; the store holds N for the read workloads
 * @param seed            seed of every random choice (save order, picks); the same for every store
 * @param warmup          customers of the unmeasured warm-up pass (the whole sequence in a scratch
 *                        directory of the same JVM, before the measured pass); 0: none
 * @param warmupRounds    how many times the warm-up pass runs (each in a fresh scratch directory),
 *                        so that the JIT compiler is done before the measured pass
 * @param passes          measured passes per store JVM, each on a fresh store; a figure is the
 *                        median pass's (for A/B runs on a noisy machine)
 * @param maxSeconds      wall-clock cap per workload: a workload still running then stops and is
 *                        reported as "did not finish"
 * @param storeMaxSeconds wall-clock cap per store JVM (warm-up included): the runner kills it then
 *                        and reports its missing workloads as "did not finish"
 * @param countSeconds    seconds each count() workload calls count() for (at least 10 calls)
 * @param threads         T of the multi-threaded save+findById workload (its 1-thread twin runs first)
 * @param pairs           save+findById pairs per save+findById workload, over all its threads
 * @param stores          stores, in run order
 * @param out             the Markdown report (the runner writes it)
 * @param dir             parent of the stores' fresh temporary directories
 * @param jvmArgs         options of every store's JVM
 * @param childStore      set in a store's JVM: the store to run (internal)
 */
public record CustomerOptions(int num, long seed, int warmup, int warmupRounds, int passes, long maxSeconds, long storeMaxSeconds, double countSeconds,
                              int threads, int pairs, List<String> stores, Path out, Path dir, List<String> jvmArgs,
                              String childStore) {

    static final String DEFAULT_JVM_ARGS = "-Xms1g -Xmx1g";

    static final String USAGE = """
            Usage: java -cp benchmarks/target/benchmarks.jar dev.lsmkv.bench.spring.customer.CustomerBench [--name=value ...]
              --num=100000          N: customers saved one by one (saveAll adds N more, deleteById removes them)
              --stores=map,jdbc,lsm-always,lsm-none   one JVM each, in this order
              --seed=301            same entities, order and random picks for every store
              --warmup=<min(num,10000)>   customers of the unmeasured warm-up pass in each store's JVM (0: none)
              --warmup_rounds=3     times the warm-up pass runs before the measured pass (JIT compilation)
              --passes=1            measured passes per store, each on a fresh store; figures are the median pass's
              --max_seconds=120     a workload still running after this long stops: "did not finish"
              --store_max_seconds=1800    a store's JVM still running after this long is killed
              --count_seconds=2     each count() workload calls count() for this long
              --threads=4           T of the multi-threaded save+findById workload
              --pairs=<num/2>       save+findById pairs per save+findById workload
              --out=target/customer_bench.md
              --dir=<java.io.tmpdir>      each store gets a fresh temporary directory here, deleted after it
              --jvm_args="-Xms1g -Xmx1g"  options of each store's JVM (space-separated)
            """;

    /** The defaults at {@code num} customers. */
    public static CustomerOptions defaults(int num) {
        return parse(new String[] {"--num=" + num});
    }

    /** These options with another seed, per-workload cap and parent directory (DbBench's). */
    public CustomerOptions with(long seed, long maxSeconds, Path dir) {
        return new CustomerOptions(num, seed, warmup, warmupRounds, passes, maxSeconds, storeMaxSeconds, countSeconds, threads, pairs, stores,
                out, dir, jvmArgs, childStore);
    }

    public static CustomerOptions parse(String[] args) {
        long num = 100_000;
        long seed = 301;
        Long warmup = null;
        long warmupRounds = 3;
        long passes = 1;
        long maxSeconds = 120;
        long storeMaxSeconds = 1800;
        double countSeconds = 2;
        long threads = 4;
        Long pairs = null;
        String stores = String.join(",", CustomerStores.ALL);
        Path out = Path.of("target", "customer_bench.md");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        String jvmArgs = DEFAULT_JVM_ARGS;
        String childStore = null;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg + "\n" + USAGE);
            }
            String name = arg.substring(2, eq).replace('-', '_').toLowerCase(Locale.ROOT);
            String value = arg.substring(eq + 1);
            switch (name) {
                case "num" -> num = parseCount(value);
                case "seed" -> seed = Long.parseLong(value);
                case "warmup" -> warmup = parseCount(value);
                case "warmup_rounds" -> warmupRounds = parseCount(value);
                case "passes" -> passes = parseCount(value);
                case "max_seconds" -> maxSeconds = parseCount(value);
                case "store_max_seconds" -> storeMaxSeconds = parseCount(value);
                case "count_seconds" -> countSeconds = Double.parseDouble(value);
                case "threads" -> threads = parseCount(value);
                case "pairs" -> pairs = parseCount(value);
                case "stores" -> stores = value;
                case "out" -> out = Path.of(value);
                case "dir" -> dir = Path.of(value);
                case "jvm_args" -> jvmArgs = value;
                case "child_store" -> childStore = value;
                default -> throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
            }
        }
        if (num < 100) {
            throw new IllegalArgumentException("--num must be at least 100 (count() runs at N/10 and N), was " + num);
        }
        long w = warmup == null ? Math.min(num, 10_000) : warmup;
        if (w != 0 && w < 100) {
            throw new IllegalArgumentException("--warmup must be 0 or at least 100, was " + w);
        }
        if (warmupRounds < 1) {
            throw new IllegalArgumentException("--warmup_rounds must be at least 1 (--warmup=0 skips the warm-up), was "
                    + warmupRounds);
        }
        if (passes < 1) {
            throw new IllegalArgumentException("--passes must be at least 1, was " + passes);
        }
        long p = pairs == null ? num / 2 : pairs;
        if (threads < 1 || p < threads) {
            throw new IllegalArgumentException("--threads must be at least 1 and --pairs at least --threads");
        }
        // Indexes: [0, N) saved one by one, [N, 2N) by saveAll, then 2 x pairs for save+findById,
        // then one scratch customer (CustomerRun.firstUse).
        if (2 * num + 2 * p >= 1_000_000_000L - 1) {
            throw new IllegalArgumentException("2*num + 2*pairs must stay below 10^9 (9-digit ids)");
        }
        List<String> storeList = split(stores);
        for (String s : storeList) {
            CustomerStores.describe(s); // throws for an unknown store
        }
        if (storeList.isEmpty()) {
            throw new IllegalArgumentException("--stores is empty");
        }
        return new CustomerOptions((int) num, seed, (int) w, (int) warmupRounds, (int) passes, Math.max(1, maxSeconds), Math.max(1, storeMaxSeconds),
                Math.max(0.001, countSeconds), (int) threads, (int) p, storeList, out, dir, Arrays.stream(jvmArgs.trim().split("\\s+")).filter(x -> !x.isEmpty()).toList(),
                childStore);
    }

    /** The arguments of a store's JVM: these options for {@code store}, working in {@code storeDir}. */
    List<String> childArgs(String store, Path storeDir) {
        List<String> a = new ArrayList<>();
        a.add("--num=" + num);
        a.add("--seed=" + seed);
        a.add("--warmup=" + warmup);
        a.add("--warmup_rounds=" + warmupRounds);
        a.add("--passes=" + passes);
        a.add("--max_seconds=" + maxSeconds);
        a.add("--store_max_seconds=" + storeMaxSeconds);
        a.add("--count_seconds=" + countSeconds);
        a.add("--threads=" + threads);
        a.add("--pairs=" + pairs);
        a.add("--stores=" + store);
        a.add("--dir=" + storeDir.toAbsolutePath());
        a.add("--child_store=" + store);
        return a;
    }

    /** The same options scaled to the warm-up pass's size (pairs in proportion). */
    CustomerOptions warmUpPass() {
        int p = (int) Math.max(threads, (long) pairs * warmup / num);
        return new CustomerOptions(warmup, seed, 0, 1, 1, maxSeconds, storeMaxSeconds, Math.min(countSeconds, 0.5), threads, p,
                stores, out, dir, jvmArgs, childStore);
    }

    private static long parseCount(String s) {
        String v = s.replace("_", "").trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (v.endsWith("k")) {
            mult = 1000;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            mult = 1_000_000;
            v = v.substring(0, v.length() - 1);
        }
        return Long.parseLong(v) * mult;
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
