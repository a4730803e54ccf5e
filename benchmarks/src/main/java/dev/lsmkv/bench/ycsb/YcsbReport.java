package dev.lsmkv.bench.ycsb;

import dev.lsmkv.bench.BenchStores;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/** Renders a YCSB run as Markdown: set-up, one row per phase and store, ratios, latency per operation type. */
final class YcsbReport {

    private YcsbReport() {
    }

    static String markdown(YcsbOptions o, String commandLine, String started, String finished, String machine,
                           String loadBefore, String loadAfter, List<YcsbBench.Phase> phases, List<PhaseResult> results,
                           Map<String, String> shapes, List<String> checks) {
        StringBuilder b = new StringBuilder();
        b.append("# YCSB core workloads: ").append(String.join(" vs ", o.stores())).append("\n\n");
        b.append("- Run: ").append(started).append(" to ").append(finished).append('\n');
        b.append("- Machine: ").append(machine).append('\n');
        b.append("- Load average (1/5/15 min): ").append(loadBefore).append(" at the start, ").append(loadAfter)
                .append(" at the end\n");
        b.append("- Command: `").append(commandLine).append("`\n");
        if (o.stores().contains("rocksdb")) {
            b.append("- RocksDB: rocksdbjni ").append(BenchStores.rocksDbVersion()).append('\n');
        }
        b.append(String.format(Locale.ROOT,
                "- Settings: recordcount=%d, operationcount=%d, %d client threads, seed %d; records of %d fields x %d bytes "
                        + "(%d-byte values as YCSB's RocksDB binding encodes them), keys \"user\" + FNV-64 of the record "
                        + "number (insertorder=hashed); readallfields=true, writeallfields=false; LZ4, bloom %d bits/key, "
                        + "block cache %d MiB, write buffer %d MiB, WAL on, non-durable writes, tables read %s; "
                        + "a phase stops after %d s\n",
                o.records(), o.operations(), o.threads(), o.seed(), RecordBinding.FIELD_COUNT, RecordBinding.FIELD_LENGTH,
                RecordBinding.FIELD_COUNT * (8 + "field0".length() + RecordBinding.FIELD_LENGTH), o.bloomBits(),
                o.cacheSize() >> 20, o.writeBufferSize() >> 20,
                o.mmapReads() ? "through memory mappings (lsmkv mmapReads, RocksDB allow_mmap_reads)" : "with positional reads",
                o.maxSeconds()));
        b.append(o.isolate()
                ? "- Order: one store at a time (--isolate=true): all phases of a store, then its files deleted, then the next store\n"
                : "- Order: phase by phase, every store in turn within a phase\n");
        b.append("- Phases: ");
        for (int i = 0; i < phases.size(); i++) {
            YcsbBench.Phase p = phases.get(i);
            b.append(i == 0 ? "" : "; ").append(p.name()).append(" (")
                    .append(p.spec() == null ? "insert " + o.records() + " records into a fresh store" : p.spec().mix())
                    .append(')');
        }
        b.append("\n\n");

        b.append("## Results\n\n");
        b.append("ops/s: operations done / wall time of the phase (YCSB's Throughput). Latencies: per operation, all types "
                + "together (per type below). After a phase that wrote, the store was flushed and its compactions "
                + "waited for (unmeasured) before the next phase; on disk is measured after that. A phase's notes give its own "
                + "write stalls, then the store's since its last load. Not found: reads, updates and read-modify-writes of an absent record, "
                + "scans that returned no record (expected 0).\n\n");
        b.append("| phase | store | threads | ops | ops/s | p50 µs | p99 µs | p99.9 µs | not found | on disk MiB | notes |\n");
        b.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (PhaseResult r : results) {
            if (r.error()) {
                b.append("| ").append(r.phase()).append(" | ").append(r.store()).append(" | | | | | | | | | ")
                        .append(r.note()).append(" |\n");
                continue;
            }
            long notFound = r.notFound().values().stream().mapToLong(Long::longValue).sum();
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s | %s | %d | %s | %s |\n", r.phase(),
                    r.store(), r.threads(), r.ops(), ops(r.opsPerSecond()), micros(r.micros(50)), micros(r.micros(99)),
                    micros(r.micros(99.9)), notFound,
                    r.bytesOnDisk() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", r.bytesOnDisk() / 1048576.0), r.note()));
        }

        List<String> others = o.stores().stream().filter(s -> !s.equals("lsmkv")).toList();
        if (o.stores().contains("lsmkv") && !others.isEmpty()) {
            b.append("\n## Ratios lsmkv / other (same run)\n\n");
            b.append("Throughput ratio above 1: lsmkv is faster. p99 ratio below 1: lsmkv's tail is shorter.\n\n");
            StringBuilder head = new StringBuilder("| phase | lsmkv ops/s |");
            StringBuilder rule = new StringBuilder("| --- | ---: |");
            for (String other : others) {
                head.append(' ').append(other).append(" ops/s | ops/s ratio vs ").append(other).append(" | p99 ratio vs ")
                        .append(other).append(" |");
                rule.append(" ---: | ---: | ---: |");
            }
            b.append(head).append('\n').append(rule).append('\n');
            for (YcsbBench.Phase p : phases) {
                Optional<PhaseResult> mine = find(results, "lsmkv", p.name());
                b.append("| ").append(p.name()).append(" | ").append(mine.map(r -> ops(r.opsPerSecond())).orElse("-"))
                        .append(" |");
                for (String other : others) {
                    Optional<PhaseResult> theirs = find(results, other, p.name());
                    b.append(' ').append(theirs.map(r -> ops(r.opsPerSecond())).orElse("-")).append(" | ");
                    if (mine.isPresent() && theirs.isPresent()) {
                        double p99 = mine.get().micros(99) / theirs.get().micros(99);
                        b.append(String.format(Locale.ROOT, "**%.2f** | %s |",
                                mine.get().opsPerSecond() / theirs.get().opsPerSecond(),
                                Double.isNaN(p99) ? "-" : String.format(Locale.ROOT, "%.2f", p99)));
                    } else {
                        b.append("- | - |");
                    }
                }
                b.append('\n');
            }
        }

        b.append("\n## Latency by operation type\n\n");
        b.append("As YCSB reports them: READ (get + decode all fields), UPDATE (get, replace one field, put the record), "
                + "INSERT (put a new record), SCAN (seek + up to the scan length next, decoding each record), "
                + "READ-MODIFY-WRITE (a READ then an UPDATE of the same record).\n\n");
        b.append("| phase | store | operation | count | not found | p50 µs | p99 µs | p99.9 µs | max µs |\n");
        b.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (PhaseResult r : results) {
            for (Map.Entry<String, Histogram> e : r.byOp().entrySet()) {
                Histogram h = e.getValue();
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %s | %s | %s | %s |\n", r.phase(),
                        r.store(), e.getKey(), h.getTotalCount(), r.notFound().getOrDefault(e.getKey(), 0L),
                        micros(PhaseResult.micros(h, 50)), micros(PhaseResult.micros(h, 99)),
                        micros(PhaseResult.micros(h, 99.9)), micros(h.getMaxValue() / 1000.0)));
            }
        }

        b.append("\n## Generator checks\n\n");
        b.append("The ported YCSB generators, drawn with this run's seed before the stores start (the run aborts if one "
                + "fails):\n\n");
        for (String c : checks) {
            b.append("- ").append(c).append('\n');
        }

        if (!shapes.isEmpty()) {
            b.append("\n## Store shape at the end\n\n");
            shapes.forEach((store, shape) -> b.append("- ").append(store).append(": ").append(shape).append('\n'));
        }
        return b.toString();
    }

    private static Optional<PhaseResult> find(List<PhaseResult> results, String store, String phase) {
        return results.stream().filter(r -> !r.error() && r.store().equals(store) && r.phase().equals(phase)).findFirst();
    }

    private static String ops(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String micros(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
