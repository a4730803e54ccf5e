package dev.lsmkv.engine.sstable;

import java.util.concurrent.atomic.LongAdder;

/**
 * Read counters shared by every {@link TableReader} of one engine. Thread-safe; reads of the
 * counters are sums taken at call time, not a consistent snapshot.
 */
public final class TableStats {

    private final LongAdder bloomChecks = new LongAdder();
    private final LongAdder bloomUseful = new LongAdder();
    private final LongAdder blocksRead = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();

    /** Point lookups that asked a table's bloom filter. */
    public long bloomChecks() {
        return bloomChecks.sum();
    }

    /** Bloom checks that answered "absent", so no data block was read. */
    public long bloomUseful() {
        return bloomUseful.sum();
    }

    /** Blocks read from disk (cache misses and the meta blocks read at open), each verified. */
    public long blocksRead() {
        return blocksRead.sum();
    }

    /** Bytes read from disk by those block reads and footer reads, trailers included. */
    public long bytesRead() {
        return bytesRead.sum();
    }

    void recordBloomCheck(boolean useful) {
        bloomChecks.increment();
        if (useful) {
            bloomUseful.increment();
        }
    }

    void recordRead(long bytes, boolean block) {
        if (block) {
            blocksRead.increment();
        }
        bytesRead.add(bytes);
    }
}
