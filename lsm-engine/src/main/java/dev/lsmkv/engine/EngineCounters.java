package dev.lsmkv.engine;

import java.util.concurrent.atomic.LongAdder;

/** The engine's monotonic counters: LongAdders, cheap to bump from any thread. */
final class EngineCounters {
    final LongAdder puts = new LongAdder();
    final LongAdder gets = new LongAdder();
    final LongAdder deletes = new LongAdder();
    final LongAdder scans = new LongAdder();
    final LongAdder batches = new LongAdder();
    final LongAdder userBytesWritten = new LongAdder();
    final LongAdder walBytesWritten = new LongAdder();
    final LongAdder walSyncs = new LongAdder();
    final LongAdder flushes = new LongAdder();
    final LongAdder bytesFlushed = new LongAdder();
    final LongAdder compactions = new LongAdder();
    final LongAdder compactionBytesRead = new LongAdder();
    final LongAdder compactionBytesWritten = new LongAdder();
    final LongAdder stalls = new LongAdder();
    final LongAdder stallMicros = new LongAdder();
}
