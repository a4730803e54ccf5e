package dev.lsmkv.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a run as Markdown: the set-up, one row per store and workload, the lsmkv/other ratios
 * per workload, and lsmkv's speed targets from the "Engine core" issue as PASS/MISS.
 */
final class Report {

    private Report() {
    }

    /** One target of the engine issue. */
    record Target(String what, String workload, double goal, String unit) {
    }

    /**
     * @param charts links to the run's charts, relative to the report's directory (none: no charts)
     */
    static String markdown(BenchConfig config, Environment env, List<Result> results, Map<String, String> shapes,
                           List<String> charts) {
        StringBuilder b = new StringBuilder();
        b.append("# db_bench: ").append(String.join(" vs ", config.stores())).append("\n\n");
        b.append("- Run: ").append(env.started).append(" to ").append(env.finished).append('\n');
        b.append("- Machine: ").append(env.processors).append(" cpus (").append(env.cpu).append("), ")
                .append(env.memory).append(" RAM, ").append(env.os).append('\n');
        b.append("- Java: ").append(env.java).append(", max heap ").append(env.maxHeap >> 20).append(" MiB")
                .append(env.jvmArgs.isBlank() ? "" : ", JVM args `" + env.jvmArgs + "`").append('\n');
        b.append("- Load average (1/5/15 min): ").append(env.loadBefore).append(" before, ").append(env.loadAfter)
                .append(" after\n");
        if (config.stores().contains("rocksdb")) {
            b.append("- RocksDB: rocksdbjni ").append(RocksDbStore.version()).append('\n');
        }
        if (config.stores().contains("lmdb")) {
            b.append("- LMDB: lmdbjava, LMDB ").append(LmdbStore.version())
                    .append("; no compression, no bloom filter, no block cache (reads go through the mmap: the OS page cache)\n");
        }
        b.append(String.format(Locale.ROOT,
                "- Settings: num=%d, reads=%d, sync_num=%d; %d-byte keys, %d-byte values (half random: compression ratio 0.5); "
                        + "LZ4; bloom %d bits/key; block cache %d MiB; write buffer %d MiB; WAL on, %s, %s; tables read %s; "
                        + "fresh directory per store under %s (file system %s)\n",
                config.num(), config.reads(), config.syncNum(), BenchConfig.KEY_SIZE, config.valueSize(), config.bloomBits(),
                config.cacheSize() >> 20, config.writeBufferSize() >> 20,
                config.mmapWrites() == null
                        ? "each store's default WAL writes (lsmkv: through a memory mapping, walMmapWrites, on Linux; "
                                + "RocksDB: write calls)"
                        : config.mmapWrites()
                                ? "written through memory mappings in both stores (lsmkv walMmapWrites, RocksDB allow_mmap_writes)"
                                : "written with write calls in both stores (lsmkv walMmapWrites=false)",
                config.walPreallocate()
                        ? "lsmkv's WAL preallocated with zeros and written in place (walPreallocate; RocksDB appends to a "
                                + "new WAL, recycle_log_file_num=0)"
                        : "lsmkv's WAL appended to (walPreallocate=false)",
                config.mmapReads() ? "through memory mappings (lsmkv mmapReads, RocksDB allow_mmap_reads)" : "with positional reads",
                config.db(), env.fileSystem(config.db().getParent())));
        b.append("- Durable writes (fillsync-*): lsmkv SyncMode.ALWAYS, RocksDB sync=true; every other write: "
                + "lsmkv SyncMode.NONE, RocksDB sync=false.");
        if (config.stores().contains("lmdb")) {
            b.append(" LMDB: a write transaction per put, synchronous commit when durable, otherwise "
                    + "MDB_NOSYNC | MDB_NOMETASYNC.");
        }
        b.append("\n\n");

        b.append("## Results\n\n");
        if (!charts.isEmpty()) {
            for (String chart : charts) {
                b.append("![").append(chart).append("](").append(chart).append(")\n");
            }
            b.append('\n');
        }
        b.append("Latencies are per operation (readseq: per entry; seekrandom: per seek + 10 next). "
                + "W-amp: flush + compaction bytes per user byte since the store was created (WAL excluded). "
                + "Stalls and fsyncs in the notes count from the store's creation too.\n\n");
        if (config.repeat() > 1) {
            b.append("Each row is the store's median run of ").append(config.repeat())
                    .append(" (by ops/s); the notes list every run's ops/s.\n\n");
        }
        b.append("| store | workload | threads | ops | ops/s | p50 µs | p99 µs | p99.9 µs | on disk MiB | W-amp | notes |\n");
        b.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (List<Result> runs : groups(results)) {
            Result r = median(runs);
            if (r.error()) {
                b.append("| ").append(r.store()).append(" | ").append(r.workload()).append(" | | | | | | | | | ")
                        .append(r.note()).append(" |\n");
                continue;
            }
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s | %s | %.1f | %s | %s |\n",
                    r.store(), r.workload(), r.threads(), r.ops(), opsFormat(r.opsPerSecond()), micros(r.micros(50)),
                    micros(r.micros(99)), micros(r.micros(99.9)), r.bytesOnDisk() / 1048576.0,
                    Double.isNaN(r.writeAmp()) ? "n/a" : String.format(Locale.ROOT, "%.2f", r.writeAmp()),
                    joinNotes(runsNote(runs), r.note())));
        }

        List<String> others = config.stores().stream().filter(s -> !s.equals("lsmkv")).toList();
        if (config.stores().contains("lsmkv") && !others.isEmpty()) {
            b.append("\n## Ratios lsmkv / other (same run)\n\n");
            b.append("Throughput ratio above 1: lsmkv is faster. p99 ratio below 1: lsmkv's tail is shorter.\n\n");
            StringBuilder head = new StringBuilder("| workload | lsmkv ops/s |");
            StringBuilder rule = new StringBuilder("| --- | ---: |");
            for (String o : others) {
                head.append(' ').append(o).append(" ops/s | ops/s ratio vs ").append(o).append(" | per-run ratios | p99 ratio vs ")
                        .append(o).append(" |");
                rule.append(" ---: | ---: | --- | ---: |");
            }
            b.append(head).append('\n').append(rule).append('\n');
            for (String w : workloads(results)) {
                Optional<Result> mine = find(results, "lsmkv", w);
                b.append("| ").append(w).append(" | ").append(mine.map(r -> opsFormat(r.opsPerSecond())).orElse("-"))
                        .append(" |");
                for (String o : others) {
                    Optional<Result> theirs = find(results, o, w);
                    b.append(' ').append(theirs.map(r -> opsFormat(r.opsPerSecond())).orElse("-")).append(" | ");
                    if (mine.isPresent() && theirs.isPresent()) {
                        List<Result> a = runs(results, "lsmkv", w);
                        List<Result> c = runs(results, o, w);
                        StringBuilder per = new StringBuilder();
                        for (int i = 0; i < Math.min(a.size(), c.size()); i++) {
                            per.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f",
                                    a.get(i).opsPerSecond() / c.get(i).opsPerSecond()));
                        }
                        double p99 = mine.get().micros(99) / theirs.get().micros(99);
                        b.append(String.format(Locale.ROOT, "**%.2f** | %s | %s |",
                                mine.get().opsPerSecond() / theirs.get().opsPerSecond(), per,
                                Double.isNaN(p99) ? "-" : String.format(Locale.ROOT, "%.2f", p99)));
                    } else {
                        b.append("- | - | - |");
                    }
                }
                b.append('\n');
            }
        }

        if (config.stores().contains("lsmkv") && config.stores().contains("rocksdb")) {
            b.append("\n## Targets of the benchmarks issue (lsmkv against the other stores, same run)\n\n");
            b.append("Floor: lsmkv / RocksDB ops/s at least 1.0 on every workload and 2.0 on readseq; after fillrandom + "
                    + "full compaction, write amplification at most RocksDB's and bytes on disk at most 1.1x RocksDB's. "
                    + "Goal: lsmkv at least the best of the other stores in the run.\n\n");
            b.append("| workload | lsmkv / RocksDB | floor | floor result | best other store | goal result |\n");
            b.append("| --- | ---: | ---: | --- | --- | --- |\n");
            for (String line : floorRows(results)) {
                b.append(line).append('\n');
            }
        }

        if (config.stores().contains("lsmkv")) {
            b.append("\n## Engine targets (issue \"Engine core\", lsmkv)\n\n");
            b.append("| target | measured | goal | result |\n| --- | ---: | ---: | --- |\n");
            for (String line : targetRows(results)) {
                b.append(line).append('\n');
            }
        }

        if (!shapes.isEmpty()) {
            b.append("\n## Store shape at the end\n\n");
            shapes.forEach((store, shape) -> b.append("- ").append(store).append(": ").append(shape).append('\n'));
        }
        return b.toString();
    }

    /**
     * The floor and goal of the benchmarks issue as table rows: per workload the lsmkv/RocksDB
     * throughput ratio against its floor and lsmkv against the fastest other store; for the
     * compact workload, write amplification and bytes on disk against RocksDB's.
     */
    static List<String> floorRows(List<Result> results) {
        List<String> rows = new ArrayList<>();
        for (String w : workloads(results)) {
            Optional<Result> mine = find(results, "lsmkv", w);
            Optional<Result> rocks = find(results, "rocksdb", w);
            if (mine.isEmpty() || rocks.isEmpty()) {
                rows.add("| " + w + " | not measured for both | | - | | - |");
                continue;
            }
            if (w.equals("compact")) {
                double wa = mine.get().writeAmp();
                double waRocks = rocks.get().writeAmp();
                rows.add(String.format(Locale.ROOT, "| write amplification after fillrandom + compact | %.2f vs %.2f | ≤ RocksDB | %s | | |",
                        wa, waRocks, wa <= waRocks ? "PASS" : "**MISS**"));
                double bytes = (double) mine.get().bytesOnDisk() / rocks.get().bytesOnDisk();
                rows.add(String.format(Locale.ROOT, "| bytes on disk after fillrandom + compact | %.2fx (%.1f vs %.1f MiB) | ≤ 1.1x | %s | | |",
                        bytes, mine.get().bytesOnDisk() / 1048576.0, rocks.get().bytesOnDisk() / 1048576.0,
                        bytes <= 1.1 ? "PASS" : "**MISS**"));
                continue;
            }
            double ratio = mine.get().opsPerSecond() / rocks.get().opsPerSecond();
            double floor = w.equals("readseq") ? 2.0 : 1.0;
            Optional<Result> best = results.stream().map(Result::store).distinct().filter(st -> !st.equals("lsmkv"))
                    .map(st -> find(results, st, w)).flatMap(Optional::stream)
                    .max(java.util.Comparator.comparingDouble(Result::opsPerSecond));
            String bestCell = best.map(r -> String.format(Locale.ROOT, "%s %s ops/s (lsmkv %.2fx)", r.store(),
                    opsFormat(r.opsPerSecond()), mine.get().opsPerSecond() / r.opsPerSecond())).orElse("-");
            String goal = best.map(r -> mine.get().opsPerSecond() >= r.opsPerSecond() ? "PASS" : "**MISS**").orElse("-");
            rows.add(String.format(Locale.ROOT, "| %s | %.2f | ≥ %.1f | %s | %s | %s |", w, ratio, floor,
                    ratio >= floor ? "PASS" : "**MISS**", bestCell, goal));
        }
        return rows;
    }

    /** The target checks as table rows; also printed on their own by the runner. */
    static List<String> targetRows(List<Result> results) {
        List<String> rows = new ArrayList<>();
        List<Target> targets = List.of(
                new Target("fillseq", "fillseq", 300_000, "ops/s"),
                new Target("fillrandom", "fillrandom", 200_000, "ops/s"),
                new Target("random reads, flushed cache-warm files, 1 thread", "readrandom", 300_000, "ops/s"),
                new Target("random reads, flushed cache-warm files, 2 threads", "readrandom-2t", 300_000, "ops/s"),
                new Target("full scan", "readseq", 3_000_000, "entries/s"));
        for (Target t : targets) {
            Optional<Result> r = find(results, "lsmkv", t.workload());
            if (r.isEmpty()) {
                rows.add("| " + t.what() + " | not run | " + opsFormat(t.goal()) + " " + t.unit() + " | - |");
            } else {
                double v = r.get().opsPerSecond();
                rows.add(String.format(Locale.ROOT, "| %s (%s) | %s %s | ≥ %s | %s |", t.what(), t.workload(),
                        opsFormat(v), t.unit(), opsFormat(t.goal()), v >= t.goal() ? "PASS" : "**MISS**"));
            }
        }
        Optional<Result> one = find(results, "lsmkv", "fillsync-1t");
        Optional<Result> four = find(results, "lsmkv", "fillsync-4t");
        if (one.isPresent() && four.isPresent()) {
            double x = four.get().opsPerSecond() / one.get().opsPerSecond();
            rows.add(String.format(Locale.ROOT,
                    "| SyncMode.ALWAYS, 4 writer threads vs 1 (fillsync-4t / fillsync-1t) | %.2fx (%s vs %s ops/s) | ≥ 3x | %s |",
                    x, opsFormat(four.get().opsPerSecond()), opsFormat(one.get().opsPerSecond()), x >= 3 ? "PASS" : "**MISS**"));
        } else {
            rows.add("| SyncMode.ALWAYS, 4 writer threads vs 1 | not run | ≥ 3x | - |");
        }
        return rows;
    }

    static Set<String> workloads(List<Result> results) {
        Set<String> names = new LinkedHashSet<>();
        results.forEach(r -> names.add(r.workload()));
        return names;
    }

    /** The median run (by ops/s) of a store on a workload, ignoring failed runs. */
    static Optional<Result> find(List<Result> results, String store, String workload) {
        List<Result> ok = runs(results, store, workload);
        return ok.isEmpty() ? Optional.empty() : Optional.of(median(ok));
    }

    /** The successful runs of a store on a workload, in run order. */
    private static List<Result> runs(List<Result> results, String store, String workload) {
        return results.stream().filter(r -> !r.error() && r.store().equals(store) && r.workload().equals(workload))
                .toList();
    }

    /** All runs grouped by (store, workload), in first-run order. */
    private static List<List<Result>> groups(List<Result> results) {
        Map<String, List<Result>> g = new java.util.LinkedHashMap<>();
        for (Result r : results) {
            g.computeIfAbsent(r.store() + "\u0000" + r.workload(), k -> new ArrayList<>()).add(r);
        }
        return new ArrayList<>(g.values());
    }

    /** The lower median by ops/s of the successful runs, or the first failure if none succeeded. */
    private static Result median(List<Result> runs) {
        List<Result> ok = runs.stream().filter(r -> !r.error())
                .sorted(java.util.Comparator.comparingDouble(Result::opsPerSecond)).toList();
        return ok.isEmpty() ? runs.get(0) : ok.get((ok.size() - 1) / 2);
    }

    private static String runsNote(List<Result> runs) {
        if (runs.size() < 2) {
            return "";
        }
        StringBuilder b = new StringBuilder("runs ");
        for (int i = 0; i < runs.size(); i++) {
            b.append(i == 0 ? "" : " / ").append(runs.get(i).error() ? "failed" : opsFormat(runs.get(i).opsPerSecond()));
        }
        return b.toString();
    }

    private static String joinNotes(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    static String opsFormat(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String micros(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
