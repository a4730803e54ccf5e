package dev.lsmkv.bench.ycsb;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One store's figures for one phase.
 *
 * @param store       store name
 * @param phase       load, A .. F, load-E, ...
 * @param threads     client threads
 * @param ops         operations done
 * @param target      operations asked for
 * @param nanos       wall time from before the first thread started to after the last one ended (YCSB's RunTime)
 * @param latency     every operation's latency in nanoseconds, all threads and types merged
 * @param byOp        latency per operation type (YCSB's READ, UPDATE, ...); only the types that ran
 * @param notFound    operations per type that found no record (YCSB's ...-FAILED); only non-zero ones
 * @param bytesOnDisk bytes under the store's directory once the phase's flush and compactions settled
 * @param note        what else to know (stopped early, scanned records, settle time, error)
 * @param error       true iff the phase failed
 */
record PhaseResult(String store, String phase, int threads, long ops, long target, long nanos, Histogram latency,
                   Map<String, Histogram> byOp, Map<String, Long> notFound, long bytesOnDisk, String note,
                   boolean error) {

    static PhaseResult failed(String store, String phase, Throwable t) {
        String msg = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new PhaseResult(store, phase, 0, 0, 0, 0, null, Map.of(), Map.of(), -1,
                "FAILED " + msg.replace('|', '/').replace('\n', ' '), true);
    }

    double opsPerSecond() {
        return nanos == 0 ? 0 : ops * 1e9 / nanos;
    }

    /** Latency at {@code percentile} in microseconds; NaN without values. */
    static double micros(Histogram h, double percentile) {
        return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    double micros(double percentile) {
        return micros(latency, percentile);
    }

    PhaseResult withNote(String more) {
        return new PhaseResult(store, phase, threads, ops, target, nanos, latency, byOp, notFound, bytesOnDisk,
                note.isEmpty() ? more : note + "; " + more, error);
    }

    PhaseResult withBytesOnDisk(long bytes) {
        return new PhaseResult(store, phase, threads, ops, target, nanos, latency, byOp, notFound, bytes, note, error);
    }
}
