package dev.lsmkv.bench.spring.customer;

import java.util.Locale;

/**
 * One store's result of one workload, as the store's JVM reports it to the runner (one line on
 * its standard output, {@link #toLine()}).
 *
 * @param workload the workload
 * @param status   {@link Status}
 * @param ops      operations done (entities for saveAll and paging, calls for count, pairs for save+find)
 * @param planned  operations the workload was to do (0 for count(), which runs for a fixed time)
 * @param nanos    time the measured operations took
 * @param detail   what was verified, or why it failed or stopped
 */
public record Outcome(Workload workload, Status status, long ops, long planned, long nanos, String detail) {

    /** How a workload ended. Only {@code OK} gives a figure that counts. */
    public enum Status {
        /** All planned operations done and every result verified. */
        OK,
        /** Stopped at the per-workload wall-clock cap ({@code --max_seconds}); what was done was verified. */
        DNF,
        /** A result was wrong or an operation threw: no figure. */
        FAILED,
        /** Not run (the store's JVM was stopped or died first, or the store could not be filled). */
        NOT_RUN
    }

    static final String PREFIX = "@@customer-bench\tR\t";

    public double opsPerSecond() {
        return nanos <= 0 ? 0 : ops * 1e9 / nanos;
    }

    String toLine() {
        return PREFIX + workload.name() + '\t' + status.name() + '\t' + ops + '\t' + planned + '\t' + nanos + '\t'
                + detail.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    static Outcome parse(String line) {
        String[] f = line.substring(PREFIX.length()).split("\t", 6);
        return new Outcome(Workload.valueOf(f[0]), Status.valueOf(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), f.length > 5 ? f[5] : "");
    }

    static Outcome notRun(Workload w, String why) {
        return new Outcome(w, Status.NOT_RUN, 0, 0, 0, why);
    }

    /** One line for the console. */
    String describe() {
        return String.format(Locale.ROOT, "%-48s %-7s %,14.0f %-10s %s", workload.label, status,
                opsPerSecond(), workload.unit, detail);
    }
}
