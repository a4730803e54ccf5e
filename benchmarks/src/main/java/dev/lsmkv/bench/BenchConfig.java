package dev.lsmkv.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@link DbBench}, db_bench style ({@code --name=value}). Every setting that
 * shapes the comparison applies to all stores alike.
 *
 * @param num             entries written by each fill (the key space is [0, num))
 * @param reads           operations of each read workload (seekrandom does reads/10 seeks)
 * @param syncNum         writes of each durable (fsync per write) workload, over all its threads
 * @param valueSize       bytes per value; half random, half a repeat of that half (compression ratio 0.5)
 * @param cacheSize       block cache bytes per store
 * @param writeBufferSize memtable (write buffer) bytes per store
 * @param bloomBits       bloom filter bits per key
 * @param warmup          operations of an unmeasured fill and read on a scratch store first (JIT warm-up)
 * @param seed            seed of every random choice; the same seed gives each store the same keys
 * @param repeat          runs of each workload per store, alternating stores; the report takes the median
 * @param benchmarks      workload names, in order
 * @param stores          store names, in order
 * @param out             where the Markdown report is written
 * @param charts          directory of the two PNG charts; null: none
 * @param db              parent directory of the stores' directories
 * @param keep            leave the stores' directories in place at the end (to look at the files)
 * @param maxSeconds      a measured run stops after this many seconds with the operations done so far
 * @param springNum       entities per pass of the Spring-level benchmark (SpringBench) after the stores; 0: skip it
 * @param customerNum     N of the Customer benchmark (CustomerBench, one JVM per store) after SpringBench; 0: skip it
 * @param dynamicLevels   level targets follow the data in lsmkv and RocksDB alike (both stores' default);
 *                        false: fixed targets, L1 64 MiB x10 per level
 * @param mmapReads       tables read through memory mappings in lsmkv ({@code EngineOptions.mmapReads}) and
 *                        RocksDB ({@code allow_mmap_reads}) alike; false (both stores' default): positional reads
 * @param mmapWrites      the WAL of the non-durable workloads written through a memory mapping: true in lsmkv
 *                        ({@code EngineOptions.walMmapWrites}) and RocksDB ({@code allow_mmap_writes}) alike, false
 *                        in neither; null (the default): each store's default, lsmkv mapped (on Linux), RocksDB
 *                        with write calls
 * @param walPreallocate  lsmkv's WAL written into space preallocated with zeros ({@code EngineOptions.walPreallocate},
 *                        its default); RocksDB has no counterpart for a fresh store (it reuses old WAL files only
 *                        with recycle_log_file_num, off by default, and never within a run this short)
 */
record BenchConfig(long num, long reads, long syncNum, int valueSize, long cacheSize, long writeBufferSize, int bloomBits,
                   long warmup, long seed, int repeat, List<String> benchmarks, List<String> stores, Path out, Path charts,
                   Path db, boolean keep, long maxSeconds, int springNum, int customerNum,
                   boolean dynamicLevels, boolean mmapReads, Boolean mmapWrites,
                   boolean walPreallocate) {

    static final int KEY_SIZE = 16;

    static final String DEFAULT_BENCHMARKS = "fillseq,fillrandom,compact,overwrite,readrandom,readmissing,readseq,seekrandom,"
            + "readrandom-2t,readwhilewriting,fillsync-1t,fillsync-4t";

    static final String USAGE = """
            Usage: java -jar benchmarks/target/benchmarks.jar [--name=value ...]
              --num=1000000         entries per fill; key space [0, num)
              --reads=<num>         operations per read workload
              --sync_num=<num/100>  writes per durable workload (fsync every write)
              --benchmarks=%s
              --stores=lsmkv,rocksdb          (also: mvstore, H2 MVStore; lmdb, LMDB; see MvStoreStore, LmdbStore for what differs)
              --value_size=100  --cache_size=67108864  --write_buffer_size=67108864  --bloom_bits=10
              --warmup=50000        unmeasured ops on a scratch store first (0: none)
              --seed=301
              --repeat=3            runs per workload and store (alternating); the report shows the median
              --out=target/db_bench.md
              --charts=<directory of --out>   <out name>-throughput.png, -latency.png (off: none)
              --db=<java.io.tmpdir>/lsmkv-db_bench-<pid>   (deleted at the end unless --keep=true)
              --keep=false
              --max_seconds=120     a run stops after this long and reports what it did (a store that stalls)
              --spring_num=20000    entities of the Spring-level benchmark appended to the report (0: skip it)
              --customer_num=100000 N of the Customer benchmark (one JVM per store) appended to the report (0: skip it)
              --dynamic_levels=true level targets follow the data in both stores (false: fixed, L1 64 MiB x10)
              --mmap_reads=false    true: both stores read tables through memory mappings (lsmkv mmapReads, RocksDB allow_mmap_reads)
              --mmap_writes=default each store's default WAL writes (lsmkv: mapped on Linux; RocksDB: write calls);
                                    true: both write the WAL through mappings (walMmapWrites, allow_mmap_writes); false: neither
              --wal_preallocate=true  lsmkv writes its WAL into preallocated zeros (walPreallocate, its default); false: appends
            """.formatted(DEFAULT_BENCHMARKS);

    static BenchConfig parse(String[] args) {
        long num = 1_000_000;
        Long reads = null;
        Long syncNum = null;
        int valueSize = 100;
        long cacheSize = 64L << 20;
        long writeBufferSize = 64L << 20;
        int bloomBits = 10;
        long warmup = 50_000;
        long seed = 301;
        int repeat = 3;
        String benchmarks = DEFAULT_BENCHMARKS;
        String stores = "lsmkv,rocksdb";
        Path out = Path.of("target", "db_bench.md");
        String charts = null;
        Path db = Path.of(System.getProperty("java.io.tmpdir"), "lsmkv-db_bench-" + ProcessHandle.current().pid());
        boolean keep = false;
        long maxSeconds = 120;
        long springNum = 20_000;
        long customerNum = 100_000;
        boolean dynamicLevels = true;
        boolean mmapReads = false;
        Boolean mmapWrites = null;
        boolean walPreallocate = true;
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
                case "reads" -> reads = parseCount(value);
                case "sync_num" -> syncNum = parseCount(value);
                case "value_size" -> valueSize = (int) parseCount(value);
                case "cache_size" -> cacheSize = parseCount(value);
                case "write_buffer_size" -> writeBufferSize = parseCount(value);
                case "bloom_bits" -> bloomBits = (int) parseCount(value);
                case "warmup" -> warmup = parseCount(value);
                case "seed" -> seed = Long.parseLong(value);
                case "repeat" -> repeat = (int) parseCount(value);
                case "benchmarks" -> benchmarks = value;
                case "stores" -> stores = value;
                case "out" -> out = Path.of(value);
                case "charts" -> charts = value;
                case "db" -> db = Path.of(value);
                case "keep" -> keep = Boolean.parseBoolean(value);
                case "max_seconds" -> maxSeconds = parseCount(value);
                case "spring_num" -> springNum = parseCount(value);
                case "customer_num" -> customerNum = parseCount(value);
                case "dynamic_levels" -> dynamicLevels = Boolean.parseBoolean(value);
                case "mmap_reads" -> mmapReads = Boolean.parseBoolean(value);
                case "mmap_writes" -> mmapWrites = value.equals("default") ? null : parseBoolean(name, value);
                case "wal_preallocate" -> walPreallocate = parseBoolean(name, value);
                default -> throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
            }
        }
        if (num < 10) {
            throw new IllegalArgumentException("--num must be at least 10, was " + num);
        }
        return new BenchConfig(num, reads == null ? num : reads, syncNum == null ? Math.max(1000, num / 100) : syncNum,
                valueSize, cacheSize, writeBufferSize, bloomBits, warmup, seed, Math.max(1, repeat), split(benchmarks),
                split(stores), out, chartsDir(charts, out), db, keep, Math.max(1, maxSeconds),
                (int) Math.min(Integer.MAX_VALUE, Math.max(0, springNum)),
                (int) Math.min(Integer.MAX_VALUE, Math.max(0, customerNum)), dynamicLevels, mmapReads, mmapWrites,
                walPreallocate);
    }

    private static boolean parseBoolean(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("--" + name + " takes true, false or default, not " + value);
        }
        return Boolean.parseBoolean(value);
    }

    /** The charts' directory: {@code value}, none for "off", next to the report when not given. */
    private static Path chartsDir(String value, Path out) {
        if (value == null) {
            Path parent = out.toAbsolutePath().getParent();
            return parent == null ? Path.of("") : parent;
        }
        return value.equals("off") ? null : Path.of(value);
    }

    /** Accepts 1000000, 1_000_000, 1M, 64MiB-style suffixes (K/M/G as powers of 1000, KiB/MiB/GiB of 1024). */
    private static long parseCount(String s) {
        String v = s.replace("_", "").trim();
        String lower = v.toLowerCase(Locale.ROOT);
        long mult = 1;
        for (String[] suffix : new String[][] {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"},
                {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}}) {
            if (lower.endsWith(suffix[0])) {
                mult = Long.parseLong(suffix[1]);
                v = v.substring(0, v.length() - suffix[0].length());
                break;
            }
        }
        return Long.parseLong(v) * mult;
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
