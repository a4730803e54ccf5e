package dev.lsmkv.bench.ycsb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@link YcsbBench} ({@code --name=value}, names as db_bench and DbBench
 * spell them). Every setting applies to all stores alike.
 *
 * @param records         recordcount: records of each load
 * @param operations      operationcount: operations of each run phase, over all threads
 * @param threads         client threads of every phase (YCSB's -threads)
 * @param stores          store names, in the order they run within a phase
 * @param workloads       YCSB core workloads to run after the load, in order
 * @param seed            seed of every random choice; the same seed gives each store the same operations
 * @param out             where the Markdown report is written
 * @param maxSeconds      a phase stops after this many seconds with the operations done so far
 * @param warmup          records and operations of an unmeasured load and workload A on a scratch store first;
 *                        the default, 150,000 records of 1,140 bytes (171 MB), is more than twice the default
 *                        block cache, so the warm-up's reads miss and evict blocks as the measured phases' do:
 *                        with 50,000 (57 MB) the scratch store fit in the cache, the eviction paths were first
 *                        compiled (and others deoptimized) during the measured A, 1.0-1.3 s of JIT compiler time
 *                        in a 2.3-3.7 s phase (docs/benchmarks.md, tenth session)
 * @param cacheSize       block cache bytes per store
 * @param writeBufferSize memtable (write buffer) bytes per store
 * @param bloomBits       bloom filter bits per key
 * @param db              parent directory of the stores' directories
 * @param keep            leave the stores' directories in place at the end
 * @param isolate         run every phase of one store, then close and delete it, before the next
 *                        store starts (YCSB's own way: one client process per binding), instead of
 *                        interleaving the stores phase by phase; for data sets that do not fit the
 *                        page cache twice
 * @param mmapReads       lsmkv and RocksDB read tables through memory mappings (mmapReads, allow_mmap_reads)
 */
record YcsbOptions(long records, long operations, int threads, List<String> stores, List<WorkloadSpec> workloads,
                   long seed, Path out, long maxSeconds, long warmup, long cacheSize, long writeBufferSize, int bloomBits,
                   Path db, boolean keep, boolean isolate, boolean mmapReads) {

    static final String USAGE = """
            Usage: java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.lsmkv.bench.ycsb.YcsbBench [--name=value ...]
              --records=1000000     recordcount: records per load (1 KB each: 10 fields x 100 bytes)
              --operations=<records>  operationcount: operations per run phase, over all threads
              --threads=2           client threads of every phase
              --workloads=a,b,c,f,d,e   run phases after the load, in order; a workload that inserts
                                    after another that inserted gets a fresh load first (load-E)
              --stores=lsmkv,rocksdb          (also mvstore, lmdb)
              --seed=301
              --out=target/ycsb.md
              --max_seconds=600     a phase stops after this long and reports what it did
              --warmup=150000       unmeasured load + workload A on a scratch store (1 MiB write buffer) per store first (0: none)
              --cache_size=64MiB  --write_buffer_size=64MiB  --bloom_bits=10
              --db=<java.io.tmpdir>/lsmkv-ycsb-<pid>   (deleted at the end unless --keep=true)
              --keep=false
              --isolate=false       true: all phases of one store, its files deleted, then the next store
                                    (when two stores' files do not fit in the page cache together)
              --mmap_reads=false    true: lsmkv and RocksDB read tables through memory mappings
            """;

    static YcsbOptions parse(String[] args) {
        long records = 1_000_000;
        Long operations = null;
        int threads = 2;
        String stores = "lsmkv,rocksdb";
        String workloads = "a,b,c,f,d,e";
        long seed = 301;
        Path out = Path.of("target", "ycsb.md");
        long maxSeconds = 600;
        long warmup = 150_000;
        long cacheSize = 64L << 20;
        long writeBufferSize = 64L << 20;
        int bloomBits = 10;
        Path db = Path.of(System.getProperty("java.io.tmpdir"), "lsmkv-ycsb-" + ProcessHandle.current().pid());
        boolean keep = false;
        boolean isolate = false;
        boolean mmapReads = false;
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
                case "records" -> records = parseCount(value);
                case "operations" -> operations = parseCount(value);
                case "threads" -> threads = (int) parseCount(value);
                case "stores" -> stores = value;
                case "workloads" -> workloads = value;
                case "seed" -> seed = Long.parseLong(value);
                case "out" -> out = Path.of(value);
                case "max_seconds" -> maxSeconds = parseCount(value);
                case "warmup" -> warmup = parseCount(value);
                case "cache_size" -> cacheSize = parseCount(value);
                case "write_buffer_size" -> writeBufferSize = parseCount(value);
                case "bloom_bits" -> bloomBits = (int) parseCount(value);
                case "db" -> db = Path.of(value);
                case "keep" -> keep = Boolean.parseBoolean(value);
                case "isolate" -> isolate = Boolean.parseBoolean(value);
                case "mmap_reads" -> mmapReads = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
            }
        }
        if (records < 100 || records > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--records must be between 100 and " + Integer.MAX_VALUE
                    + " (YCSB numbers records with ints), was " + records);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, was " + threads);
        }
        for (String store : split(stores)) {
            if (!List.of("lsmkv", "rocksdb", "mvstore", "lmdb").contains(store)) {
                throw new IllegalArgumentException("unknown store '" + store + "' in --stores (lsmkv, rocksdb, mvstore, lmdb)");
            }
        }
        List<WorkloadSpec> specs = new ArrayList<>();
        for (String w : split(workloads)) {
            specs.add(WorkloadSpec.named(w));
        }
        return new YcsbOptions(records, operations == null ? records : operations, threads, split(stores), specs, seed,
                out, Math.max(1, maxSeconds), Math.max(0, warmup), cacheSize, writeBufferSize, bloomBits, db, keep, isolate,
                mmapReads);
    }

    /** Accepts 1000000, 1_000_000, 1M (K/M/G powers of 1000), 64MiB (KiB/MiB/GiB powers of 1024). */
    static long parseCount(String s) {
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
        try {
            return Long.parseLong(v) * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a count like 1000000, 1M or 64MiB, got '" + s + "'", e);
        }
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
