package dev.lsmkv.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * A db_bench-style runner: the same workloads, on the same keys and values, against each
 * {@link Store}, with throughput and latency percentiles per workload, and a Markdown report with
 * the lsmkv/other ratios and the engine's speed targets.
 *
 * <p>Workloads (db_bench names; N = --num, R = --reads, S = --sync_num):
 * <ul>
 *   <li>fillseq: N puts in key order into a fresh store.</li>
 *   <li>fillrandom: N puts of every key of [0, N) in a shuffled order into a fresh store (a
 *       permutation, unlike db_bench, so that every later read of [0, N) hits).</li>
 *   <li>overwrite: N puts of uniformly random keys of [0, N) into the existing store.
 *       overwrite-4t: the same split over 4 threads (writers queued behind one another).</li>
 *   <li>readrandom: R gets of random existing keys. readrandom-2t: the same split over 2 threads.</li>
 *   <li>readmissing: R gets of absent keys that sort among the present ones.</li>
 *   <li>readseq: one full forward scan; ops = entries read.</li>
 *   <li>seekrandom: R/10 times: open a cursor at a random key and read 10 more entries.</li>
 *   <li>readwhilewriting: R gets on one thread while another thread overwrites random keys as fast
 *       as it can; the figures are the reader's.</li>
 *   <li>fillsync-1t, fillsync-4t: S durable puts (fsync per write; lsmkv SyncMode.ALWAYS, RocksDB
 *       sync=true) of random keys into a fresh store, from 1 and from 4 threads.</li>
 * </ul>
 * All other writes are non-durable (lsmkv SyncMode.NONE, RocksDB sync=false), WAL on.
 *
 * <p>Method: workloads run in order; within one workload, each store runs in turn, --repeat times
 * (lsmkv, RocksDB, lsmkv, RocksDB, ...), so drift of a noisy machine hits both alike; the report
 * takes each store's median run and the ratios of one run are the figures that count. After every
 * write workload the runner waits (unmeasured) until the store's compactions are idle, so the
 * next store is not measured against another's background work. Before the first read after
 * writes it flushes the memtable, waits again, and does R/10 unmeasured random gets, so reads run
 * over flushed, cache-warm files. Latency is taken per operation with one {@link System#nanoTime()}
 * per operation (the end of one is the start of the next) into an HdrHistogram.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar --num=1000000} (see docs/benchmarks.md).
 */
public final class DbBench {

    private static final Duration IDLE_WAIT = Duration.ofMinutes(5);

    private final BenchConfig config;
    private final KeyValues kv;
    private final int[] permutation;
    private final List<Result> results = new ArrayList<>();
    private final Map<String, String> shapes = new LinkedHashMap<>();
    private final Map<String, StoreState> states = new LinkedHashMap<>();

    /** A store and what the runner knows of the data in it. */
    private static final class StoreState {
        final Store store;
        final Path dir;
        boolean open;
        boolean durable;
        /** Every key of [0, num) is present. */
        boolean loaded;
        /** Writes since the last flush and warm-up. */
        boolean dirty;
        /** The workload running or last run on this store. */
        String lastWorkload = "";

        StoreState(Store store, Path dir) {
            this.store = store;
            this.dir = dir;
        }
    }

    /** One operation of a workload, for one thread; false means there is nothing more to do. */
    @FunctionalInterface
    private interface Op {
        boolean run(long i);
    }

    /** Makes the per-thread operation (its own key buffer, its own random) for thread {@code t}. */
    @FunctionalInterface
    private interface OpFactory {
        Op create(int t);
    }

    DbBench(BenchConfig config) {
        this.config = config;
        this.kv = new KeyValues(config.valueSize(), config.seed());
        if (config.num() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--num must be at most " + Integer.MAX_VALUE);
        }
        this.permutation = shuffled((int) config.num(), config.seed());
    }

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.parse(args);
        new DbBench(config).run();
    }

    void run() throws Exception {
        Environment env = Environment.capture();
        System.out.println(env.describe(config));
        Files.createDirectories(config.db());
        for (String name : config.stores()) {
            states.put(name, new StoreState(newStore(name), config.db().resolve(name)));
        }
        try {
            if (config.warmup() > 0) {
                for (StoreState s : states.values()) {
                    warmUp(s);
                }
            }
            for (String workload : config.benchmarks()) {
                // A full compaction of compacted data measures nothing new: it runs once.
                int reps = workload.equals("compact") ? 1 : config.repeat();
                for (int rep = 0; rep < reps; rep++) {
                    for (StoreState s : states.values()) {
                        System.gc();
                        s.lastWorkload = workload;
                        Result r = runOne(s, workload);
                        results.add(r);
                        System.out.println(progressLine(r));
                    }
                }
            }
            for (StoreState s : states.values()) {
                if (s.open) {
                    shapes.put(s.store.name() + " at the end (after " + s.lastWorkload + ")", s.store.shape());
                }
            }
        } finally {
            for (StoreState s : states.values()) {
                closeQuietly(s);
            }
            if (config.keep()) {
                System.out.println("stores kept under " + config.db());
            } else {
                deleteRecursively(config.db());
            }
        }
        String spring = config.springNum() > 0 ? springLevel() : "";
        String customer = config.customerNum() > 0 ? customerLevel() : "";
        env.finish();
        Path out = config.out().toAbsolutePath();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        String report = Report.markdown(config, env, results, shapes, writeCharts(out))
                + (spring.isEmpty() ? "" : "\n" + spring)
                + (customer.isEmpty() ? "" : "\n" + customer);
        System.out.println();
        System.out.println(report);
        Files.writeString(out, report);
        System.out.println("report written to " + config.out());
    }

    /** The Spring-level benchmark's Markdown section, run in a fresh directory under --db. */
    private String springLevel() throws IOException {
        Path dir = config.db().resolve("spring");
        Files.createDirectories(dir);
        System.out.println("Spring level: SpringBench with " + config.springNum() + " entities per pass");
        try {
            String section = dev.lsmkv.bench.spring.SpringBench.runAndReport(config.springNum(), dir);
            System.out.println(section);
            return section;
        } catch (RuntimeException e) {
            e.printStackTrace();
            return "## Spring level\n\nFAILED: " + e + "\n";
        } finally {
            if (!config.keep()) {
                deleteRecursively(config.db());
            }
        }
    }

    /**
     * The Customer benchmark's Markdown section: CustomerBench at {@code --customer_num}, with this
     * run's seed and {@code --max_seconds}, each store in its own JVM and fresh directory under --db.
     */
    private String customerLevel() throws IOException {
        Path dir = config.db().resolve("customer");
        Files.createDirectories(dir);
        System.out.println("Spring level: CustomerBench with N = " + config.customerNum());
        try {
            return dev.lsmkv.bench.spring.customer.CustomerBench.runAndReport(
                    dev.lsmkv.bench.spring.customer.CustomerOptions.defaults(config.customerNum())
                            .with(config.seed(), config.maxSeconds(), dir));
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            return "## Spring level: Customer repositories, one JVM per store\n\nFAILED: " + e + "\n";
        } finally {
            if (!config.keep()) {
                deleteRecursively(config.db());
            }
        }
    }

    /** Writes the charts (unless --charts=off) and returns their paths relative to the report's directory. */
    private List<String> writeCharts(Path out) {
        if (config.charts() == null || results.isEmpty()) {
            return List.of();
        }
        try {
            List<String> links = new ArrayList<>();
            for (Path chart : Charts.write(config.charts(), out, config.stores(), results)) {
                System.out.println("chart written to " + chart);
                links.add(out.getParent().relativize(chart.toAbsolutePath()).toString().replace('\\', '/'));
            }
            return links;
        } catch (IOException | RuntimeException e) {
            System.out.println("charts not written: " + e);
            return List.of();
        }
    }

    static Store newStore(String name) {
        return switch (name) {
            case "lsmkv" -> new LsmkvStore();
            case "rocksdb" -> new RocksDbStore();
            case "mvstore" -> new MvStoreStore();
            case "lmdb" -> new LmdbStore();
            default -> throw new IllegalArgumentException("unknown store " + name + " (lsmkv, rocksdb, mvstore, lmdb)");
        };
    }

    // ------------------------------------------------------------------ workloads

    private Result runOne(StoreState s, String workload) {
        try {
            return switch (workload) {
                case "fillseq" -> fill(s, workload, false, config.num(), 1, t -> {
                    byte[] key = KeyValues.newKey();
                    return i -> {
                        s.store.put(KeyValues.key(i, key), kv.value(i));
                        return true;
                    };
                }, true);
                case "fillrandom" -> fill(s, workload, false, config.num(), 1, t -> {
                    byte[] key = KeyValues.newKey();
                    return i -> {
                        s.store.put(KeyValues.key(permutation[(int) i], key), kv.value(i));
                        return true;
                    };
                }, true);
                case "compact" -> {
                    ensureLoaded(s);
                    s.store.awaitIdle(IDLE_WAIT);
                    long t0 = System.nanoTime();
                    s.store.compactAll();
                    long nanos = Math.max(1, System.nanoTime() - t0);
                    s.dirty = true;
                    // ops/s here: entries of the store compacted per second; no per-op latency.
                    yield new Result(s.store.name(), workload, 1, config.num(), nanos, null, Store.bytesOnDisk(s.dir),
                            s.store.writeAmplification(), "flush + full manual compaction of the data the last fill left; "
                            + "on disk and W-amp after it", false);
                }
                case "overwrite" -> {
                    ensureLoaded(s);
                    yield measureWrites(s, workload, config.num(), 1, randomPuts(s, workload));
                }
                case "overwrite-4t" -> {
                    ensureLoaded(s);
                    yield measureWrites(s, workload, config.num(), 4, randomPuts(s, workload));
                }
                case "fillsync-1t" -> fill(s, workload, true, config.syncNum(), 1, randomPuts(s, workload), false);
                case "fillsync-4t" -> fill(s, workload, true, config.syncNum(), 4, randomPuts(s, workload), false);
                case "readrandom" -> readRandom(s, workload, 1);
                case "readrandom-2t" -> readRandom(s, workload, 2);
                case "readmissing" -> {
                    prepareReads(s);
                    LongAdder found = new LongAdder();
                    Result r = measure(s, workload, config.reads(), 1, t -> {
                        byte[] key = KeyValues.newKey();
                        SplittableRandom rnd = random(workload, t);
                        return i -> {
                            if (s.store.get(KeyValues.missingKey(rnd.nextLong(config.num()), key)) != null) {
                                found.increment();
                            }
                            return true;
                        };
                    });
                    yield withNote(r, "found " + found.sum() + " (expected 0)");
                }
                case "readseq" -> {
                    prepareReads(s);
                    AtomicReference<Store.Scan> scan = new AtomicReference<>();
                    try {
                        yield measure(s, workload, Long.MAX_VALUE, 1, t -> {
                            Store.Scan c = s.store.scan(null);
                            scan.set(c);
                            return i -> {
                                if (!c.next()) {
                                    return false;
                                }
                                c.key();
                                c.value();
                                return true;
                            };
                        });
                    } finally {
                        if (scan.get() != null) {
                            scan.get().close();
                        }
                    }
                }
                case "seekrandom" -> {
                    prepareReads(s);
                    LongAdder entries = new LongAdder();
                    Result r = measure(s, workload, Math.max(1, config.reads() / 10), 1, t -> {
                        byte[] key = KeyValues.newKey();
                        SplittableRandom rnd = random(workload, t);
                        return i -> {
                            try (Store.Scan c = s.store.scan(KeyValues.key(rnd.nextLong(config.num()), key))) {
                                int n = 0;
                                while (n < 11 && c.next()) {
                                    c.key();
                                    c.value();
                                    n++;
                                }
                                entries.add(n);
                            }
                            return true;
                        };
                    });
                    yield withNote(r, "seek + 10 next; " + entries.sum() + " entries read");
                }
                case "readwhilewriting" -> readWhileWriting(s, workload);
                default -> throw new IllegalArgumentException("unknown benchmark " + workload
                        + " (" + BenchConfig.DEFAULT_BENCHMARKS + ", overwrite-4t)");
            };
        } catch (Throwable t) {
            t.printStackTrace();
            return Result.failed(s.store.name(), workload, t);
        }
    }

    /** A fill into a fresh store; the store holds every key of [0, num) afterwards iff {@code loads}. */
    private Result fill(StoreState s, String workload, boolean durable, long ops, int threads, OpFactory factory,
                        boolean loads) throws Exception {
        reopenFresh(s, durable);
        Result r = measureWrites(s, workload, ops, threads, factory);
        s.loaded = loads;
        return r;
    }

    private OpFactory randomPuts(StoreState s, String workload) {
        return t -> {
            byte[] key = KeyValues.newKey();
            SplittableRandom rnd = random(workload, t);
            return i -> {
                s.store.put(KeyValues.key(rnd.nextLong(config.num()), key), kv.value(i));
                return true;
            };
        };
    }

    private Result measureWrites(StoreState s, String workload, long ops, int threads, OpFactory factory)
            throws Exception {
        s.dirty = true;
        Result r = measure(s, workload, ops, threads, factory);
        long t0 = System.nanoTime();
        boolean idle = s.store.awaitIdle(IDLE_WAIT);
        System.out.printf(Locale.ROOT, "  %s %s: compactions idle after %.1f s%s%n", s.store.name(), workload,
                (System.nanoTime() - t0) / 1e9, idle ? "" : " (gave up waiting)");
        // Size and write amplification once the compactions this workload caused are done.
        return new Result(r.store(), r.workload(), r.threads(), r.ops(), r.nanos(), r.latency(),
                Store.bytesOnDisk(s.dir), s.store.writeAmplification(),
                (r.note().isEmpty() ? "" : r.note() + "; ") + s.store.writeNote(), r.error());
    }

    private Result readRandom(StoreState s, String workload, int threads) throws Exception {
        prepareReads(s);
        LongAdder found = new LongAdder();
        Result r = measure(s, workload, config.reads(), threads, t -> {
            byte[] key = KeyValues.newKey();
            SplittableRandom rnd = random(workload, t);
            return i -> {
                if (s.store.get(KeyValues.key(rnd.nextLong(config.num()), key)) != null) {
                    found.increment();
                }
                return true;
            };
        });
        return withNote(r, "found " + found.sum() + " of " + r.ops());
    }

    private Result readWhileWriting(StoreState s, String workload) throws Exception {
        prepareReads(s);
        s.dirty = true;
        LongAdder written = new LongAdder();
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            byte[] key = KeyValues.newKey();
            SplittableRandom rnd = random(workload + "-writer", 0);
            long i = 0;
            try {
                while (!stop.get()) {
                    s.store.put(KeyValues.key(rnd.nextLong(config.num()), key), kv.value(i++));
                    written.increment();
                }
            } catch (Throwable t) {
                writerError.set(t);
            }
        }, "db_bench-writer");
        writer.start();
        Result r;
        try {
            LongAdder found = new LongAdder();
            r = measure(s, workload, config.reads(), 1, t -> {
                byte[] key = KeyValues.newKey();
                SplittableRandom rnd = random(workload, t);
                return i -> {
                    if (s.store.get(KeyValues.key(rnd.nextLong(config.num()), key)) != null) {
                        found.increment();
                    }
                    return true;
                };
            });
            r = withNote(r, "found " + found.sum() + " of " + r.ops());
        } finally {
            stop.set(true); // not an interrupt: MVStore clears the flag when its file I/O is interrupted
            writer.join();
        }
        if (writerError.get() != null) {
            throw new IllegalStateException("writer failed", writerError.get());
        }
        r = withNote(r, String.format(Locale.ROOT, "writer %.0f puts/s; %s", written.sum() * 1e9 / r.nanos(),
                s.store.writeNote()));
        s.store.awaitIdle(IDLE_WAIT);
        return r;
    }

    // ------------------------------------------------------------------ store lifecycle

    private void reopenFresh(StoreState s, boolean durable) throws Exception {
        if (s.open && s.loaded) {
            shapes.put(s.store.name() + " before a fresh store for " + s.lastWorkload, s.store.shape());
        }
        closeQuietly(s);
        deleteRecursively(s.dir);
        Files.createDirectories(s.dir);
        s.store.open(s.dir, config, durable);
        s.open = true;
        s.durable = durable;
        s.loaded = false;
        s.dirty = false;
    }

    /** Makes sure the store is open, non-durable, and holds every key of [0, num). */
    private void ensureLoaded(StoreState s) throws Exception {
        if (s.open && s.loaded && !s.durable) {
            return;
        }
        System.out.printf("  %s: loading %d keys (unmeasured)%n", s.store.name(), config.num());
        reopenFresh(s, false);
        byte[] key = KeyValues.newKey();
        for (int i = 0; i < permutation.length; i++) {
            s.store.put(KeyValues.key(permutation[i], key), kv.value(i));
        }
        s.loaded = true;
        s.dirty = true;
    }

    /** Before a read: data loaded, memtable flushed, compactions idle, cache warmed (all unmeasured). */
    private void prepareReads(StoreState s) throws Exception {
        ensureLoaded(s);
        if (!s.dirty) {
            return;
        }
        long t0 = System.nanoTime();
        s.store.flush();
        boolean idle = s.store.awaitIdle(IDLE_WAIT);
        byte[] key = KeyValues.newKey();
        SplittableRandom rnd = random("warm", 0);
        for (long i = 0, n = Math.max(1, config.reads() / 10); i < n; i++) {
            s.store.get(KeyValues.key(rnd.nextLong(config.num()), key));
        }
        s.dirty = false;
        System.out.printf(Locale.ROOT, "  %s: flushed, compactions idle%s, warmed in %.1f s%n", s.store.name(),
                idle ? "" : " (gave up waiting)", (System.nanoTime() - t0) / 1e9);
    }

    private void warmUp(StoreState s) throws Exception {
        long n = Math.min(config.warmup(), config.num());
        Path dir = config.db().resolve(s.store.name() + "-warmup");
        Files.createDirectories(dir);
        Store store = newStore(s.store.name());
        try {
            store.open(dir, config, false);
            byte[] key = KeyValues.newKey();
            SplittableRandom rnd = random("warmup", 0);
            for (long i = 0; i < n; i++) {
                store.put(KeyValues.key(rnd.nextLong(config.num()), key), kv.value(i));
            }
            for (long i = 0; i < n; i++) {
                store.get(KeyValues.key(rnd.nextLong(config.num()), key));
            }
            store.flush();
            for (long i = 0; i < n; i++) {
                store.get(KeyValues.key(rnd.nextLong(config.num()), key));
            }
            try (Store.Scan c = store.scan(null)) {
                while (c.next()) {
                    c.key();
                    c.value();
                }
            }
        } catch (Throwable t) {
            System.out.println("  " + s.store.name() + ": warm-up failed: " + t);
        } finally {
            try {
                store.close();
            } catch (Throwable ignored) {
                // reported by the measured workloads
            }
            deleteRecursively(dir);
        }
    }

    private static void closeQuietly(StoreState s) {
        if (s.open) {
            s.open = false;
            try {
                s.store.close();
            } catch (Throwable t) {
                System.out.println("  " + s.store.name() + ": close failed: " + t);
            }
        }
    }

    // ------------------------------------------------------------------ measurement

    /**
     * Runs {@code ops} operations split evenly over {@code threads} threads (one thread may stop
     * early when its op returns false) and returns throughput and merged latencies.
     */
    private Result measure(StoreState s, String workload, long ops, int threads, OpFactory factory) throws Exception {
        Histogram[] histograms = new Histogram[threads];
        long[] done = new long[threads];
        long[] starts = new long[threads];
        long[] ends = new long[threads];
        Op[] opsPerThread = new Op[threads];
        for (int t = 0; t < threads; t++) {
            opsPerThread[t] = factory.create(t);
            histograms[t] = new Histogram(3);
        }
        long gcBefore = gcMillis();
        CyclicBarrier barrier = new CyclicBarrier(threads);
        long deadline = System.nanoTime() + config.maxSeconds() * 1_000_000_000L;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int thread = t;
            long from = ops == Long.MAX_VALUE ? 0 : ops * t / threads;
            long to = ops == Long.MAX_VALUE ? Long.MAX_VALUE : ops * (t + 1) / threads;
            workers[t] = new Thread(() -> {
                try {
                    barrier.await();
                    done[thread] = loop(opsPerThread[thread], from, to, histograms[thread], starts, ends, thread,
                            deadline);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "db_bench-" + workload + "-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure.get() != null) {
            Throwable f = failure.get();
            throw f instanceof Exception e ? e : new RuntimeException(f);
        }
        Histogram merged = new Histogram(3);
        long total = 0;
        for (int t = 0; t < threads; t++) {
            merged.add(histograms[t]);
            total += done[t];
        }
        long start = Arrays.stream(starts).min().orElse(0);
        long end = Arrays.stream(ends).max().orElse(0);
        long gc = gcMillis() - gcBefore;
        Result r = new Result(s.store.name(), workload, threads, total, Math.max(1, end - start), merged,
                Store.bytesOnDisk(s.dir), s.store.writeAmplification(), "", false);
        r = gc > 0 ? withGc(r, gc) : r;
        if (end - deadline > 0) {
            r = withNote(r, "STOPPED at --max_seconds=" + config.maxSeconds() + " after " + total
                    + (ops == Long.MAX_VALUE ? "" : " of " + ops) + " ops");
        }
        return r;
    }

    /** Time the JVM spent collecting garbage so far (pauses and concurrent work, as the JVM reports it). */
    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static Result withGc(Result r, long gcMillis) {
        return new Result(r.store(), r.workload(), r.threads(), r.ops(), r.nanos(), r.latency(), r.bytesOnDisk(),
                r.writeAmp(), "GC " + gcMillis + " ms", r.error());
    }

    /** Runs ops [from, to) until one returns false or {@code deadline} (System.nanoTime) passes. */
    private static long loop(Op op, long from, long to, Histogram h, long[] starts, long[] ends, int thread,
                             long deadline) {
        long t0 = System.nanoTime();
        starts[thread] = t0;
        long i = from;
        for (; i < to; i++) {
            if (!op.run(i)) {
                break;
            }
            long t1 = System.nanoTime();
            h.recordValue(t1 - t0);
            t0 = t1;
            if (t1 - deadline > 0) {
                i++;
                break;
            }
        }
        ends[thread] = System.nanoTime();
        return i - from;
    }

    private SplittableRandom random(String workload, int thread) {
        return new SplittableRandom(config.seed() * 1_000_003L + workload.hashCode() * 31L + thread);
    }

    /** 0..n-1 in an order shuffled (Fisher-Yates) by {@code seed}; SpringBench uses it too. */
    public static int[] shuffled(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int x = p[i];
            p[i] = p[j];
            p[j] = x;
        }
        return p;
    }

    private static Result withNote(Result r, String note) {
        String n = r.note().isEmpty() ? note : r.note() + "; " + note;
        return new Result(r.store(), r.workload(), r.threads(), r.ops(), r.nanos(), r.latency(), r.bytesOnDisk(),
                r.writeAmp(), n, r.error());
    }

    private static String progressLine(Result r) {
        if (r.error()) {
            return String.format(Locale.ROOT, "%-8s %-16s : %s", r.store(), r.workload(), r.note());
        }
        return String.format(Locale.ROOT,
                "%-8s %-16s : %10.0f ops/s %8.3f micros/op; p50 %.2f p99 %.2f p99.9 %.2f us; %d ops in %.2f s; %s",
                r.store(), r.workload(), r.opsPerSecond(), r.nanos() / 1e3 / Math.max(1, r.ops()) * r.threads(),
                r.micros(50), r.micros(99), r.micros(99.9), r.ops(), r.nanos() / 1e9, r.note());
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
