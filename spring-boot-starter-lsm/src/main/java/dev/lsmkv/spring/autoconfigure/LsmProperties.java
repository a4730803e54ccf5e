package dev.lsmkv.spring.autoconfigure;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.SyncMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
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

    /** Compaction and table-format tuning. */
    @NestedConfigurationProperty
    private final Compaction compaction = new Compaction();

    /** Settings per keyspace (the entity's @KeySpace, or its fully-qualified class name). */
    private final Map<String, Keyspace> keyspaces = new LinkedHashMap<>();

    private final Repositories repositories = new Repositories();

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

    /** Engine knobs most applications never touch. */
    public static class Compaction {

        /** Uncompressed size of a table data block. */
        private DataSize blockSize = DataSize.ofKilobytes(4);

        /** Keys between restart points inside a block. */
        private int blockRestartInterval = 16;

        /** Bloom filter bits per key; 0 turns filters off. */
        private int bloomBitsPerKey = 10;

        /** Full memtables that may wait for flushing before writes stall. */
        private int maxImmutableMemtables = 2;

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

        /** Table files kept open at once. */
        private int maxOpenFiles = 1000;

        public DataSize getBlockSize() { return blockSize; }
        public void setBlockSize(DataSize blockSize) { this.blockSize = blockSize; }
        public int getBlockRestartInterval() { return blockRestartInterval; }
        public void setBlockRestartInterval(int blockRestartInterval) { this.blockRestartInterval = blockRestartInterval; }
        public int getBloomBitsPerKey() { return bloomBitsPerKey; }
        public void setBloomBitsPerKey(int bloomBitsPerKey) { this.bloomBitsPerKey = bloomBitsPerKey; }
        public int getMaxImmutableMemtables() { return maxImmutableMemtables; }
        public void setMaxImmutableMemtables(int maxImmutableMemtables) { this.maxImmutableMemtables = maxImmutableMemtables; }
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
        public int getMaxOpenFiles() { return maxOpenFiles; }
        public void setMaxOpenFiles(int maxOpenFiles) { this.maxOpenFiles = maxOpenFiles; }
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
