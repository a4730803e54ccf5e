package dev.lsmkv.bench.spring.customer;

import dev.lsmkv.bench.BenchStores;
import dev.lsmkv.bench.DbBench;
import dev.lsmkv.bench.spring.customer.CustomerStores.Driver;
import dev.lsmkv.bench.spring.customer.CustomerStores.PageView;
import dev.lsmkv.bench.spring.customer.Outcome.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * The workloads of one store, in one JVM (the store's, started by {@link CustomerBench}). The
 * sequence, with N = {@code --num}; customer indexes [0, N) are saved one by one, [N, 2N) by
 * saveAll, and save+findById uses 2 × pairs indexes after 2N:
 * <ol>
 *   <li>save: N new customers, one {@code save} per call, in an order shuffled by the seed; when
 *       N/10 are stored the clock stops for <b>count() at N/10</b>. Verified: count() = N after.</li>
 *   <li>count() at N: {@code count()} for {@code --count_seconds}; every answer must be N.</li>
 *   <li>findById: N random indexes of [0, N) (with repetition); each must return the customer as
 *       saved (id, name, email, createdAt, age).</li>
 *   <li>findByEmail: N random emails of [0, N); each must return exactly that customer.</li>
 *   <li>findAll paged: {@code findAll(PageRequest.of(p, 100, Sort.by("id")))} for p = 0 .. N/100 - 1;
 *       page p must hold exactly the ids p*100 .. p*100+99 in order and a total of N; the page
 *       after the last must be empty (unmeasured).</li>
 *   <li>saveAll: customers [N, 2N) in shuffled order, 1,000 per call; each call must return all
 *       it was given; after: count() = 2N and every one found as saved.</li>
 *   <li>update: {@code save} of each of [0, N) (shuffled) with age + 1, other fields unchanged;
 *       after: count() still 2N and every one found with the new age.</li>
 *   <li>deleteById: each of the saveAll customers (shuffled); after: count() = N, each absent.</li>
 *   <li>save + findById, 1 thread, then T threads: pairs new customers split over the threads,
 *       each thread saving one then reading it back (must be found as saved); after: count().</li>
 * </ol>
 * Each workload runs after a {@code System.gc()} and stops at {@code --max_seconds} ("did not
 * finish"; the operations done are still verified). A store that did not finish save or saveAll
 * is filled up unmeasured with saveAll so that the later workloads see the sizes above; if that
 * fails too, the later workloads are not run. An exception ends the store's sequence: the state is
 * unknown.
 */
final class CustomerRun {

    static final String INFO_PREFIX = "@@customer-bench\tI\t";
    static final int PAGE_SIZE = 100;
    static final int BATCH = 1000;

    private final Driver d;
    private final CustomerData data;
    private final CustomerOptions o;
    private final int n;
    private final Consumer<Outcome> sink;
    private final long capNanos;
    /** Customers the store should hold now. */
    private long live;
    /** Why the rest of the sequence cannot run (null: it can). */
    private String stop;
    /** Workloads reported so far. */
    private final EnumSet<Workload> emitted = EnumSet.noneOf(Workload.class);

    CustomerRun(Driver driver, CustomerData data, CustomerOptions options, Consumer<Outcome> sink) {
        this.d = driver;
        this.data = data;
        this.o = options;
        this.n = options.num();
        this.sink = sink;
        this.capNanos = options.maxSeconds() * 1_000_000_000L;
    }

    // ---------------------------------------------------------------- the store's JVM

    /** The store JVM's main: warm-up pass, measured pass, info lines for the runner. */
    static void child(CustomerOptions o) throws IOException {
        String store = o.childStore();
        info("load_start", CustomerBench.loadAverage());
        info("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        info("jvm_args", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        long t0 = System.nanoTime();
        Path dir = o.dir();
        // the last customer is no workload's: firstUse() saves and deletes it before the first clock
        CustomerData data = new CustomerData(2 * o.num() + 2 * o.pairs() + 1, o.seed());
        long jit0 = BenchStores.jitMillis();
        boolean jitTimed = jit0 >= 0;
        if (o.warmup() > 0) {
            CustomerOptions w = o.warmUpPass();
            long w0 = System.nanoTime();
            for (int round = 1; round <= o.warmupRounds(); round++) {
                String tag = o.warmupRounds() == 1 ? "[warm-up] " : "[warm-up " + round + "] ";
                Path wdir = Files.createDirectories(dir.resolve("warmup-" + round));
                try (Driver driver = CustomerStores.open(store, wdir, data, true)) {
                    new CustomerRun(driver, data, w, r -> System.out.println(tag + r.describe())).runAll();
                } catch (RuntimeException e) {
                    System.out.println(tag + "failed: " + e);
                    e.printStackTrace(System.out);
                } finally {
                    FileSystemUtils.deleteRecursively(wdir);
                }
            }
            info("warmup_seconds", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - w0) / 1e9));
        }
        long jit1 = BenchStores.jitMillis();
        StringBuilder perWorkload = new StringBuilder();
        long[] jitLast = {jit1};
        int passes = o.passes();
        List<List<Outcome>> byPass = new ArrayList<>();
        Path mdir = null;
        for (int pass = 1; pass <= passes; pass++) {
            if (mdir != null) {
                FileSystemUtils.deleteRecursively(mdir); // the last pass's store is the one measured on disk
            }
            mdir = Files.createDirectories(dir.resolve(passes == 1 ? "data" : "data-" + pass));
            List<Outcome> got = new ArrayList<>();
            byPass.add(got);
            String tag = passes == 1 ? "" : "[pass " + pass + "] ";
            if (jitTimed && passes > 1) {
                perWorkload.append(perWorkload.length() == 0 ? "" : "; ").append("pass ").append(pass).append(':');
            }
            try (Driver driver = CustomerStores.open(store, mdir, data)) {
                new CustomerRun(driver, data, o, r -> {
                    got.add(r);
                    if (passes == 1) {
                        System.out.println(r.toLine()); // streamed: a JVM killed later still reports these
                    }
                    System.out.println(tag + r.describe());
                    if (jitTimed) {
                        long now = BenchStores.jitMillis();
                        perWorkload.append(perWorkload.length() == 0 || perWorkload.charAt(perWorkload.length() - 1) == ':'
                                ? " " : ", ").append(r.workload().name().toLowerCase(Locale.ROOT))
                                .append(' ').append(now - jitLast[0]).append(" ms");
                        jitLast[0] = now;
                    }
                }).runAll();
            }
        }
        if (passes > 1) {
            for (Outcome m : medians(byPass)) {
                System.out.println(m.toLine());
            }
        }
        if (jitTimed) {
            info("jit_warmup_seconds", String.format(Locale.ROOT, "%.1f", (jit1 - jit0) / 1e3));
            info("jit_measured_seconds", String.format(Locale.ROOT, "%.1f", (BenchStores.jitMillis() - jit1) / 1e3));
            info("jit_per_workload", "since the previous figure: " + perWorkload.toString().strip());
        }
        info("disk_bytes", Long.toString(sizeOf(mdir)));
        info("seconds", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        info("load_end", CustomerBench.loadAverage());
    }

    /**
     * Per workload, the median pass's outcome (the lower median for an even count), its detail
     * followed by every pass's figure; a workload that did not end OK in some pass is reported
     * as it ended in the first such pass.
     */
    static List<Outcome> medians(List<List<Outcome>> byPass) {
        java.util.Map<Workload, List<Outcome>> byWorkload = new java.util.EnumMap<>(Workload.class);
        for (List<Outcome> pass : byPass) {
            for (Outcome r : pass) {
                byWorkload.computeIfAbsent(r.workload(), w -> new ArrayList<>()).add(r);
            }
        }
        List<Outcome> out = new ArrayList<>();
        byWorkload.forEach((w, runs) -> {
            for (int i = 0; i < runs.size(); i++) {
                Outcome r = runs.get(i);
                if (r.status() != Status.OK) {
                    out.add(new Outcome(w, r.status(), r.ops(), r.planned(), r.nanos(), "pass " + (i + 1) + ": " + r.detail()));
                    return;
                }
            }
            if (runs.size() < byPass.size()) {
                out.add(Outcome.notRun(w, "not run in every pass"));
                return;
            }
            List<Outcome> sorted = new ArrayList<>(runs);
            sorted.sort(java.util.Comparator.comparingDouble(Outcome::opsPerSecond));
            Outcome m = sorted.get((sorted.size() - 1) / 2);
            StringBuilder figures = new StringBuilder();
            for (Outcome r : runs) {
                figures.append(figures.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%,.0f", r.opsPerSecond()));
            }
            out.add(new Outcome(w, m.status(), m.ops(), m.planned(), m.nanos(),
                    m.detail() + "; median of " + runs.size() + " passes: " + figures + " " + w.unit));
        });
        return out;
    }

    static void info(String key, String value) {
        System.out.println(INFO_PREFIX + key + '\t' + value.replace('\t', ' ').replace('\n', ' '));
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- the sequence

    void runAll() {
        step(Workload.SAVE, () -> {
            firstUse();
            saveAndCountAtTenth();
        });
        step(Workload.COUNT_FULL, () -> countFor(Workload.COUNT_FULL, n));
        step(Workload.FIND_BY_ID, this::findById);
        step(Workload.FIND_BY_EMAIL, this::findByEmail);
        step(Workload.FIND_ALL_PAGED, this::findAllPaged);
        int[] savedAll = new int[0];
        if (stop == null) {
            try {
                savedAll = saveAll();
            } catch (RuntimeException e) {
                threw(Workload.SAVE_ALL, e);
            }
        } else {
            emit(Outcome.notRun(Workload.SAVE_ALL, stop));
        }
        step(Workload.UPDATE, this::update);
        int[] toDelete = savedAll;
        step(Workload.DELETE_BY_ID, () -> deleteById(toDelete));
        step(Workload.SAVE_FIND_1T, () -> saveAndFind(Workload.SAVE_FIND_1T, 1, 2 * n));
        step(Workload.SAVE_FIND_MT, () -> saveAndFind(Workload.SAVE_FIND_MT, o.threads(), 2 * n + o.pairs()));
        for (Workload w : Workload.values()) {
            if (!emitted.contains(w)) { // count() at N/10 when save threw before reaching it
                emit(Outcome.notRun(w, stop != null ? stop : "not run"));
            }
        }
    }

    private void step(Workload w, Runnable body) {
        if (stop != null) {
            emit(Outcome.notRun(w, stop));
            if (w == Workload.SAVE) {
                emit(Outcome.notRun(Workload.COUNT_TENTH, stop));
            }
            return;
        }
        try {
            body.run();
        } catch (RuntimeException e) {
            threw(w, e);
        }
    }

    private void threw(Workload w, RuntimeException e) {
        e.printStackTrace(System.out);
        emit(new Outcome(w, Status.FAILED, 0, 0, 0, "threw " + e));
        stop = "not run: " + w.label + " threw";
    }

    private void emit(Outcome r) {
        emitted.add(r.workload());
        sink.accept(r);
    }

    /**
     * One save and one deleteById of a customer that no workload uses, before the first clock
     * starts: the first use of a store's repository builds what it keeps (serializers, generated
     * property accessors, the codec's first-save check; about 150 ms in an lsm-none profile),
     * which is not what the save figure measures. The store holds nothing more after it.
     */
    private void firstUse() {
        int scratch = data.size() - 1;
        d.save(scratch, data.ageOf(scratch), true);
        d.deleteById(scratch);
    }

    /** save of [0, N), shuffled, one per call; count() at N/10 measured when N/10 are in. */
    private void saveAndCountAtTenth() {
        int tenth = Math.max(1, n / 10);
        int[] order = DbBench.shuffled(n, salt(1));
        gc();
        long spent = 0;
        int done = 0;
        boolean stopped = false;
        long t0 = System.nanoTime();
        while (done < tenth) {
            if ((done & 15) == 0 && spent + System.nanoTime() - t0 > capNanos) {
                stopped = true;
                break;
            }
            int i = order[done];
            d.save(i, data.ageOf(i), true);
            done++;
        }
        spent += System.nanoTime() - t0;
        int measured = done;
        live = done;
        if (stopped && !fill(order, done, tenth, Workload.SAVE)) {
            emit(new Outcome(Workload.SAVE, Status.DNF, measured, n, spent, stoppedText(measured, n, spent)));
            emit(Outcome.notRun(Workload.COUNT_TENTH, stop));
            return;
        }
        countFor(Workload.COUNT_TENTH, tenth);
        gc();
        if (!stopped) {
            t0 = System.nanoTime();
            while (done < n) {
                if ((done & 15) == 0 && spent + System.nanoTime() - t0 > capNanos) {
                    stopped = true;
                    break;
                }
                int i = order[done];
                d.save(i, data.ageOf(i), true);
                done++;
            }
            spent += System.nanoTime() - t0;
            measured = done;
            live = done;
        }
        if (stopped && !fill(order, Math.max(done, tenth), n, Workload.SAVE)) {
            emit(new Outcome(Workload.SAVE, Status.DNF, measured, n, spent, stoppedText(measured, n, spent)));
            return;
        }
        long count = d.count();
        if (count != n) {
            emit(new Outcome(Workload.SAVE, Status.FAILED, measured, n, spent,
                    "count() after saving " + n + " new customers is " + count));
            stop = "not run: the store does not hold the " + n + " customers saved";
            return;
        }
        String detail = "count() = " + n + " after";
        if (stopped) {
            detail = stoppedText(measured, n, spent) + "; the rest saved unmeasured (saveAll); " + detail;
        }
        emit(new Outcome(Workload.SAVE, stopped ? Status.DNF : Status.OK, measured, n, spent, detail));
    }

    /**
     * Saves order[from..to) unmeasured with saveAll (a store that did not finish a filling
     * workload in time still gets the size the later workloads need); false, and the rest of the
     * sequence is not run, if that does not finish within 4 × the cap either.
     */
    private boolean fill(int[] order, int from, int to, Workload w) {
        long deadline = System.nanoTime() + 4 * capNanos;
        int k = from;
        while (k < to && System.nanoTime() < deadline) {
            int end = Math.min(to, k + BATCH);
            d.saveAll(order, k, end);
            live += end - k;
            k = end;
        }
        if (k < to) {
            stop = "not run: " + w.label + " did not finish, and filling the store up (saveAll, unmeasured) did not "
                    + "finish in " + 4 * o.maxSeconds() + " s either";
            return false;
        }
        return true;
    }

    /** count() for --count_seconds (at least 10 calls); every answer must be {@code expected}. */
    private void countFor(Workload w, long expected) {
        if (live != expected) {
            throw new IllegalStateException("internal: " + w + " expects " + expected + " stored, model has " + live);
        }
        long budget = (long) (o.countSeconds() * 1e9);
        gc();
        long calls = 0;
        long wrong = 0;
        long firstWrong = 0;
        boolean stopped = false;
        long t0 = System.nanoTime();
        long elapsed = 0;
        while (true) {
            long c = d.count();
            calls++;
            if (c != expected) {
                if (wrong++ == 0) {
                    firstWrong = c;
                }
            }
            elapsed = System.nanoTime() - t0;
            if (elapsed >= budget && calls >= 10) {
                break;
            }
            if (elapsed > capNanos) {
                stopped = true;
                break;
            }
        }
        if (wrong > 0) {
            emit(new Outcome(w, Status.FAILED, calls, 0, elapsed,
                    wrong + " of " + calls + " calls did not return " + expected + " (e.g. " + firstWrong + ")"));
        } else if (stopped) {
            emit(new Outcome(w, Status.DNF, calls, 10, elapsed, stoppedText(calls, 10, elapsed) + "; all = " + expected));
        } else {
            emit(new Outcome(w, Status.OK, calls, 0, elapsed, calls + " calls, all = " + expected));
        }
    }

    private void findById() {
        int[] picks = picks(n, n, salt(2));
        gc();
        int done = 0;
        long wrong = 0;
        int firstWrong = -1;
        long t0 = System.nanoTime();
        long deadline = t0 + capNanos;
        while (done < picks.length) {
            if ((done & 15) == 0 && System.nanoTime() > deadline) {
                break;
            }
            int i = picks[done];
            if (d.findAge(i) != data.ageOf(i)) {
                if (wrong++ == 0) {
                    firstWrong = i;
                }
            }
            done++;
        }
        long nanos = System.nanoTime() - t0;
        if (wrong > 0) {
            emit(new Outcome(Workload.FIND_BY_ID, Status.FAILED, done, picks.length, nanos, wrong + " of " + done
                    + " not found as saved (e.g. " + data.idOf(firstWrong) + ": " + d.findAge(firstWrong) + ")"));
        } else {
            emit(done(Workload.FIND_BY_ID, done, picks.length, nanos, done + " found as saved"));
        }
    }

    private void findByEmail() {
        int[] picks = picks(n, n, salt(3));
        gc();
        int done = 0;
        long wrong = 0;
        int firstWrong = -1;
        long t0 = System.nanoTime();
        long deadline = t0 + capNanos;
        while (done < picks.length) {
            if ((done & 15) == 0 && System.nanoTime() > deadline) {
                break;
            }
            int i = picks[done];
            if (d.findByEmail(i) != 1) {
                if (wrong++ == 0) {
                    firstWrong = i;
                }
            }
            done++;
        }
        long nanos = System.nanoTime() - t0;
        if (wrong > 0) {
            emit(new Outcome(Workload.FIND_BY_EMAIL, Status.FAILED, done, picks.length, nanos, wrong + " of " + done
                    + " did not return exactly their customer (e.g. " + data.emailOf(firstWrong) + ": "
                    + d.findByEmail(firstWrong) + " results)"));
        } else {
            emit(done(Workload.FIND_BY_EMAIL, done, picks.length, nanos, done + " returned exactly their customer"));
        }
    }

    /** Every page of 100 by id; ops = entities. Pages are checked after the clock stops. */
    private void findAllPaged() {
        int pages = (n + PAGE_SIZE - 1) / PAGE_SIZE;
        PageView[] seen = new PageView[pages];
        gc();
        int p = 0;
        long t0 = System.nanoTime();
        long deadline = t0 + capNanos;
        while (p < pages && System.nanoTime() <= deadline) {
            seen[p] = d.page(p, PAGE_SIZE);
            p++;
        }
        long nanos = System.nanoTime() - t0;
        long entities = 0;
        String wrong = null;
        for (int q = 0; q < p && wrong == null; q++) {
            PageView v = seen[q];
            int expectedSize = Math.min(PAGE_SIZE, n - q * PAGE_SIZE);
            if (v.totalElements() != n) {
                wrong = "page " + q + " says " + v.totalElements() + " in total";
            } else if (v.ids().size() != expectedSize) {
                wrong = "page " + q + " has " + v.ids().size() + " entities, not " + expectedSize;
            } else {
                for (int j = 0; j < expectedSize; j++) {
                    String expected = data.idOf(q * PAGE_SIZE + j);
                    if (!expected.equals(v.ids().get(j))) {
                        wrong = "page " + q + " position " + j + " is " + v.ids().get(j) + ", not " + expected;
                        break;
                    }
                }
            }
            entities += v.ids().size();
        }
        if (wrong == null && p == pages) {
            PageView after = d.page(pages, PAGE_SIZE);
            if (!after.ids().isEmpty()) {
                wrong = "page " + pages + ", after the last, has " + after.ids().size() + " entities";
            }
        }
        if (wrong != null) {
            emit(new Outcome(Workload.FIND_ALL_PAGED, Status.FAILED, entities, n, nanos, wrong));
        } else {
            emit(done(Workload.FIND_ALL_PAGED, entities, n, nanos,
                    p + " pages, " + entities + " entities in id order, total " + n));
        }
    }

    /** saveAll of [N, 2N), shuffled, 1,000 per call; returns the indexes saved (measured or filled). */
    private int[] saveAll() {
        int[] order = DbBench.shuffled(n, salt(5));
        for (int k = 0; k < n; k++) {
            order[k] += n;
        }
        gc();
        int done = 0;
        long shortCalls = 0;
        long t0 = System.nanoTime();
        long deadline = t0 + capNanos;
        while (done < n && System.nanoTime() <= deadline) {
            int end = Math.min(n, done + BATCH);
            if (d.saveAll(order, done, end) != end - done) {
                shortCalls++;
            }
            done = end;
        }
        long nanos = System.nanoTime() - t0;
        live += done;
        int measured = done;
        boolean stopped = done < n;
        if (stopped && !fill(order, done, n, Workload.SAVE_ALL)) {
            emit(new Outcome(Workload.SAVE_ALL, Status.DNF, measured, n, nanos, stoppedText(measured, n, nanos)));
            return Arrays.copyOf(order, measured);
        }
        String wrong = shortCalls > 0 ? shortCalls + " calls returned fewer entities than given" : null;
        if (wrong == null) {
            wrong = checkCount();
        }
        if (wrong == null) {
            wrong = checkAges(order, 0, n, 0);
        }
        if (wrong != null) {
            emit(new Outcome(Workload.SAVE_ALL, Status.FAILED, measured, n, nanos, wrong));
            stop = "not run: the store does not hold what saveAll saved";
        } else {
            String detail = "count() = " + live + " after, all " + n + " found as saved";
            if (stopped) {
                detail = stoppedText(measured, n, nanos) + "; the rest saved unmeasured; " + detail;
            }
            emit(new Outcome(Workload.SAVE_ALL, stopped ? Status.DNF : Status.OK, measured, n, nanos, detail));
        }
        return order;
    }

    /** save of each of [0, N), shuffled, with age + 1. */
    private void update() {
        int[] order = DbBench.shuffled(n, salt(6));
        gc();
        int done = 0;
        long t0 = System.nanoTime();
        long deadline = t0 + capNanos;
        while (done < n) {
            if ((done & 15) == 0 && System.nanoTime() > deadline) {
                break;
            }
            int i = order[done];
            d.save(i, data.ageOf(i) + 1, false);
            done++;
        }
        long nanos = System.nanoTime() - t0;
        String wrong = checkCount();
        if (wrong == null) {
            wrong = checkAges(order, 0, done, 1);
        }
        if (wrong == null) {
            wrong = checkAges(order, done, n, 0);
        }
        if (wrong != null) {
            emit(new Outcome(Workload.UPDATE, Status.FAILED, done, n, nanos, wrong));
        } else {
            emit(done(Workload.UPDATE, done, n, nanos, "count() = " + live + " after, all " + done + " found with the new age"));
        }
    }

    /** deleteById of each saveAll'd customer, shuffled. */
    private void deleteById(int[] saved) {
        int m = saved.length;
        int[] perm = DbBench.shuffled(m, salt(7));
        int[] order = new int[m];
        for (int k = 0; k < m; k++) {
            order[k] = saved[perm[k]];
        }
        gc();
        int done = 0;
        long t0 = System.nanoTime();
        long deadline = t0 + capNanos;
        while (done < m) {
            if ((done & 15) == 0 && System.nanoTime() > deadline) {
                break;
            }
            d.deleteById(order[done]);
            done++;
        }
        long nanos = System.nanoTime() - t0;
        live -= done;
        String wrong = checkCount();
        if (wrong == null) {
            wrong = checkAges(order, 0, done, Integer.MIN_VALUE);
        }
        if (wrong != null) {
            emit(new Outcome(Workload.DELETE_BY_ID, Status.FAILED, done, m, nanos, wrong));
        } else {
            emit(done(Workload.DELETE_BY_ID, done, m, nanos, "count() = " + live + " after, all " + done + " absent"));
        }
    }

    /** T threads, each saving new customers and reading each back at once; ops = pairs. */
    private void saveAndFind(Workload w, int threads, int base) {
        int pairs = o.pairs();
        AtomicLong done = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        AtomicReference<String> firstWrong = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = base + (int) ((long) pairs * t / threads);
            int to = base + (int) ((long) pairs * (t + 1) / threads);
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    long end = deadline[0];
                    for (int i = from; i < to; i++) {
                        if (((i - from) & 15) == 0 && System.nanoTime() > end) {
                            break;
                        }
                        d.save(i, data.ageOf(i), true);
                        int age = d.findAge(i);
                        if (age != data.ageOf(i)) {
                            wrong.incrementAndGet();
                            firstWrong.compareAndSet(null, data.idOf(i) + ": " + age);
                        }
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "save+find-" + t);
            workers.add(worker);
            worker.start();
        }
        gc();
        long t0 = System.nanoTime();
        deadline[0] = t0 + capNanos;
        start.countDown();
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long nanos = System.nanoTime() - t0;
        live += done.get();
        if (failure.get() != null) {
            throw new IllegalStateException("a save+findById thread threw", failure.get());
        }
        String bad = wrong.get() > 0 ? wrong.get() + " of " + done.get() + " not found as saved right after the save (e.g. "
                + firstWrong.get() + ")" : checkCount();
        if (bad != null) {
            emit(new Outcome(w, Status.FAILED, done.get(), pairs, nanos, bad));
        } else {
            emit(done(w, done.get(), pairs, nanos, threads + " thread(s), all " + done.get()
                    + " found right after their save; count() = " + live + " after"));
        }
    }

    // ---------------------------------------------------------------- helpers

    private Outcome done(Workload w, long ops, long planned, long nanos, String detail) {
        if (ops < planned) {
            return new Outcome(w, Status.DNF, ops, planned, nanos, stoppedText(ops, planned, nanos) + "; " + detail);
        }
        return new Outcome(w, Status.OK, ops, planned, nanos, detail);
    }

    private String stoppedText(long ops, long planned, long nanos) {
        return String.format(Locale.ROOT, "stopped at --max_seconds=%d after %,d of %,d in %.0f s", o.maxSeconds(),
                ops, planned, nanos / 1e9);
    }

    /** null if count() = live, else what it said. */
    private String checkCount() {
        long c = d.count();
        return c == live ? null : "count() is " + c + ", expected " + live;
    }

    /**
     * null if findById of each of idx[from..to) returns the customer as saved with age + delta
     * ({@code Integer.MIN_VALUE}: must be absent), else the first difference.
     */
    private String checkAges(int[] idx, int from, int to, int delta) {
        for (int k = from; k < to; k++) {
            int i = idx[k];
            int expected = delta == Integer.MIN_VALUE ? CustomerStores.ABSENT : data.ageOf(i) + delta;
            int age = d.findAge(i);
            if (age != expected) {
                return "findById(" + data.idOf(i) + ") gave " + describeAge(age) + ", expected " + describeAge(expected);
            }
        }
        return null;
    }

    private static String describeAge(int age) {
        return age == CustomerStores.ABSENT ? "absent" : age == CustomerStores.WRONG ? "other fields" : "age " + age;
    }

    private long salt(int k) {
        return o.seed() * 1_000_003L + k;
    }

    /** {@code count} random indexes of [0, bound), the same for every store with the same seed. */
    private static int[] picks(int count, int bound, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] picks = new int[count];
        for (int k = 0; k < count; k++) {
            picks[k] = random.nextInt(bound);
        }
        return picks;
    }

    private static void gc() {
        System.gc();
    }
}
