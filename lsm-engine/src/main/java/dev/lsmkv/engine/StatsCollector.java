package dev.lsmkv.engine;

import dev.lsmkv.engine.cache.BlockCache;
import dev.lsmkv.engine.compaction.CompactionPicker;
import dev.lsmkv.engine.memtable.MemTable;
import dev.lsmkv.engine.sstable.TableStats;
import dev.lsmkv.engine.version.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles {@link EngineStats} from a pinned {@link ReadView} (levels, memtables), the
 * engine's counters, the tables' and block cache's statistics, and the few values only the
 * engine mutex can give (passed in by the caller).
 *
 * <p>Thread-safety: reads thread-safe counters only; any thread.
 */
final class StatsCollector {

    private final CompactionPicker picker;
    private final EngineCounters counters;
    private final TableStats tableStats;
    private final BlockCache blockCache;

    /** @param blockCache null when the block cache is disabled */
    StatsCollector(CompactionPicker picker, EngineCounters counters, TableStats tableStats, BlockCache blockCache) {
        this.picker = picker;
        this.counters = counters;
        this.tableStats = tableStats;
        this.blockCache = blockCache;
    }

    /**
     * A snapshot of the engine's state and counters. {@code walBytes} and {@code snapshotCount}
     * were read under the engine mutex; {@code backgroundError} is null while healthy.
     */
    EngineStats collect(ReadView v, long walBytes, int snapshotCount, long visibleSequence,
            Throwable backgroundError) {
        Version version = v.version;
        double[] scores = picker.scores(version);
        List<EngineStats.LevelStats> levels = new ArrayList<>();
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            levels.add(new EngineStats.LevelStats(level, version.numFiles(level), version.levelBytes(level),
                    level < scores.length ? scores[level] : 0));
        }
        long memBytes = v.mem.approximateMemoryUsage();
        long memEntries = v.mem.entries();
        for (MemTable imm : v.imms) {
            memBytes += imm.approximateMemoryUsage();
            memEntries += imm.entries();
        }
        return EngineStats.builder()
                .levels(levels)
                .liveDataBytes(version.totalBytes())
                .memtableBytes(memBytes)
                .memtableEntries(memEntries)
                .immutableMemtables(v.imms.size())
                .walBytes(walBytes)
                .snapshots(snapshotCount)
                .sequence(visibleSequence)
                .puts(counters.puts.sum())
                .gets(counters.gets.sum())
                .deletes(counters.deletes.sum())
                .scans(counters.scans.sum())
                .batches(counters.batches.sum())
                .userBytesWritten(counters.userBytesWritten.sum())
                .walBytesWritten(counters.walBytesWritten.sum())
                .walSyncs(counters.walSyncs.sum())
                .flushes(counters.flushes.sum())
                .bytesFlushed(counters.bytesFlushed.sum())
                .compactions(counters.compactions.sum())
                .compactionBytesRead(counters.compactionBytesRead.sum())
                .compactionBytesWritten(counters.compactionBytesWritten.sum())
                .stalls(counters.stalls.sum())
                .stallMicros(counters.stallMicros.sum())
                .bloomChecks(tableStats.bloomChecks())
                .bloomUseful(tableStats.bloomUseful())
                .blockCacheHits(blockCache == null ? 0 : blockCache.hits())
                .blockCacheMisses(blockCache == null ? 0 : blockCache.misses())
                .blockCacheEvictions(blockCache == null ? 0 : blockCache.evictions())
                .blockCacheBytes(blockCache == null ? 0 : blockCache.sizeBytes())
                .backgroundError(backgroundError == null ? null : String.valueOf(backgroundError.getMessage()))
                .build();
    }
}
