package dev.lsmkv.bench.ycsb;

import java.util.List;
import java.util.Locale;

/**
 * The properties of one of YCSB's core workloads, as its file workloads/workload{a..f} sets them
 * (every other property at CoreWorkload's default: readallfields=true, writeallfields=false,
 * fieldcount=10, fieldlength=100 constant, insertorder=hashed, minscanlength=1,
 * scanlengthdistribution=uniform).
 *
 * @param name                one letter, upper case
 * @param read                readproportion
 * @param update              updateproportion
 * @param insert              insertproportion
 * @param scan                scanproportion
 * @param readModifyWrite     readmodifywriteproportion
 * @param requestDistribution zipfian, latest or uniform
 * @param maxScanLength       maxscanlength
 */
record WorkloadSpec(String name, double read, double update, double insert, double scan, double readModifyWrite,
                    String requestDistribution, int maxScanLength) {

    static final int MIN_SCAN_LENGTH = 1;

    /** workloads/workloada .. workloadf of YCSB. */
    static final List<WorkloadSpec> CORE = List.of(
            new WorkloadSpec("A", 0.5, 0.5, 0, 0, 0, "zipfian", 1000),
            new WorkloadSpec("B", 0.95, 0.05, 0, 0, 0, "zipfian", 1000),
            new WorkloadSpec("C", 1, 0, 0, 0, 0, "zipfian", 1000),
            new WorkloadSpec("D", 0.95, 0, 0.05, 0, 0, "latest", 1000),
            new WorkloadSpec("E", 0, 0, 0.05, 0.95, 0, "zipfian", 100),
            new WorkloadSpec("F", 0.5, 0, 0, 0, 0.5, "zipfian", 1000));

    static WorkloadSpec named(String letter) {
        for (WorkloadSpec w : CORE) {
            if (w.name.equalsIgnoreCase(letter.trim())) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + letter + "': YCSB's core workloads are a, b, c, d, e, f");
    }

    /** "read 50% / update 50%, zipfian"-style summary for the report. */
    String mix() {
        StringBuilder b = new StringBuilder();
        part(b, "read", read);
        part(b, "update", update);
        part(b, "insert", insert);
        part(b, "scan 1.." + maxScanLength, scan);
        part(b, "read-modify-write", readModifyWrite);
        return b.append(", ").append(requestDistribution).toString();
    }

    private static void part(StringBuilder b, String what, double p) {
        if (p > 0) {
            b.append(b.length() == 0 ? "" : " / ").append(what).append(' ')
                    .append(String.format(Locale.ROOT, "%.0f%%", p * 100));
        }
    }
}
