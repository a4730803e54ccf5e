package dev.lsmkv.bench.spring.customer;

import dev.lsmkv.bench.spring.customer.CustomerBench.StoreRun;
import dev.lsmkv.bench.spring.customer.Outcome.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown section of a {@link CustomerBench} run: figures, targets (PASS/MISS), stores, checks. */
final class CustomerReport {

    /** The store the targets are about, unless a target says otherwise. */
    static final String SUBJECT = "lsm-none";

    private CustomerReport() {
    }

    /** A target line: what, the figures behind it, and PASS, MISS or n/a. */
    record TargetLine(String target, String measured, String result) {
    }

    static String markdown(CustomerOptions o, List<StoreRun> runs, String started, String finished, String loadStart,
                           String loadEnd) {
        Map<String, StoreRun> byStore = new LinkedHashMap<>();
        runs.forEach(r -> byStore.put(r.store(), r));
        StringBuilder b = new StringBuilder();
        b.append("## Spring level: Customer repositories, one JVM per store\n\n");
        b.append(String.format(Locale.ROOT, "N = %,d `Customer` entities (String id, name, `@Indexed` email, int age, "
                + "Instant createdAt) through one `ListCrudRepository` + `ListPagingAndSortingRepository` per store; "
                + "each store in its own JVM, one after the other, same N and seed (%d) for all.%n%n", o.num(), o.seed()));
        b.append("- Started ").append(started).append(", finished ").append(finished).append(String.format(Locale.ROOT,
                "; %d cores, Java %s; store JVMs: `%s`%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.runtime.version"), String.join(" ", o.jvmArgs())));
        b.append("- Load average (1/5/15 min): ").append(loadStart).append(" at start, ").append(loadEnd)
                .append(" at end\n");
        b.append(String.format(Locale.ROOT, "- Warm-up: %s; caps: %d s per workload, %d s per store JVM; "
                        + "count() runs for %s s per figure; save + findById: %,d pairs per run (a pair = the save of a new customer "
                        + "and the findById of it), T = %d%n%n",
                (o.warmup() > 0 ? String.format(Locale.ROOT,
                        "the whole sequence at %,d entities in a scratch directory of each store's JVM first, %s",
                        o.warmup(), o.warmupRounds() == 1 ? "once" : o.warmupRounds() + " times")
                        : "none")
                + (o.passes() > 1 ? "; measured passes per store: " + o.passes()
                        + ", each on a fresh store, every figure the median pass's" : ""),
                o.maxSeconds(), o.storeMaxSeconds(), trim(o.countSeconds()), o.pairs(), o.threads()));

        b.append("| workload | unit |");
        runs.forEach(r -> b.append(' ').append(r.store()).append(" |"));
        b.append("\n|---|---|");
        runs.forEach(r -> b.append("---:|"));
        b.append('\n');
        for (Workload w : Workload.values()) {
            b.append("| ").append(label(w, o)).append(" | ").append(w.unit).append(" |");
            runs.forEach(r -> b.append(' ').append(cell(r.outcomes().get(w))).append(" |"));
            b.append('\n');
        }
        b.append("\nOnly figures of workloads that ran to the end with every result verified are shown; "
                + "\"did not finish\" gives how far a workload got before its cap, FAILED a wrong result (see the checks).\n\n");

        b.append("Targets (`").append(SUBJECT).append("` unless said):\n\n");
        b.append("| target | measured | result |\n|---|---|---|\n");
        for (TargetLine t : targets(byStore, o)) {
            b.append("| ").append(t.target()).append(" | ").append(t.measured()).append(" | ").append(t.result())
                    .append(" |\n");
        }

        b.append("\nStores:\n\n");
        for (StoreRun r : runs) {
            b.append("- `").append(r.store()).append("`: ").append(CustomerStores.describe(r.store())).append(". ")
                    .append(runInfo(r)).append('\n');
        }

        b.append("\nChecks (what each figure's results were checked against):\n\n");
        b.append("| workload |");
        runs.forEach(r -> b.append(' ').append(r.store()).append(" |"));
        b.append("\n|---|");
        runs.forEach(r -> b.append("---|"));
        b.append('\n');
        for (Workload w : Workload.values()) {
            b.append("| ").append(label(w, o)).append(" |");
            runs.forEach(r -> {
                Outcome x = r.outcomes().get(w);
                b.append(' ').append(x.status() == Status.OK ? "" : x.status() + ": ")
                        .append(x.detail().replace("|", "\\|")).append(" |");
            });
            b.append('\n');
        }
        return b.toString();
    }

    private static String label(Workload w, CustomerOptions o) {
        return switch (w) {
            case COUNT_TENTH -> String.format(Locale.ROOT, "count() at N/10 = %,d", Math.max(1, o.num() / 10));
            case COUNT_FULL -> String.format(Locale.ROOT, "count() at N = %,d", o.num());
            case SAVE_FIND_MT -> "save + findById of it, " + o.threads() + " threads";
            default -> w.label;
        };
    }

    private static String runInfo(StoreRun r) {
        Map<String, String> i = r.info();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "JVM ran %.0f s", r.wallSeconds()));
        if (i.containsKey("warmup_seconds")) {
            s.append(" (warm-up ").append(i.get("warmup_seconds")).append(" s)");
        }
        if (i.containsKey("jit_measured_seconds")) {
            s.append("; JIT compiler threads busy ").append(i.get("jit_warmup_seconds")).append(" s during the warm-up and ")
                    .append(i.get("jit_measured_seconds")).append(" s during the measured pass");
            if (i.containsKey("jit_per_workload")) {
                s.append(" (").append(i.get("jit_per_workload")).append(")");
            }
        }
        if (i.containsKey("load_start")) {
            s.append("; load average ").append(i.get("load_start")).append(" at its start, ")
                    .append(i.getOrDefault("load_end", "?")).append(" at its end");
        }
        if (i.containsKey("disk_bytes")) {
            long bytes = Long.parseLong(i.get("disk_bytes"));
            if (bytes >= 0) {
                s.append(String.format(Locale.ROOT, "; %.1f MiB on disk at the end", bytes / 1048576.0));
            }
        }
        if (r.ended() != null) {
            s.append("; **").append(r.ended()).append("**");
        }
        return s.toString();
    }

    static String cell(Outcome x) {
        if (x == null) {
            return "did not finish";
        }
        return switch (x.status()) {
            case OK -> String.format(Locale.ROOT, "%,.0f", x.opsPerSecond());
            case DNF -> x.planned() > 0
                    ? String.format(Locale.ROOT, "did not finish (%,d of %,d in %.0f s)", x.ops(), x.planned(), x.nanos() / 1e9)
                    : String.format(Locale.ROOT, "did not finish (%,d in %.0f s)", x.ops(), x.nanos() / 1e9);
            case FAILED -> "FAILED";
            case NOT_RUN -> "did not finish (not run)";
        };
    }

    // ---------------------------------------------------------------- targets

    static List<TargetLine> targets(Map<String, StoreRun> s, CustomerOptions o) {
        List<TargetLine> t = new ArrayList<>();
        t.add(atLeast("save ≥ 100,000 ops/s", s, SUBJECT, Workload.SAVE, 100_000));
        t.add(ratio("findById ≥ 50% of the map store", s, Workload.FIND_BY_ID, "map", 0.5));
        t.add(ratio("findByEmail ≥ 10× Spring Data JDBC on H2", s, Workload.FIND_BY_EMAIL, "jdbc", 10));
        t.add(ratio("findAll paged ≥ Spring Data JDBC on H2 (entities/s)", s, Workload.FIND_ALL_PAGED, "jdbc", 1));
        t.add(atLeast(String.format(Locale.ROOT, "count() ≥ 10,000 calls/s at N/10 = %,d", Math.max(1, o.num() / 10)),
                s, SUBJECT, Workload.COUNT_TENTH, 10_000));
        t.add(atLeast(String.format(Locale.ROOT, "count() ≥ 10,000 calls/s at N = %,d", o.num()), s, SUBJECT,
                Workload.COUNT_FULL, 10_000));
        t.add(independentOfN(s));
        t.add(atLeast("saveAll ≥ 150,000 entities/s", s, SUBJECT, Workload.SAVE_ALL, 150_000));
        t.add(atLeast("saveAll ≥ 50,000 entities/s under ALWAYS (`lsm-always`)", s, "lsm-always", Workload.SAVE_ALL, 50_000));
        t.add(atLeast("update ≥ 50,000 ops/s", s, SUBJECT, Workload.UPDATE, 50_000));
        t.add(atLeast("deleteById ≥ 50,000 ops/s", s, SUBJECT, Workload.DELETE_BY_ID, 50_000));
        t.add(threads(s, o));
        return t;
    }

    /** The figure if the workload ran to the end verified, else null. */
    private static Double rate(Map<String, StoreRun> s, String store, Workload w) {
        StoreRun r = s.get(store);
        if (r == null) {
            return null;
        }
        Outcome x = r.outcomes().get(w);
        return x != null && x.status() == Status.OK ? x.opsPerSecond() : null;
    }

    /** Why the store has no figure for the workload. */
    private static String missing(Map<String, StoreRun> s, String store, Workload w) {
        StoreRun r = s.get(store);
        if (r == null) {
            return "`" + store + "` not run";
        }
        return "`" + store + "`: " + cell(r.outcomes().get(w));
    }

    private static TargetLine atLeast(String target, Map<String, StoreRun> s, String store, Workload w, double min) {
        Double v = rate(s, store, w);
        if (v == null) {
            return new TargetLine(target, missing(s, store, w), s.containsKey(store) ? "MISS" : "n/a");
        }
        return new TargetLine(target, String.format(Locale.ROOT, "%,.0f", v), v >= min ? "PASS" : "MISS");
    }

    private static TargetLine ratio(String target, Map<String, StoreRun> s, Workload w, String other, double min) {
        Double v = rate(s, SUBJECT, w);
        Double ref = rate(s, other, w);
        if (v == null) {
            return new TargetLine(target, missing(s, SUBJECT, w), s.containsKey(SUBJECT) ? "MISS" : "n/a");
        }
        if (ref == null) {
            return new TargetLine(target, missing(s, other, w), "n/a");
        }
        double r = v / ref;
        return new TargetLine(target, String.format(Locale.ROOT, "%s / %s = %,.0f / %,.0f = %.2f×", SUBJECT, other, v, ref, r),
                r >= min ? "PASS" : "MISS");
    }

    /** count() at N over count() at N/10 at least 0.5: an O(N) count() would give about 0.1. */
    private static TargetLine independentOfN(Map<String, StoreRun> s) {
        String target = "count() independent of N: calls/s at N ≥ 0.5 × at N/10 (a count() linear in N gives ≈ 0.1)";
        Double full = rate(s, SUBJECT, Workload.COUNT_FULL);
        Double tenth = rate(s, SUBJECT, Workload.COUNT_TENTH);
        if (full == null || tenth == null) {
            return new TargetLine(target, missing(s, SUBJECT, full == null ? Workload.COUNT_FULL : Workload.COUNT_TENTH),
                    s.containsKey(SUBJECT) ? "MISS" : "n/a");
        }
        double r = full / tenth;
        return new TargetLine(target, String.format(Locale.ROOT, "%,.0f / %,.0f = %.2f", full, tenth, r),
                r >= 0.5 ? "PASS" : "MISS");
    }

    private static TargetLine threads(Map<String, StoreRun> s, CustomerOptions o) {
        String target = o.threads() + " threads of save+findById ≥ 2× 1 thread";
        Double many = rate(s, SUBJECT, Workload.SAVE_FIND_MT);
        Double one = rate(s, SUBJECT, Workload.SAVE_FIND_1T);
        if (many == null || one == null) {
            return new TargetLine(target, missing(s, SUBJECT, many == null ? Workload.SAVE_FIND_MT : Workload.SAVE_FIND_1T),
                    s.containsKey(SUBJECT) ? "MISS" : "n/a");
        }
        double r = many / one;
        return new TargetLine(target, String.format(Locale.ROOT, "%,.0f / %,.0f pairs/s = %.2f×", many, one, r),
                r >= 2 ? "PASS" : "MISS");
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
