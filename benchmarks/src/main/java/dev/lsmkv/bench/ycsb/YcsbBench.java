package dev.lsmkv.bench.ycsb;

import dev.lsmkv.bench.BenchStores;
import dev.lsmkv.bench.Store;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * YCSB's core workloads A-F against each {@link Store}, in one JVM, with a Markdown report of
 * throughput, latency percentiles and the lsmkv/other ratio per phase.
 *
 * <p>What it runs (see docs/bench/ycsb.md for how it compares with YCSB's own client): a load
 * of {@code --records} records (YCSB's {@code -load}: keys "user" + FNV-64 of the record number,
 * 10 fields of 100 random printable bytes stored as one value, measured), then the run phase of
 * each workload of {@code --workloads} with {@code --operations} operations over
 * {@code --threads} client threads, in the order of the outside run the issue quotes: load, A, B,
 * C, F, D, then a fresh load (load-E) and E. The generators, the operation mix and the record
 * handling are ported from YCSB's CoreWorkload and its RocksDB binding (what A-F use is unchanged
 * since YCSB 0.17.0), so every store pays the same client-side work.
 *
 * <p>Method: within each phase every store runs in turn (lsmkv, then RocksDB) with the same
 * per-thread seeds; with {@code --isolate=true} each store runs all phases, and its files are
 * deleted, before the next store starts (at 10M records two stores' files, 2 x 12 GB, do not fit
 * in the page cache together, and interleaved phases would measure which store's files the
 * kernel happens to keep). After a phase that wrote, the runner flushes the store's memtable and waits
 * (unmeasured) until its flushes and compactions are idle, as DbBench does before its reads, so
 * that no phase is measured against another's background work and every run phase starts the way
 * a fresh YCSB process on a reopened store does: data in tables, memtable empty. Before the
 * measured phases each store gets an unmeasured warm-up (load + workload A + a few scans on a
 * scratch store) so that the JIT does not favour the store that runs second.
 *
 * <p>Run: {@code java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.lsmkv.bench.ycsb.YcsbBench
 * --records=1000000}.
 */
public final class YcsbBench {

    private static final Duration IDLE_WAIT = Duration.ofMinutes(5);

    private final YcsbOptions options;
    private final String commandLine;
    private final List<String> checks;
    private final List<PhaseResult> results = new ArrayList<>();
    private final Map<String, String> shapes = new LinkedHashMap<>();

    /** One phase: a load (spec null) or a workload's run phase. */
    record Phase(String name, WorkloadSpec spec) {
    }

    /** A store and whether its data is fit to run on. */
    private static final class StoreState {
        final String name;
        final Path dir;
        Store store;
        /** The last load failed: run phases have no data set to run on. */
        boolean broken;

        StoreState(String name, Path dir) {
            this.name = name;
            this.dir = dir;
        }
    }

    YcsbBench(YcsbOptions options, String commandLine, List<String> checks) {
        this.options = options;
        this.commandLine = commandLine;
        this.checks = checks;
    }

    public static void main(String[] args) throws Exception {
        YcsbOptions options = YcsbOptions.parse(args);
        System.out.println("generator checks (ported YCSB generators, seeded):");
        List<String> checks = SelfCheck.run(options.seed());
        checks.forEach(c -> System.out.println("  " + c));
        new YcsbBench(options, commandLine(args), checks).run();
    }

    /** The phases for {@code workloads}: a load, then each workload, with a fresh load before a workload that
     * inserts when an earlier one already inserted (YCSB's D then E: load-E). */
    static List<Phase> plan(List<WorkloadSpec> workloads) {
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("load", null));
        boolean inserted = false;
        for (WorkloadSpec w : workloads) {
            if (w.insert() > 0 && inserted) {
                phases.add(new Phase("load-" + w.name(), null));
                inserted = false;
            }
            phases.add(new Phase(w.name(), w));
            inserted |= w.insert() > 0;
        }
        return phases;
    }

    void run() throws Exception {
        String started = now();
        String loadBefore = BenchStores.loadAverage();
        List<Phase> phases = plan(options.workloads());
        System.out.printf(Locale.ROOT, "ycsb: %s; load average %s; records=%d operations=%d threads=%d; phases %s; stores %s; db %s%n",
                BenchStores.machine(), loadBefore, options.records(), options.operations(), options.threads(),
                phases.stream().map(Phase::name).toList(), options.stores(), options.db());
        Files.createDirectories(options.db());
        List<StoreState> states = new ArrayList<>();
        for (String name : options.stores()) {
            states.add(new StoreState(name, options.db().resolve(name)));
        }
        try {
            if (options.warmup() > 0) {
                for (StoreState s : states) {
                    warmUp(s.name);
                }
            }
            if (options.isolate()) {
                // one store at a time: the next store's files do not push this one's out of the page cache
                for (StoreState s : states) {
                    for (Phase phase : phases) {
                        runAndRecord(s, phase);
                    }
                    recordShape(s, phases);
                    closeQuietly(s);
                    if (!options.keep()) {
                        BenchStores.deleteRecursively(s.dir);
                    }
                }
            } else {
                for (Phase phase : phases) {
                    for (StoreState s : states) {
                        runAndRecord(s, phase);
                    }
                }
                for (StoreState s : states) {
                    recordShape(s, phases);
                }
            }
        } finally {
            for (StoreState s : states) {
                closeQuietly(s);
            }
            if (options.keep()) {
                System.out.println("stores kept under " + options.db());
            } else {
                BenchStores.deleteRecursively(options.db());
            }
        }
        String loadAfter = BenchStores.loadAverage();
        String report = YcsbReport.markdown(options, commandLine, started, now(), BenchStores.machine(), loadBefore,
                loadAfter, phases, results, shapes, checks);
        Path out = options.out().toAbsolutePath();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, report);
        System.out.println();
        System.out.println(report);
        System.out.println("report written to " + options.out());
    }

    // ------------------------------------------------------------------ phases

    private void runAndRecord(StoreState s, Phase phase) {
        System.gc();
        long jit0 = BenchStores.jitMillis();
        PhaseResult r = runPhase(s, phase);
        results.add(r);
        System.out.println(progressLine(r)
                + (jit0 >= 0 ? "; JIT compiler busy " + (BenchStores.jitMillis() - jit0) + " ms" : ""));
    }

    private void recordShape(StoreState s, List<Phase> phases) {
        if (s.store != null) {
            shapes.put(s.name + " after " + phases.get(phases.size() - 1).name(), s.store.shape());
        }
    }

    private PhaseResult runPhase(StoreState s, Phase phase) {
        try {
            if (phase.spec() == null) {
                reopenFresh(s);
                s.broken = true; // until the load completes
                CoreWorkload load = new CoreWorkload(null, options.records(), options.records());
                PhaseResult r = execute(s.name, s.store, phase.name(), load, options.records());
                r = settle(s, r, 0);
                s.broken = r.ops() < options.records();
                return s.broken ? r.withNote("load incomplete: the run phases after it are skipped") : r;
            }
            if (s.broken || s.store == null) {
                return PhaseResult.failed(s.name, phase.name(), new IllegalStateException(
                        "skipped: the load before it did not complete"));
            }
            CoreWorkload workload = new CoreWorkload(phase.spec(), options.records(), options.operations());
            double stallsBefore = s.store.stallSeconds();
            PhaseResult r = execute(s.name, s.store, phase.name(), workload, options.operations());
            boolean wrote = phase.spec().update() > 0 || phase.spec().insert() > 0 || phase.spec().readModifyWrite() > 0;
            return wrote ? settle(s, r, stallsBefore) : r.withBytesOnDisk(Store.bytesOnDisk(s.dir));
        } catch (Throwable t) {
            t.printStackTrace();
            return PhaseResult.failed(s.name, phase.name(), t);
        }
    }

    /**
     * After writes: flush and wait until flushes and compactions are idle (unmeasured), then size
     * the store. {@code stallsBefore}: the store's stall seconds when the phase began.
     */
    private PhaseResult settle(StoreState s, PhaseResult r, double stallsBefore) throws InterruptedException {
        double stallsInPhase = s.store.stallSeconds() - stallsBefore;
        long t0 = System.nanoTime();
        s.store.flush();
        boolean idle = s.store.awaitIdle(IDLE_WAIT);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "  %s %s: flushed, compactions idle after %.1f s%s%n", s.name, r.phase(), seconds,
                idle ? "" : " (gave up waiting)");
        return r.withBytesOnDisk(Store.bytesOnDisk(s.dir))
                .withNote(String.format(Locale.ROOT, "stalls in the phase %.2f s; settled in %.1f s%s; since the load: %s",
                        stallsInPhase, seconds, idle ? "" : " (gave up waiting)", s.store.writeNote()));
    }

    /**
     * Runs {@code ops} operations of {@code workload} (inserts when it is a load) over the client
     * threads, YCSB's way: each thread gets ops / threads operations (the first ops % threads one
     * more), the clock starts before the threads and stops after the last one ends.
     */
    private PhaseResult execute(String storeName, Store store, String phase, CoreWorkload workload, long ops)
            throws Exception {
        int threads = (int) Math.min(options.threads(), Math.max(1, ops));
        RecordBinding db = new RecordBinding(store);
        CoreWorkload.ThreadState[] states = new CoreWorkload.ThreadState[threads];
        long[] done = new long[threads];
        for (int t = 0; t < threads; t++) {
            states[t] = new CoreWorkload.ThreadState(random(phase, t));
        }
        boolean load = workload.spec() == null;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] workers = new Thread[threads];
        long gcBefore = gcMillis();
        long st = System.nanoTime();
        long deadline = st + options.maxSeconds() * 1_000_000_000L;
        for (int t = 0; t < threads; t++) {
            final int thread = t;
            long threadOps = ops / threads + (t < ops % threads ? 1 : 0);
            workers[t] = new Thread(() -> {
                CoreWorkload.ThreadState state = states[thread];
                long i = 0;
                try {
                    for (; i < threadOps; i++) {
                        if (load) {
                            workload.doInsert(db, state);
                        } else {
                            workload.doTransaction(db, state);
                        }
                        if ((i & 63) == 0 && System.nanoTime() - deadline > 0) {
                            i++;
                            break;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done[thread] = i;
                }
            }, "ycsb-" + phase + "-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        long en = System.nanoTime();
        long gc = gcMillis() - gcBefore;
        if (failure.get() != null) {
            Throwable f = failure.get();
            throw f instanceof Exception e ? e : new RuntimeException(f);
        }
        Histogram all = new Histogram(3);
        Map<CoreWorkload.Op, Histogram> byOp = new EnumMap<>(CoreWorkload.Op.class);
        Map<String, Long> notFound = new LinkedHashMap<>();
        long total = 0;
        long scanned = 0;
        for (int t = 0; t < threads; t++) {
            total += done[t];
            scanned += states[t].scannedRecords;
            for (CoreWorkload.Op op : CoreWorkload.Op.values()) {
                Histogram h = states[t].latency[op.ordinal()];
                if (h.getTotalCount() > 0) {
                    byOp.computeIfAbsent(op, k -> new Histogram(3)).add(h);
                    all.add(h);
                }
                if (states[t].notFound[op.ordinal()] > 0) {
                    notFound.merge(op.label(), states[t].notFound[op.ordinal()], Long::sum);
                }
            }
        }
        Map<String, Histogram> byLabel = new LinkedHashMap<>();
        byOp.forEach((op, h) -> byLabel.put(op.label(), h));
        PhaseResult r = new PhaseResult(storeName, phase, threads, total, ops, Math.max(1, en - st), all, byLabel,
                notFound, -1, "", false);
        if (gc > 0) {
            r = r.withNote("GC " + gc + " ms");
        }
        Histogram scans = byOp.get(CoreWorkload.Op.SCAN);
        if (scans != null) {
            r = r.withNote(String.format(Locale.ROOT, "%d records scanned, %.1f per scan", scanned,
                    (double) scanned / scans.getTotalCount()));
        }
        if (total < ops) {
            r = r.withNote("STOPPED at --max_seconds=" + options.maxSeconds() + " after " + total + " of " + ops + " ops");
        }
        return r;
    }

    // ------------------------------------------------------------------ stores

    private void reopenFresh(StoreState s) throws Exception {
        closeQuietly(s);
        BenchStores.deleteRecursively(s.dir);
        Files.createDirectories(s.dir);
        s.store = open(s.name, s.dir);
    }

    private Store open(String name, Path dir) throws Exception {
        return open(name, dir, options.writeBufferSize());
    }

    private Store open(String name, Path dir, long writeBufferSize) throws Exception {
        return BenchStores.open(name, dir, options.cacheSize(), writeBufferSize, options.bloomBits(), options.mmapReads());
    }

    /** Write buffer of the warm-up's scratch store: small, so that the warm-up writes tables. */
    static final long WARMUP_WRITE_BUFFER = 1 << 20;

    /**
     * An unmeasured load, workload A and a few E scans on a scratch store, so the JIT has compiled
     * the paths. The scratch store has a 1 MiB write buffer, so that the warm-up's records are
     * flushed, compacted and read back from tables: with the measured stores' buffer they stayed
     * in the memtable, and lsmkv's table code was compiled during the measured load and A (2.9 s
     * of compile time in a 4.3 s phase of A at 1M records).
     */
    private void warmUp(String name) throws Exception {
        long n = Math.min(options.warmup(), options.records());
        Path dir = options.db().resolve(name + "-warmup");
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        Store store = open(name, dir, Math.min(options.writeBufferSize(), WARMUP_WRITE_BUFFER));
        try {
            execute(name, store, "warmup-load", new CoreWorkload(null, n, n), n);
            execute(name, store, "warmup-A", new CoreWorkload(WorkloadSpec.named("A"), n, n), n);
            execute(name, store, "warmup-E", new CoreWorkload(WorkloadSpec.named("E"), n, n / 10), Math.max(1, n / 10));
        } finally {
            store.close();
            BenchStores.deleteRecursively(dir);
        }
        System.out.printf(Locale.ROOT, "  %s: warmed up (%d records, %d ops of A, %d of E) in %.1f s%n", name, n, n,
                Math.max(1, n / 10), (System.nanoTime() - t0) / 1e9);
    }

    private static void closeQuietly(StoreState s) {
        if (s.store != null) {
            try {
                s.store.close();
            } catch (Throwable t) {
                System.out.println("  " + s.name + ": close failed: " + t);
            }
            s.store = null;
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Thread {@code thread}'s random source in {@code phase}: the same for every store. */
    private SplittableRandom random(String phase, int thread) {
        return new SplittableRandom(options.seed() * 1_000_003L + phase.hashCode() * 31L + thread);
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** How this JVM was started, without the java binary's path: JVM flags, class path as given, arguments. */
    static String commandLine(String[] args) {
        StringBuilder b = new StringBuilder("java");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            b.append(' ').append(a);
        }
        b.append(" -cp ").append(System.getProperty("java.class.path")).append(' ').append(YcsbBench.class.getName());
        for (String a : args) {
            b.append(' ').append(a);
        }
        return b.toString();
    }

    private static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String progressLine(PhaseResult r) {
        if (r.error()) {
            return String.format(Locale.ROOT, "%-8s %-7s : %s", r.store(), r.phase(), r.note());
        }
        return String.format(Locale.ROOT, "%-8s %-7s : %10.0f ops/s; p50 %.1f p99 %.1f p99.9 %.1f us; %d ops in %.2f s; %s",
                r.store(), r.phase(), r.opsPerSecond(), r.micros(50), r.micros(99), r.micros(99.9), r.ops(),
                r.nanos() / 1e9, r.note());
    }
}
