package dev.lsmkv.spring.autoconfigure;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.SyncMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the lsm store, under {@code lsm.}. Values out of the engine's range fail
 * start-up with a message naming the property.
 */
@ConfigurationProperties("lsm")
public class LsmProperties {

    /** Directory the engine keeps its files in; created when missing. */
    private Path dataDir = Path.of("./lsm-data");

    /** When the write-ahead log is forced to disk: always (each write), periodic, or none (on flush and close). */
    private SyncMode syncMode = SyncMode.ALWAYS;

    /** Interval of background WAL syncs when sync-mode is periodic. */
    private Duration syncInterval = Duration.ofMillis(100);

    /** Size at which the memtable is written to disk as a sorted table. */
    private DataSize memtableSize = DataSize.ofMegabytes(64);

    /** Memory for cached table blocks; 0 turns the cache off. */
    private DataSize blockCacheSize = DataSize.ofMegabytes(64);

    /** Compression of table blocks. */
    private Compression compression = Compression.LZ4;

    /**
     * Format new entities are written in: json (text, readable with any tool) or cbor (binary,
     * smaller, and faster for numeric data). Values written in the other format stay readable,
     * so it can be switched on an existing store.
     */
    private Codec codec = Codec.JSON;

    /**
     * Directory checkpoints are written to by the actuator action {"action":"checkpoint","name":"n"}
     * (as the subdirectory n); unset, checkpoints are refused. Keep it on the file system of
     * data-dir (checkpoints are hard links there) and outside data-dir.
     */
    private Path backupDir;

    /** Full memtables that may wait for flushing before writes stall. */
    private int maxImmutableMemtables = 2;

    /**
     * Whether the memtable keeps a hash index of each key's newest entry, so a findById of a
     * recently written entity is one hash probe instead of a skip-list search. Costs some write
     * speed and about 48 bytes of memtable per write.
     */
    private boolean memtablePointIndex = true;

    /**
     * Whether the WAL is written through a memory mapping when sync-mode is not always (on Linux;
     * elsewhere no effect): a save's WAL record is a copy into the page cache instead of a write
     * system call, with the same guarantee (it survives the process's crash). The WAL file grows
     * by 1 MiB regions of zeros and is truncated when closed.
     */
    private boolean walMmapWrites = true;

    /**
     * Whether the WAL is written into space preallocated with zeros when it is not mapped (under
     * sync-mode always, or with wal-mmap-writes off): a durable save's fsync then writes the data
     * without a file-system journal commit for the file's new size. The WAL file grows by 1 MiB
     * regions of zeros and is truncated when closed; under sync-mode always the device receives
     * the zeros too, about twice the WAL's bytes. Turn off on copy-on-write file systems (btrfs,
     * ZFS), where it gains nothing.
     */
    private boolean walPreallocate = true;

    /** Format of table files and how many are kept open. */
    @NestedConfigurationProperty
    private final Table table = new Table();

    /** Compaction tuning: file sizes, level sizes and the level-0 triggers. */
    @NestedConfigurationProperty
    private final Compaction compaction = new Compaction();

    /** Settings per keyspace (the entity's @KeySpace, or its fully-qualified class name). */
    private final Map<String, Keyspace> keyspaces = new LinkedHashMap<>();

    private final Repositories repositories = new Repositories();

    public LsmProperties() {
        compaction.owner = this;
    }

    public Path getDataDir() { return dataDir; }
    public void setDataDir(Path dataDir) { this.dataDir = dataDir; }
    public SyncMode getSyncMode() { return syncMode; }
    public void setSyncMode(SyncMode syncMode) { this.syncMode = syncMode; }
    public Duration getSyncInterval() { return syncInterval; }
    public void setSyncInterval(Duration syncInterval) { this.syncInterval = syncInterval; }
    public DataSize getMemtableSize() { return memtableSize; }
    public void setMemtableSize(DataSize memtableSize) { this.memtableSize = memtableSize; }
    public DataSize getBlockCacheSize() { return blockCacheSize; }
    public void setBlockCacheSize(DataSize blockCacheSize) { this.blockCacheSize = blockCacheSize; }
    public Compression getCompression() { return compression; }
    public void setCompression(Compression compression) { this.compression = compression; }
    public Codec getCodec() { return codec; }
    public void setCodec(Codec codec) { this.codec = codec; }
    public Path getBackupDir() { return backupDir; }
    public void setBackupDir(Path backupDir) { this.backupDir = backupDir; }
    public boolean isMemtablePointIndex() { return memtablePointIndex; }
    public void setMemtablePointIndex(boolean memtablePointIndex) { this.memtablePointIndex = memtablePointIndex; }
    public boolean isWalMmapWrites() { return walMmapWrites; }
    public void setWalMmapWrites(boolean walMmapWrites) { this.walMmapWrites = walMmapWrites; }
    public boolean isWalPreallocate() { return walPreallocate; }
    public void setWalPreallocate(boolean walPreallocate) { this.walPreallocate = walPreallocate; }
    public int getMaxImmutableMemtables() { return maxImmutableMemtables; }
    public void setMaxImmutableMemtables(int maxImmutableMemtables) { this.maxImmutableMemtables = maxImmutableMemtables; }
    public Table getTable() { return table; }
    public Compaction getCompaction() { return compaction; }
    public Map<String, Keyspace> getKeyspaces() { return keyspaces; }
    public Repositories getRepositories() { return repositories; }

    /** Entity formats; each writes its codec id before every value (dev.lsmkv.spring.core.EntityCodec). */
    public enum Codec {
        /** Jackson JSON, codec id 1: readable with any tool, tolerant of added and removed fields. */
        JSON,
        /** Jackson CBOR (RFC 8949), codec id 2: smaller than JSON and faster for numbers, equally tolerant. */
        CBOR
    }

    /** Table-file format and the table cache; knobs most applications never touch. */
    public static class Table {

        /** Uncompressed size of a table data block. */
        private DataSize blockSize = DataSize.ofKilobytes(4);

        /** Keys between restart points inside a block. */
        private int blockRestartInterval = 16;

        /** Bloom filter bits per key; 0 turns filters off. */
        private int bloomBitsPerKey = 10;

        /**
         * Table files kept open at once. Keep it above the store's table count (about 128 per GiB
         * on disk): past it, random reads reopen tables and get several times slower. Unset: half
         * the process's file-descriptor limit (1000 where the JDK does not report one).
         */
        private Integer maxOpenFiles;

        /**
         * Read table files through memory mappings instead of a positional read per block: faster
         * random reads and seeks of a store larger than the block cache; the mapped pages count in
         * the process's resident memory.
         */
        private boolean mmapReads;

        public DataSize getBlockSize() { return blockSize; }
        public void setBlockSize(DataSize blockSize) { this.blockSize = blockSize; }
        public int getBlockRestartInterval() { return blockRestartInterval; }
        public void setBlockRestartInterval(int blockRestartInterval) { this.blockRestartInterval = blockRestartInterval; }
        public int getBloomBitsPerKey() { return bloomBitsPerKey; }
        public void setBloomBitsPerKey(int bloomBitsPerKey) { this.bloomBitsPerKey = bloomBitsPerKey; }
        public Integer getMaxOpenFiles() { return maxOpenFiles; }
        public void setMaxOpenFiles(Integer maxOpenFiles) { this.maxOpenFiles = maxOpenFiles; }
        public boolean isMmapReads() { return mmapReads; }
        public void setMmapReads(boolean mmapReads) { this.mmapReads = mmapReads; }
    }

    /**
     * Compaction knobs most applications never touch. The table-format, table-cache and memtable
     * settings that used to live here ({@code lsm.compaction.block-size} and others) moved; their
     * old keys still bind, to the same values, and are marked deprecated in the metadata.
     */
    public static class Compaction {

        /** Where the deprecated keys write to (the moved settings live there); set by LsmProperties. */
        private LsmProperties owner;

        /** Size of one table file written by compaction. */
        private DataSize targetFileSize = DataSize.ofMegabytes(8);

        /** Size of level 1; each deeper level is level-size-multiplier times larger. */
        private DataSize level1MaxSize = DataSize.ofMegabytes(64);

        /** Size ratio between adjacent levels. */
        private int levelSizeMultiplier = 10;

        /** Level-0 files that start a compaction. */
        private int level0CompactionTrigger = 4;

        /** Level-0 files at which writes are slowed down. */
        private int level0SlowdownTrigger = 8;

        /** Level-0 files at which writes stop until compaction catches up. */
        private int level0StopTrigger = 12;

        public DataSize getTargetFileSize() { return targetFileSize; }
        public void setTargetFileSize(DataSize targetFileSize) { this.targetFileSize = targetFileSize; }
        public DataSize getLevel1MaxSize() { return level1MaxSize; }
        public void setLevel1MaxSize(DataSize level1MaxSize) { this.level1MaxSize = level1MaxSize; }
        public int getLevelSizeMultiplier() { return levelSizeMultiplier; }
        public void setLevelSizeMultiplier(int levelSizeMultiplier) { this.levelSizeMultiplier = levelSizeMultiplier; }
        public int getLevel0CompactionTrigger() { return level0CompactionTrigger; }
        public void setLevel0CompactionTrigger(int level0CompactionTrigger) { this.level0CompactionTrigger = level0CompactionTrigger; }
        public int getLevel0SlowdownTrigger() { return level0SlowdownTrigger; }
        public void setLevel0SlowdownTrigger(int level0SlowdownTrigger) { this.level0SlowdownTrigger = level0SlowdownTrigger; }
        public int getLevel0StopTrigger() { return level0StopTrigger; }
        public void setLevel0StopTrigger(int level0StopTrigger) { this.level0StopTrigger = level0StopTrigger; }

        // ------------------------------------------------------------ moved keys, still bound

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "lsm.table.block-size", since = "0.1.0",
                reason = "a table-format setting, not a compaction one")
        public DataSize getBlockSize() { return owner.table.getBlockSize(); }
        @Deprecated(since = "0.1.0")
        public void setBlockSize(DataSize blockSize) { owner.table.setBlockSize(blockSize); }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "lsm.table.block-restart-interval", since = "0.1.0",
                reason = "a table-format setting, not a compaction one")
        public int getBlockRestartInterval() { return owner.table.getBlockRestartInterval(); }
        @Deprecated(since = "0.1.0")
        public void setBlockRestartInterval(int interval) { owner.table.setBlockRestartInterval(interval); }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "lsm.table.bloom-bits-per-key", since = "0.1.0",
                reason = "a table-format setting, not a compaction one")
        public int getBloomBitsPerKey() { return owner.table.getBloomBitsPerKey(); }
        @Deprecated(since = "0.1.0")
        public void setBloomBitsPerKey(int bits) { owner.table.setBloomBitsPerKey(bits); }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "lsm.table.max-open-files", since = "0.1.0",
                reason = "a table-cache setting, not a compaction one")
        public Integer getMaxOpenFiles() { return owner.table.getMaxOpenFiles(); }
        @Deprecated(since = "0.1.0")
        public void setMaxOpenFiles(Integer maxOpenFiles) { owner.table.setMaxOpenFiles(maxOpenFiles); }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "lsm.max-immutable-memtables", since = "0.1.0",
                reason = "a memtable setting, not a compaction one")
        public int getMaxImmutableMemtables() { return owner.getMaxImmutableMemtables(); }
        @Deprecated(since = "0.1.0")
        public void setMaxImmutableMemtables(int max) { owner.setMaxImmutableMemtables(max); }
    }

    /** Settings of one keyspace. */
    public static class Keyspace {

        /** Time to live of entities without a positive @TimeToLive value of their own. */
        private Duration timeToLive;

        public Duration getTimeToLive() { return timeToLive; }
        public void setTimeToLive(Duration timeToLive) { this.timeToLive = timeToLive; }
    }

    /** Repository scanning. */
    public static class Repositories {

        /** Whether repositories in the application's packages are enabled without @EnableLsmRepositories. */
        private boolean enabled = true;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
    }
}
