package dev.lsmkv.engine;

import java.util.List;

/**
 * A point-in-time copy of the engine's shape and counters; cheap to take, immutable, safe to
 * hand to another thread. Counters are totals since the engine was opened.
 *
 * @param levels             one entry per level, L0 first
 * @param liveDataBytes      bytes of all live SSTables
 * @param memtableBytes      bytes held by the active and immutable memtables
 * @param immutableMemtables memtables waiting to be flushed
 * @param walBytes           bytes of live write-ahead log files
 * @param snapshots          open snapshots
 * @param sequence           the last sequence number assigned
 * @param puts               put operations (a batch counts each of its puts)
 * @param gets               get operations
 * @param deletes            delete operations
 * @param scans              cursors opened
 * @param batches            write batches committed (a single put or delete is a batch of one)
 * @param userBytesWritten   key and value bytes written by users
 * @param walBytesWritten    bytes appended to write-ahead logs
 * @param walSyncs           fsyncs of write-ahead logs (fewer than batches under group commit)
 * @param flushes            memtables flushed to SSTables
 * @param bytesFlushed       bytes of SSTables written by flushes
 * @param compactions        compactions run (trivial moves included)
 * @param compactionBytesRead    bytes of SSTables read by compaction
 * @param compactionBytesWritten bytes of SSTables written by compaction
 * @param stalls             writes that had to wait (slowdown or stop)
 * @param stallMicros        time writers spent waiting, in microseconds
 * @param bloomChecks        bloom filter probes made by point reads
 * @param bloomUseful        probes that ruled a file out (no data block read)
 * @param blockCacheHits     block cache hits
 * @param blockCacheMisses   block cache misses
 * @param blockCacheEvictions    blocks evicted from the cache
 * @param blockCacheBytes    bytes held by the block cache
 * @param backgroundError    the error that stopped writes, or null while healthy
 */
public record EngineStats(
        List<LevelStats> levels,
        long liveDataBytes,
        long memtableBytes,
        int immutableMemtables,
        long walBytes,
        int snapshots,
        long sequence,
        long puts,
        long gets,
        long deletes,
        long scans,
        long batches,
        long userBytesWritten,
        long walBytesWritten,
        long walSyncs,
        long flushes,
        long bytesFlushed,
        long compactions,
        long compactionBytesRead,
        long compactionBytesWritten,
        long stalls,
        long stallMicros,
        long bloomChecks,
        long bloomUseful,
        long blockCacheHits,
        long blockCacheMisses,
        long blockCacheEvictions,
        long blockCacheBytes,
        String backgroundError) {

    public EngineStats {
        levels = List.copyOf(levels);
    }

    /**
     * Write amplification: bytes written to disk (flushes and compactions) per byte written by
     * users; 0 before anything was written.
     */
    public double writeAmplification() {
        if (userBytesWritten == 0) {
            return 0;
        }
        return (double) (bytesFlushed + compactionBytesWritten) / userBytesWritten;
    }

    /** Block cache hits / (hits + misses); 0 before any lookup. */
    public double blockCacheHitRatio() {
        long lookups = blockCacheHits + blockCacheMisses;
        return lookups == 0 ? 0 : (double) blockCacheHits / lookups;
    }

    /** Total SSTable files across levels. */
    public int totalFiles() {
        return levels.stream().mapToInt(LevelStats::files).sum();
    }

    /** True iff no background error has stopped writes. */
    public boolean healthy() {
        return backgroundError == null;
    }

    /**
     * The shape of one level.
     *
     * @param level level number, 0 for the newest
     * @param files SSTables in the level
     * @param bytes their total size
     * @param score how full the level is against its target (L0: files / compaction trigger);
     *              compaction is due at 1 or more
     */
    public record LevelStats(int level, int files, long bytes, double score) {
    }
}
