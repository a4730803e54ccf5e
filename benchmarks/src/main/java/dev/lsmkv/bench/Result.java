package dev.lsmkv.bench;

import org.HdrHistogram.Histogram;

/**
 * One store's figures for one workload.
 *
 * @param store       store name
 * @param workload    workload name
 * @param threads     threads issuing the measured operations
 * @param ops         operations done (readseq: entries read; seekrandom: seeks)
 * @param nanos       wall time from the first thread's start to the last one's end
 * @param latency     per-operation latency in nanoseconds, all threads merged
 * @param bytesOnDisk bytes under the store's directory right after the workload
 * @param writeAmp    flush + compaction bytes per user byte since the store was created; NaN if unknown
 * @param note        what else to know (hits found, writer rate, error)
 * @param error       true iff the workload failed
 */
record Result(String store, String workload, int threads, long ops, long nanos, Histogram latency, long bytesOnDisk,
              double writeAmp, String note, boolean error) {

    static Result failed(String store, String workload, Throwable t) {
        String msg = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new Result(store, workload, 0, 0, 0, null, -1, Double.NaN, "FAILED " + msg.replace('|', '/').replace('\n', ' '), true);
    }

    double opsPerSecond() {
        return nanos == 0 ? 0 : ops * 1e9 / nanos;
    }

    /** Latency at {@code percentile} in microseconds; NaN without a histogram. */
    double micros(double percentile) {
        return latency == null || latency.getTotalCount() == 0 ? Double.NaN
                : latency.getValueAtPercentile(percentile) / 1000.0;
    }
}
