package dev.lsmkv.engine;

import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.fs.NioFileSystem;
import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How an engine is tuned. Immutable; made by {@link #builder()}. Every setting has a sensible
 * default, and a value out of range is an {@link IllegalArgumentException} naming the setting
 * and its range when {@link Builder#build()} is called.
 */
public final class EngineOptions {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final int DEFAULT_MAX_OPEN_FILES = maxOpenFilesFor(fileDescriptorLimit());

    private final long memtableSizeBytes;
    private final long blockCacheSizeBytes;
    private final SyncMode syncMode;
    private final Duration syncInterval;
    private final Compression compression;
    private final int blockSizeBytes;
    private final int blockRestartInterval;
    private final int bloomBitsPerKey;
    private final int maxImmutableMemtables;
    private final long targetFileSizeBytes;
    private final long level1MaxBytes;
    private final int levelSizeMultiplier;
    private final boolean dynamicLevelBytes;
    private final double tombstoneCompactionRatio;
    private final boolean memtablePointIndex;
    private final boolean mmapReads;
    private final boolean walMmapWrites;
    private final boolean walPreallocate;
    private final int level0CompactionTrigger;
    private final int level0SlowdownTrigger;
    private final int level0StopTrigger;
    private final long delayedWriteRate;
    private final int maxOpenFiles;
    private final long maxManifestFileSizeBytes;
    private final InstantSource clock;
    private final Vfs fileSystem;
    private final EngineEventListener eventListener;

    private EngineOptions(Builder b) {
        this.memtableSizeBytes = b.memtableSizeBytes;
        this.blockCacheSizeBytes = b.blockCacheSizeBytes;
        this.syncMode = b.syncMode;
        this.syncInterval = b.syncInterval;
        this.compression = b.compression;
        this.blockSizeBytes = b.blockSizeBytes;
        this.blockRestartInterval = b.blockRestartInterval;
        this.bloomBitsPerKey = b.bloomBitsPerKey;
        this.maxImmutableMemtables = b.maxImmutableMemtables;
        this.targetFileSizeBytes = b.targetFileSizeBytes;
        this.level1MaxBytes = b.level1MaxBytes;
        this.levelSizeMultiplier = b.levelSizeMultiplier;
        this.dynamicLevelBytes = b.dynamicLevelBytes;
        this.tombstoneCompactionRatio = b.tombstoneCompactionRatio;
        this.memtablePointIndex = b.memtablePointIndex;
        this.mmapReads = b.mmapReads;
        this.walMmapWrites = b.walMmapWrites;
        this.walPreallocate = b.walPreallocate;
        this.level0CompactionTrigger = b.level0CompactionTrigger;
        this.level0SlowdownTrigger = b.level0SlowdownTrigger;
        this.level0StopTrigger = b.level0StopTrigger;
        this.delayedWriteRate = b.delayedWriteRate;
        this.maxOpenFiles = b.maxOpenFiles;
        this.maxManifestFileSizeBytes = b.maxManifestFileSizeBytes;
        this.clock = b.clock;
        this.fileSystem = b.fileSystem;
        this.eventListener = b.eventListener;
    }

    /** All defaults. */
    public static EngineOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.memtableSizeBytes = memtableSizeBytes;
        b.blockCacheSizeBytes = blockCacheSizeBytes;
        b.syncMode = syncMode;
        b.syncInterval = syncInterval;
        b.compression = compression;
        b.blockSizeBytes = blockSizeBytes;
        b.blockRestartInterval = blockRestartInterval;
        b.bloomBitsPerKey = bloomBitsPerKey;
        b.maxImmutableMemtables = maxImmutableMemtables;
        b.targetFileSizeBytes = targetFileSizeBytes;
        b.level1MaxBytes = level1MaxBytes;
        b.levelSizeMultiplier = levelSizeMultiplier;
        b.dynamicLevelBytes = dynamicLevelBytes;
        b.tombstoneCompactionRatio = tombstoneCompactionRatio;
        b.memtablePointIndex = memtablePointIndex;
        b.mmapReads = mmapReads;
        b.walMmapWrites = walMmapWrites;
        b.walPreallocate = walPreallocate;
        b.level0CompactionTrigger = level0CompactionTrigger;
        b.level0SlowdownTrigger = level0SlowdownTrigger;
        b.level0StopTrigger = level0StopTrigger;
        b.delayedWriteRate = delayedWriteRate;
        b.maxOpenFiles = maxOpenFiles;
        b.maxManifestFileSizeBytes = maxManifestFileSizeBytes;
        b.clock = clock;
        b.fileSystem = fileSystem;
        b.eventListener = eventListener;
        return b;
    }

    /** Flush threshold of one memtable, in bytes. Default 64 MiB. */
    public long memtableSizeBytes() { return memtableSizeBytes; }

    /** Capacity of the block cache in bytes (uncompressed blocks); 0 disables it. Default 64 MiB. */
    public long blockCacheSizeBytes() { return blockCacheSizeBytes; }

    /** When the WAL is fsync'd. Default {@link SyncMode#ALWAYS}. */
    public SyncMode syncMode() { return syncMode; }

    /** How often {@link SyncMode#PERIODIC} fsyncs the WAL. Default 100 ms. */
    public Duration syncInterval() { return syncInterval; }

    /** Block compression of new SSTables. Default {@link Compression#LZ4}. */
    public Compression compression() { return compression; }

    /** Target size of an SSTable data block before compression. Default 4 KiB. */
    public int blockSizeBytes() { return blockSizeBytes; }

    /** Keys between restart points in a block. Default 16. */
    public int blockRestartInterval() { return blockRestartInterval; }

    /** Bloom filter bits per key (about 1% false positives at 10); 0 writes no filter. Default 10. */
    public int bloomBitsPerKey() { return bloomBitsPerKey; }

    /** Immutable memtables that may wait for flush before writers stall. Default 2. */
    public int maxImmutableMemtables() { return maxImmutableMemtables; }

    /** Size at which compaction output is split into a new SSTable. Default 8 MiB. */
    public long targetFileSizeBytes() { return targetFileSizeBytes; }

    /** Target size of level 1; level n+1 is {@link #levelSizeMultiplier()} times level n. Default 64 MiB. */
    public long level1MaxBytes() { return level1MaxBytes; }

    /** Size ratio between adjacent levels. Default 10. */
    public int levelSizeMultiplier() { return levelSizeMultiplier; }

    /**
     * Whether level targets follow the data (RocksDB's level_compaction_dynamic_level_bytes):
     * the last level's target is its actual size, each level above it a
     * {@link #levelSizeMultiplier()}-th of the one below, and level 0 compacts into the highest
     * level whose target is at least {@link #level1MaxBytes()} / multiplier, levels above it
     * staying empty. Then ~90% of the data is in the last level and space amplification stays
     * near 1.11 without a manual compaction. Off: fixed targets, level1MaxBytes x multiplier^(n-1).
     * Default true.
     */
    public boolean dynamicLevelBytes() { return dynamicLevelBytes; }

    /**
     * Share of DELETE entries from which a table is compacted for its tombstones alone, when no
     * level is over its target (RocksDB's CompactOnDeletionCollector deletion ratio, Pebble's
     * tombstone-density compaction): the table, with at least 100 tombstones and at least this
     * share of its entries being tombstones, is merged into the next level, where its tombstones
     * drop the versions they delete, so deleting a range gives its space back without a manual
     * compaction. The most tombstone-dense table goes first; a last-level table waits until no
     * open snapshot predates its newest entry. Between 0 and 1; 0 turns these compactions off.
     * Default 0.5.
     */
    public double tombstoneCompactionRatio() { return tombstoneCompactionRatio; }

    /**
     * Whether the memtable that takes writes keeps a point index, a hash table from each user key
     * to its newest entry, beside its skip list: a get of a key the memtable holds, at the current
     * sequence, is then one hash probe instead of a skip-list search (tens of dependent cache
     * misses in a memtable of a few hundred thousand entries). It costs a hash-table update and
     * about 48 bytes (counted in the memtable's size) per write: about 0.7 µs on a memtable add of
     * random keys that takes 2 µs without it, while findById through the Spring starter (which
     * turns it on) ran 1.3-1.7x faster. A memtable with the index has no bloom filter (the index
     * answers a lookup of an absent key from its hash array, as cheaply), which saves six atomic
     * updates per add. Default false.
     */
    public boolean memtablePointIndex() { return memtablePointIndex; }

    /** Level-0 file count that starts a compaction into level 1. Default 4. */
    public int level0CompactionTrigger() { return level0CompactionTrigger; }

    /**
     * Level-0 file count from which writes are delayed to {@link #delayedWriteRate()}. Default 8.
     */
    public int level0SlowdownTrigger() { return level0SlowdownTrigger; }

    /** Level-0 file count at which writes wait for compaction. Default 12. */
    public int level0StopTrigger() { return level0StopTrigger; }

    /**
     * Bytes per second writes may go at while level 0 holds {@link #level0SlowdownTrigger()} tables
     * or more (RocksDB's delayed_write_rate, whose default this is): each write group adds its
     * bytes over this rate to a delay that the writers sleep off, in sleeps of at least 1 ms, so
     * compaction can catch up before level 0 reaches the stop trigger. A write's delay grows with
     * its size (LevelDB's policy, before this option, slept 1 ms per write whatever its size).
     * Default 16 MiB/s.
     */
    public long delayedWriteRate() { return delayedWriteRate; }

    /**
     * How many SSTable readers (open file, parsed index, filter and properties) are kept open.
     * Past it, the least used reader is closed and a read of its table opens it again (its footer,
     * index and filter read and verified), which makes random reads several times slower: keep it
     * above the store's table count. Default {@link #defaultMaxOpenFiles()}.
     */
    public int maxOpenFiles() { return maxOpenFiles; }

    /**
     * Whether SSTables are read through a memory mapping of the file (RocksDB's
     * allow_mmap_reads) rather than a positional read ({@code pread}) per block. A block that
     * misses the block cache is then copied straight out of the page cache, with no system call:
     * random reads of a store larger than the block cache, and above all seeks, are faster. The
     * checksum of every block is verified either way. The mapping of a table is released when its
     * reader closes, so an obsolete table's disk space is freed then, as with positional reads. A
     * table of 2 GiB or more, one the kernel refuses to map, and the tables of a file system other
     * than the default one are read with positional reads. The process's resident memory then
     * includes the mapped pages it has read (they are the page cache's, shared, and the kernel
     * reclaims them as it does the page cache). Default false.
     */
    public boolean mmapReads() { return mmapReads; }

    /**
     * Whether the WAL is written through a shared memory mapping of the file (RocksDB's
     * allow_mmap_writes) when {@link #syncMode()} is not {@link SyncMode#ALWAYS}: a write group's
     * WAL record is then a copy into the page cache instead of a {@code write} system call, with
     * the same guarantee (a write survives the process's crash once the write call returns; an
     * operating-system crash keeps what was synced). The file grows by 1 MiB regions of zeros,
     * allocated ahead of the writes as with {@link #walPreallocate()}, whatever that says. Under
     * ALWAYS every write fsyncs, so the WAL is written with {@code write} calls as without this
     * option. Only on Linux, where an fsync writes back pages
     * dirtied through a mapping with the rest of the file (elsewhere, and on a file system other
     * than the default one, the option has no effect); a file system that refuses the mapping
     * gets the rest of the WAL's appends as write calls. Default true.
     */
    public boolean walMmapWrites() { return walMmapWrites; }

    /**
     * Whether a WAL not written through a mapping ({@link #walMmapWrites()}) is still written into
     * space preallocated ahead of its appends, with positional {@code write} calls: the file grows
     * by 1 MiB regions filled with zeros (a full disk fails the write that needs the next
     * region), so an append changes neither its size nor its blocks, and an fsync after it writes
     * the data without a journal commit for the file's new size. Under ALWAYS that is what each
     * write group waits for (RocksDB reuses old WAL files for the same reason, its
     * recycle_log_file_num): 11.1k against 8.3k fsyncs/s of 120-byte appends on ext4 on the
     * development machine. The price: under ALWAYS, the first fsync after a region's zeros writes
     * them to the device, and the records overwrite them later, so the device receives about
     * twice the WAL's bytes (under PERIODIC and NONE the records mostly overwrite the zeros in the
     * page cache first). The WAL is truncated to its records when it is closed; after a crash
     * it may end in zeros, which recovery reads as its clean end. A preallocated WAL, mapped or
     * not, is log format version 2, whose reader takes records after a zero-filled page end (what
     * a power loss can leave of pages that were not synced) as a torn tail; an lsmkv that reads
     * only version 1 refuses it. Turn it off on copy-on-write file systems (btrfs, ZFS), where
     * an overwrite allocates new blocks anyway and the zeros are written for nothing. Default
     * true.
     */
    public boolean walPreallocate() { return walPreallocate; }

    /**
     * The default {@link #maxOpenFiles()}: half of this process's file-descriptor limit (the other
     * half left to the application), between 100 and 1,000,000; 1,000 (LevelDB's default) where
     * the JDK does not report that limit (Windows, or a runtime image without
     * {@code jdk.management}). RocksDB keeps every table open by default; a limit taken from the
     * descriptor limit comes close to that while a store that outgrows the descriptors still
     * reopens tables rather than failing with "Too many open files".
     */
    public static int defaultMaxOpenFiles() {
        return DEFAULT_MAX_OPEN_FILES;
    }

    /** {@link #defaultMaxOpenFiles()} for a descriptor limit ({@code <= 0}: unknown). */
    static int maxOpenFilesFor(long fileDescriptorLimit) {
        if (fileDescriptorLimit <= 0) {
            return 1000;
        }
        return (int) Math.max(100, Math.min(1_000_000, fileDescriptorLimit / 2));
    }

    /** The process's file-descriptor limit, or -1 where the JDK does not report it. */
    private static long fileDescriptorLimit() {
        try {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            return os instanceof UnixOperatingSystemMXBean unix
                    ? unix.getMaxFileDescriptorCount() : -1;
        } catch (LinkageError | SecurityException e) {
            return -1; // jdk.management not in this runtime image
        }
    }

    /** Size past which the MANIFEST is rewritten as one snapshot into a new file. Default 64 MiB. */
    public long maxManifestFileSizeBytes() { return maxManifestFileSizeBytes; }

    /** Receives flush, compaction, stall, error and deletion events. Default {@link EngineEventListener#logging()}. */
    public EngineEventListener eventListener() { return eventListener; }

    /** The time source for TTL expiry. Default the system clock. */
    public InstantSource clock() { return clock; }

    /** The file system all disk access goes through (tests inject faults here). */
    Vfs fileSystem() { return fileSystem; }

    @Override
    public String toString() {
        return "EngineOptions{memtableSizeBytes=" + memtableSizeBytes + ", blockCacheSizeBytes=" + blockCacheSizeBytes
                + ", syncMode=" + syncMode + ", syncInterval=" + syncInterval + ", compression=" + compression
                + ", blockSizeBytes=" + blockSizeBytes + ", blockRestartInterval=" + blockRestartInterval
                + ", bloomBitsPerKey=" + bloomBitsPerKey + ", maxImmutableMemtables=" + maxImmutableMemtables
                + ", targetFileSizeBytes=" + targetFileSizeBytes + ", level1MaxBytes=" + level1MaxBytes
                + ", levelSizeMultiplier=" + levelSizeMultiplier + ", dynamicLevelBytes=" + dynamicLevelBytes
                + ", tombstoneCompactionRatio=" + tombstoneCompactionRatio
                + ", memtablePointIndex=" + memtablePointIndex + ", mmapReads=" + mmapReads + ", walMmapWrites=" + walMmapWrites
                + ", walPreallocate=" + walPreallocate
                + ", level0CompactionTrigger=" + level0CompactionTrigger
                + ", level0SlowdownTrigger=" + level0SlowdownTrigger + ", level0StopTrigger=" + level0StopTrigger
                + ", delayedWriteRate=" + delayedWriteRate
                + ", maxOpenFiles=" + maxOpenFiles + ", maxManifestFileSizeBytes=" + maxManifestFileSizeBytes + "}";
    }

    /** Builds {@link EngineOptions}; checks every value in {@link #build()}. */
    public static final class Builder {
        private long memtableSizeBytes = 64 * MIB;
        private long blockCacheSizeBytes = 64 * MIB;
        private SyncMode syncMode = SyncMode.ALWAYS;
        private Duration syncInterval = Duration.ofMillis(100);
        private Compression compression = Compression.LZ4;
        private int blockSizeBytes = 4 * (int) KIB;
        private int blockRestartInterval = 16;
        private int bloomBitsPerKey = 10;
        private int maxImmutableMemtables = 2;
        private long targetFileSizeBytes = 8 * MIB;
        private long level1MaxBytes = 64 * MIB;
        private int levelSizeMultiplier = 10;
        private boolean dynamicLevelBytes = true;
        private double tombstoneCompactionRatio = 0.5;
        private boolean memtablePointIndex;
        private boolean mmapReads;
        private boolean walMmapWrites = true;
        private boolean walPreallocate = true;
        private int level0CompactionTrigger = 4;
        private int level0SlowdownTrigger = 8;
        private long delayedWriteRate = 16 * MIB;
        private int level0StopTrigger = 12;
        private int maxOpenFiles = defaultMaxOpenFiles();
        private long maxManifestFileSizeBytes = 64 * MIB;
        private InstantSource clock = InstantSource.system();
        private Vfs fileSystem = NioFileSystem.INSTANCE;
        private EngineEventListener eventListener = EngineEventListener.logging();

        private Builder() {
        }

        public Builder memtableSizeBytes(long bytes) { this.memtableSizeBytes = bytes; return this; }
        public Builder blockCacheSizeBytes(long bytes) { this.blockCacheSizeBytes = bytes; return this; }
        public Builder syncMode(SyncMode mode) { this.syncMode = mode; return this; }
        public Builder syncInterval(Duration interval) { this.syncInterval = interval; return this; }
        public Builder compression(Compression compression) { this.compression = compression; return this; }
        public Builder blockSizeBytes(int bytes) { this.blockSizeBytes = bytes; return this; }
        public Builder blockRestartInterval(int keys) { this.blockRestartInterval = keys; return this; }
        public Builder bloomBitsPerKey(int bits) { this.bloomBitsPerKey = bits; return this; }
        public Builder maxImmutableMemtables(int count) { this.maxImmutableMemtables = count; return this; }
        public Builder targetFileSizeBytes(long bytes) { this.targetFileSizeBytes = bytes; return this; }
        public Builder level1MaxBytes(long bytes) { this.level1MaxBytes = bytes; return this; }
        public Builder levelSizeMultiplier(int ratio) { this.levelSizeMultiplier = ratio; return this; }
        public Builder dynamicLevelBytes(boolean dynamic) { this.dynamicLevelBytes = dynamic; return this; }
        public Builder tombstoneCompactionRatio(double ratio) { this.tombstoneCompactionRatio = ratio; return this; }
        public Builder memtablePointIndex(boolean pointIndex) { this.memtablePointIndex = pointIndex; return this; }
        public Builder mmapReads(boolean mmap) { this.mmapReads = mmap; return this; }
        public Builder walMmapWrites(boolean mmap) { this.walMmapWrites = mmap; return this; }
        public Builder walPreallocate(boolean preallocate) { this.walPreallocate = preallocate; return this; }
        public Builder level0CompactionTrigger(int files) { this.level0CompactionTrigger = files; return this; }
        public Builder level0SlowdownTrigger(int files) { this.level0SlowdownTrigger = files; return this; }
        public Builder level0StopTrigger(int files) { this.level0StopTrigger = files; return this; }
        public Builder delayedWriteRate(long bytesPerSecond) { this.delayedWriteRate = bytesPerSecond; return this; }
        public Builder maxOpenFiles(int files) { this.maxOpenFiles = files; return this; }
        public Builder maxManifestFileSizeBytes(long bytes) { this.maxManifestFileSizeBytes = bytes; return this; }
        public Builder clock(InstantSource clock) { this.clock = clock; return this; }
        public Builder eventListener(EngineEventListener listener) { this.eventListener = listener; return this; }

        /** For tests: the file system all disk access goes through. */
        Builder fileSystem(Vfs fileSystem) { this.fileSystem = fileSystem; return this; }

        public EngineOptions build() {
            range("memtableSizeBytes", memtableSizeBytes, 4 * KIB, 1L << 40);
            range("blockCacheSizeBytes", blockCacheSizeBytes, 0, Long.MAX_VALUE);
            Objects.requireNonNull(syncMode, "syncMode must not be null (ALWAYS, PERIODIC or NONE)");
            Objects.requireNonNull(compression, "compression must not be null (LZ4 or NONE)");
            Objects.requireNonNull(clock, "clock must not be null");
            Objects.requireNonNull(eventListener, "eventListener must not be null (use EngineEventListener.none())");
            if (syncInterval == null || syncInterval.isNegative() || syncInterval.isZero()) {
                throw new IllegalArgumentException("syncInterval must be a positive duration, was " + syncInterval);
            }
            range("blockSizeBytes", blockSizeBytes, 256, 64 * MIB);
            range("blockRestartInterval", blockRestartInterval, 1, 1024);
            range("bloomBitsPerKey", bloomBitsPerKey, 0, 64);
            range("maxImmutableMemtables", maxImmutableMemtables, 1, 64);
            range("targetFileSizeBytes", targetFileSizeBytes, 4 * KIB, 1L << 40);
            range("level1MaxBytes", level1MaxBytes, 4 * KIB, 1L << 50);
            range("levelSizeMultiplier", levelSizeMultiplier, 2, 1000);
            if (!(tombstoneCompactionRatio >= 0 && tombstoneCompactionRatio <= 1)) {
                throw new IllegalArgumentException("tombstoneCompactionRatio must be between 0 (off) and 1, was "
                        + tombstoneCompactionRatio);
            }
            range("level0CompactionTrigger", level0CompactionTrigger, 1, 1000);
            range("level0SlowdownTrigger", level0SlowdownTrigger, level0CompactionTrigger, 1000);
            range("level0StopTrigger", level0StopTrigger, level0SlowdownTrigger, 1000);
            range("delayedWriteRate", delayedWriteRate, 1, Long.MAX_VALUE);
            range("maxOpenFiles", maxOpenFiles, 16, 1_000_000);
            range("maxManifestFileSizeBytes", maxManifestFileSizeBytes, 4 * KIB, 1L << 40);
            Objects.requireNonNull(fileSystem, "fileSystem");
            return new EngineOptions(this);
        }

        private static void range(String name, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
            }
        }
    }
}
