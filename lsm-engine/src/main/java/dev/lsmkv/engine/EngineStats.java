package dev.lsmkv.engine;

import java.util.List;
import java.util.Objects;

/**
 * A point-in-time copy of the engine's shape and counters; cheap to take, immutable, safe to
 * hand to another thread. Counters are totals since the engine was opened.
 *
 * <p>A final class with accessors and a {@link Builder} rather than a record, so that a counter
 * can be added without breaking code that builds or reads stats (as Caffeine's CacheStats):
 * new accessors appear, nothing positional changes. The accessors keep the names the record
 * had.
 */
public final class EngineStats {
    private final List<LevelStats> levels;
    private final long liveDataBytes;
    private final long memtableBytes;
    private final long memtableEntries;
    private final int immutableMemtables;
    private final long walBytes;
    private final int snapshots;
    private final long sequence;
    private final long puts;
    private final long gets;
    private final long deletes;
    private final long scans;
    private final long batches;
    private final long userBytesWritten;
    private final long walBytesWritten;
    private final long walSyncs;
    private final long flushes;
    private final long bytesFlushed;
    private final long compactions;
    private final long compactionBytesRead;
    private final long compactionBytesWritten;
    private final long stalls;
    private final long stallMicros;
    private final long bloomChecks;
    private final long bloomUseful;
    private final long blockCacheHits;
    private final long blockCacheMisses;
    private final long blockCacheEvictions;
    private final long blockCacheBytes;
    private final String backgroundError;

    private EngineStats(Builder b) {
        this.levels = List.copyOf(b.levels);
        this.liveDataBytes = b.liveDataBytes;
        this.memtableBytes = b.memtableBytes;
        this.memtableEntries = b.memtableEntries;
        this.immutableMemtables = b.immutableMemtables;
        this.walBytes = b.walBytes;
        this.snapshots = b.snapshots;
        this.sequence = b.sequence;
        this.puts = b.puts;
        this.gets = b.gets;
        this.deletes = b.deletes;
        this.scans = b.scans;
        this.batches = b.batches;
        this.userBytesWritten = b.userBytesWritten;
        this.walBytesWritten = b.walBytesWritten;
        this.walSyncs = b.walSyncs;
        this.flushes = b.flushes;
        this.bytesFlushed = b.bytesFlushed;
        this.compactions = b.compactions;
        this.compactionBytesRead = b.compactionBytesRead;
        this.compactionBytesWritten = b.compactionBytesWritten;
        this.stalls = b.stalls;
        this.stallMicros = b.stallMicros;
        this.bloomChecks = b.bloomChecks;
        this.bloomUseful = b.bloomUseful;
        this.blockCacheHits = b.blockCacheHits;
        this.blockCacheMisses = b.blockCacheMisses;
        this.blockCacheEvictions = b.blockCacheEvictions;
        this.blockCacheBytes = b.blockCacheBytes;
        this.backgroundError = b.backgroundError;
    }

    /**
     * The record constructor of earlier versions, kept so that code building stats compiles.
     *
     * @deprecated use {@link #builder()}; this constructor cannot carry counters added since
     */
    @Deprecated(since = "0.1.0")
    public EngineStats(List<LevelStats> levels,
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
        this(builder()
                .levels(levels)
                .liveDataBytes(liveDataBytes)
                .memtableBytes(memtableBytes)
                .immutableMemtables(immutableMemtables)
                .walBytes(walBytes)
                .snapshots(snapshots)
                .sequence(sequence)
                .puts(puts)
                .gets(gets)
                .deletes(deletes)
                .scans(scans)
                .batches(batches)
                .userBytesWritten(userBytesWritten)
                .walBytesWritten(walBytesWritten)
                .walSyncs(walSyncs)
                .flushes(flushes)
                .bytesFlushed(bytesFlushed)
                .compactions(compactions)
                .compactionBytesRead(compactionBytesRead)
                .compactionBytesWritten(compactionBytesWritten)
                .stalls(stalls)
                .stallMicros(stallMicros)
                .bloomChecks(bloomChecks)
                .bloomUseful(bloomUseful)
                .blockCacheHits(blockCacheHits)
                .blockCacheMisses(blockCacheMisses)
                .blockCacheEvictions(blockCacheEvictions)
                .blockCacheBytes(blockCacheBytes)
                .backgroundError(backgroundError));
    }

    /** A builder with every counter 0, no levels and no background error. */
    public static Builder builder() {
        return new Builder();
    }

    /** One entry per level, L0 first. */
    public List<LevelStats> levels() {
        return levels;
    }

    /** Bytes of all live SSTables (on disk; the memtables are in {@link #memtableBytes()}). */
    public long liveDataBytes() {
        return liveDataBytes;
    }

    /** Bytes held by the active and immutable memtables. */
    public long memtableBytes() {
        return memtableBytes;
    }

    /** Entries (puts, deletes, TTL puts) in the active and immutable memtables, not yet in a table. */
    public long memtableEntries() {
        return memtableEntries;
    }

    /** Memtables waiting to be flushed. */
    public int immutableMemtables() {
        return immutableMemtables;
    }

    /** Bytes of live write-ahead log files. */
    public long walBytes() {
        return walBytes;
    }

    /** Open snapshots. */
    public int snapshots() {
        return snapshots;
    }

    /** The last sequence number assigned. */
    public long sequence() {
        return sequence;
    }

    /** Put operations (a batch counts each of its puts). */
    public long puts() {
        return puts;
    }

    /** Get operations. */
    public long gets() {
        return gets;
    }

    /** Delete operations. */
    public long deletes() {
        return deletes;
    }

    /** Cursors opened. */
    public long scans() {
        return scans;
    }

    /** Write batches committed (a single put or delete is a batch of one). */
    public long batches() {
        return batches;
    }

    /** Key and value bytes written by users. */
    public long userBytesWritten() {
        return userBytesWritten;
    }

    /** Bytes appended to write-ahead logs. */
    public long walBytesWritten() {
        return walBytesWritten;
    }

    /** Fsyncs of write-ahead logs (fewer than batches under group commit). */
    public long walSyncs() {
        return walSyncs;
    }

    /** Memtables flushed to SSTables. */
    public long flushes() {
        return flushes;
    }

    /** Bytes of SSTables written by flushes. */
    public long bytesFlushed() {
        return bytesFlushed;
    }

    /** Compactions run (trivial moves included). */
    public long compactions() {
        return compactions;
    }

    /** Bytes of SSTables read by compaction. */
    public long compactionBytesRead() {
        return compactionBytesRead;
    }

    /** Bytes of SSTables written by compaction. */
    public long compactionBytesWritten() {
        return compactionBytesWritten;
    }

    /** Writes that had to wait (slowdown or stop). */
    public long stalls() {
        return stalls;
    }

    /** Time writers spent waiting, in microseconds. */
    public long stallMicros() {
        return stallMicros;
    }

    /** Bloom filter probes made by point reads. */
    public long bloomChecks() {
        return bloomChecks;
    }

    /** Probes that ruled a file out (no data block read). */
    public long bloomUseful() {
        return bloomUseful;
    }

    /** Block cache hits. */
    public long blockCacheHits() {
        return blockCacheHits;
    }

    /** Block cache misses. */
    public long blockCacheMisses() {
        return blockCacheMisses;
    }

    /** Blocks evicted from the cache. */
    public long blockCacheEvictions() {
        return blockCacheEvictions;
    }

    /** Bytes held by the block cache. */
    public long blockCacheBytes() {
        return blockCacheBytes;
    }

    /** The error that stopped writes, or null while healthy. */
    public String backgroundError() {
        return backgroundError;
    }

    /**
     * Everything the store holds: {@link #liveDataBytes()} on disk plus {@link #memtableBytes()}
     * in memory. A store that has not flushed yet has all its data in the memtable.
     */
    public long dataBytes() {
        return liveDataBytes + memtableBytes;
    }

    /**
     * Write amplification: bytes written to disk (flushes and compactions) per byte written by
     * users; 0 before anything was written, and 0 while everything is still in the memtable.
     */
    public double writeAmplification() {
        if (userBytesWritten == 0) {
            return 0;
        }
        return (double) (bytesFlushed + compactionBytesWritten) / userBytesWritten;
    }

    /**
     * Space amplification as RocksDB states it for leveled compaction: bytes of all live tables
     * over the bytes of the deepest non-empty level, which stands in for the live data (under
     * leveled compaction the last level holds the oldest, fully merged version of almost every
     * key, so the levels above it are the overhead of versions and tombstones not yet compacted
     * away). With dynamic level targets a settled store is near 1.11 (1 + 1/multiplier);
     * {@link LsmEngine#compact()} brings it to 1. It is 1 when all tables are in one level (a
     * young store whose tables are all in L0 too, however many overwrites they hold), and 0
     * when there is no table. The memtable and the WAL are not counted. Computed from
     * {@link #levels()}.
     */
    public double spaceAmplification() {
        long total = 0;
        long deepest = 0;
        for (LevelStats level : levels) {
            total += level.bytes();
            if (level.bytes() > 0) {
                deepest = level.bytes();
            }
        }
        return deepest == 0 ? 0 : (double) total / deepest;
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

    /** A builder holding this object's values, to derive a changed copy. */
    public Builder toBuilder() {
        return builder()
                .levels(levels)
                .liveDataBytes(liveDataBytes)
                .memtableBytes(memtableBytes)
                .memtableEntries(memtableEntries)
                .immutableMemtables(immutableMemtables)
                .walBytes(walBytes)
                .snapshots(snapshots)
                .sequence(sequence)
                .puts(puts)
                .gets(gets)
                .deletes(deletes)
                .scans(scans)
                .batches(batches)
                .userBytesWritten(userBytesWritten)
                .walBytesWritten(walBytesWritten)
                .walSyncs(walSyncs)
                .flushes(flushes)
                .bytesFlushed(bytesFlushed)
                .compactions(compactions)
                .compactionBytesRead(compactionBytesRead)
                .compactionBytesWritten(compactionBytesWritten)
                .stalls(stalls)
                .stallMicros(stallMicros)
                .bloomChecks(bloomChecks)
                .bloomUseful(bloomUseful)
                .blockCacheHits(blockCacheHits)
                .blockCacheMisses(blockCacheMisses)
                .blockCacheEvictions(blockCacheEvictions)
                .blockCacheBytes(blockCacheBytes)
                .backgroundError(backgroundError);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EngineStats s)) {
            return false;
        }
        return Objects.equals(levels, s.levels)
                && liveDataBytes == s.liveDataBytes
                && memtableBytes == s.memtableBytes
                && memtableEntries == s.memtableEntries
                && immutableMemtables == s.immutableMemtables
                && walBytes == s.walBytes
                && snapshots == s.snapshots
                && sequence == s.sequence
                && puts == s.puts
                && gets == s.gets
                && deletes == s.deletes
                && scans == s.scans
                && batches == s.batches
                && userBytesWritten == s.userBytesWritten
                && walBytesWritten == s.walBytesWritten
                && walSyncs == s.walSyncs
                && flushes == s.flushes
                && bytesFlushed == s.bytesFlushed
                && compactions == s.compactions
                && compactionBytesRead == s.compactionBytesRead
                && compactionBytesWritten == s.compactionBytesWritten
                && stalls == s.stalls
                && stallMicros == s.stallMicros
                && bloomChecks == s.bloomChecks
                && bloomUseful == s.bloomUseful
                && blockCacheHits == s.blockCacheHits
                && blockCacheMisses == s.blockCacheMisses
                && blockCacheEvictions == s.blockCacheEvictions
                && blockCacheBytes == s.blockCacheBytes
                && Objects.equals(backgroundError, s.backgroundError);
    }

    @Override
    public int hashCode() {
        return Objects.hash(levels,
                liveDataBytes, memtableBytes, memtableEntries, immutableMemtables, walBytes, snapshots,
                sequence, puts, gets, deletes, scans, batches, userBytesWritten, walBytesWritten,
                walSyncs, flushes, bytesFlushed, compactions, compactionBytesRead,
                compactionBytesWritten, stalls, stallMicros, bloomChecks, bloomUseful, blockCacheHits,
                blockCacheMisses, blockCacheEvictions, blockCacheBytes, backgroundError);
    }

    @Override
    public String toString() {
        return "EngineStats[" + "levels=" + levels
                + ", liveDataBytes=" + liveDataBytes
                + ", memtableBytes=" + memtableBytes
                + ", memtableEntries=" + memtableEntries
                + ", immutableMemtables=" + immutableMemtables
                + ", walBytes=" + walBytes
                + ", snapshots=" + snapshots
                + ", sequence=" + sequence
                + ", puts=" + puts
                + ", gets=" + gets
                + ", deletes=" + deletes
                + ", scans=" + scans
                + ", batches=" + batches
                + ", userBytesWritten=" + userBytesWritten
                + ", walBytesWritten=" + walBytesWritten
                + ", walSyncs=" + walSyncs
                + ", flushes=" + flushes
                + ", bytesFlushed=" + bytesFlushed
                + ", compactions=" + compactions
                + ", compactionBytesRead=" + compactionBytesRead
                + ", compactionBytesWritten=" + compactionBytesWritten
                + ", stalls=" + stalls
                + ", stallMicros=" + stallMicros
                + ", bloomChecks=" + bloomChecks
                + ", bloomUseful=" + bloomUseful
                + ", blockCacheHits=" + blockCacheHits
                + ", blockCacheMisses=" + blockCacheMisses
                + ", blockCacheEvictions=" + blockCacheEvictions
                + ", blockCacheBytes=" + blockCacheBytes
                + ", backgroundError=" + backgroundError
                + "]";
    }

    /** Builds {@link EngineStats}; unset counters are 0. Not thread-safe. */
    public static final class Builder {
        private List<LevelStats> levels = List.of();
        private long liveDataBytes;
        private long memtableBytes;
        private long memtableEntries;
        private int immutableMemtables;
        private long walBytes;
        private int snapshots;
        private long sequence;
        private long puts;
        private long gets;
        private long deletes;
        private long scans;
        private long batches;
        private long userBytesWritten;
        private long walBytesWritten;
        private long walSyncs;
        private long flushes;
        private long bytesFlushed;
        private long compactions;
        private long compactionBytesRead;
        private long compactionBytesWritten;
        private long stalls;
        private long stallMicros;
        private long bloomChecks;
        private long bloomUseful;
        private long blockCacheHits;
        private long blockCacheMisses;
        private long blockCacheEvictions;
        private long blockCacheBytes;
        private String backgroundError;

        private Builder() {
        }

        /** One entry per level, L0 first. */
        public Builder levels(List<LevelStats> levels) {
            this.levels = Objects.requireNonNull(levels, "levels");
            return this;
        }

        /** Bytes of all live SSTables (on disk; the memtables are in {@link #memtableBytes()}). */
        public Builder liveDataBytes(long liveDataBytes) {
            this.liveDataBytes = liveDataBytes;
            return this;
        }

        /** Bytes held by the active and immutable memtables. */
        public Builder memtableBytes(long memtableBytes) {
            this.memtableBytes = memtableBytes;
            return this;
        }

        /** Entries (puts, deletes, TTL puts) in the active and immutable memtables, not yet in a table. */
        public Builder memtableEntries(long memtableEntries) {
            this.memtableEntries = memtableEntries;
            return this;
        }

        /** Memtables waiting to be flushed. */
        public Builder immutableMemtables(int immutableMemtables) {
            this.immutableMemtables = immutableMemtables;
            return this;
        }

        /** Bytes of live write-ahead log files. */
        public Builder walBytes(long walBytes) {
            this.walBytes = walBytes;
            return this;
        }

        /** Open snapshots. */
        public Builder snapshots(int snapshots) {
            this.snapshots = snapshots;
            return this;
        }

        /** The last sequence number assigned. */
        public Builder sequence(long sequence) {
            this.sequence = sequence;
            return this;
        }

        /** Put operations (a batch counts each of its puts). */
        public Builder puts(long puts) {
            this.puts = puts;
            return this;
        }

        /** Get operations. */
        public Builder gets(long gets) {
            this.gets = gets;
            return this;
        }

        /** Delete operations. */
        public Builder deletes(long deletes) {
            this.deletes = deletes;
            return this;
        }

        /** Cursors opened. */
        public Builder scans(long scans) {
            this.scans = scans;
            return this;
        }

        /** Write batches committed (a single put or delete is a batch of one). */
        public Builder batches(long batches) {
            this.batches = batches;
            return this;
        }

        /** Key and value bytes written by users. */
        public Builder userBytesWritten(long userBytesWritten) {
            this.userBytesWritten = userBytesWritten;
            return this;
        }

        /** Bytes appended to write-ahead logs. */
        public Builder walBytesWritten(long walBytesWritten) {
            this.walBytesWritten = walBytesWritten;
            return this;
        }

        /** Fsyncs of write-ahead logs (fewer than batches under group commit). */
        public Builder walSyncs(long walSyncs) {
            this.walSyncs = walSyncs;
            return this;
        }

        /** Memtables flushed to SSTables. */
        public Builder flushes(long flushes) {
            this.flushes = flushes;
            return this;
        }

        /** Bytes of SSTables written by flushes. */
        public Builder bytesFlushed(long bytesFlushed) {
            this.bytesFlushed = bytesFlushed;
            return this;
        }

        /** Compactions run (trivial moves included). */
        public Builder compactions(long compactions) {
            this.compactions = compactions;
            return this;
        }

        /** Bytes of SSTables read by compaction. */
        public Builder compactionBytesRead(long compactionBytesRead) {
            this.compactionBytesRead = compactionBytesRead;
            return this;
        }

        /** Bytes of SSTables written by compaction. */
        public Builder compactionBytesWritten(long compactionBytesWritten) {
            this.compactionBytesWritten = compactionBytesWritten;
            return this;
        }

        /** Writes that had to wait (slowdown or stop). */
        public Builder stalls(long stalls) {
            this.stalls = stalls;
            return this;
        }

        /** Time writers spent waiting, in microseconds. */
        public Builder stallMicros(long stallMicros) {
            this.stallMicros = stallMicros;
            return this;
        }

        /** Bloom filter probes made by point reads. */
        public Builder bloomChecks(long bloomChecks) {
            this.bloomChecks = bloomChecks;
            return this;
        }

        /** Probes that ruled a file out (no data block read). */
        public Builder bloomUseful(long bloomUseful) {
            this.bloomUseful = bloomUseful;
            return this;
        }

        /** Block cache hits. */
        public Builder blockCacheHits(long blockCacheHits) {
            this.blockCacheHits = blockCacheHits;
            return this;
        }

        /** Block cache misses. */
        public Builder blockCacheMisses(long blockCacheMisses) {
            this.blockCacheMisses = blockCacheMisses;
            return this;
        }

        /** Blocks evicted from the cache. */
        public Builder blockCacheEvictions(long blockCacheEvictions) {
            this.blockCacheEvictions = blockCacheEvictions;
            return this;
        }

        /** Bytes held by the block cache. */
        public Builder blockCacheBytes(long blockCacheBytes) {
            this.blockCacheBytes = blockCacheBytes;
            return this;
        }

        /** The error that stopped writes, or null while healthy. */
        public Builder backgroundError(String backgroundError) {
            this.backgroundError = backgroundError;
            return this;
        }

        public EngineStats build() {
            return new EngineStats(this);
        }
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
