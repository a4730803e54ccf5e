package dev.lsmkv.spring.autoconfigure;

import dev.lsmkv.engine.EngineOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Builds {@link EngineOptions} from {@link LsmProperties}. The engine checks every range; its
 * complaint is re-thrown naming the property, so start-up fails with "lsm.memtable-size" and not
 * with an engine field name. Public so that lsm-replication builds its local engines from the same
 * properties; not for applications.
 */
public final class EngineOptionsFactory {

    private static final Map<String, String> PROPERTY_OF_SETTING = Map.ofEntries(
            Map.entry("memtableSizeBytes", "lsm.memtable-size"),
            Map.entry("blockCacheSizeBytes", "lsm.block-cache-size"),
            Map.entry("syncMode", "lsm.sync-mode"),
            Map.entry("syncInterval", "lsm.sync-interval"),
            Map.entry("compression", "lsm.compression"),
            Map.entry("blockSizeBytes", "lsm.table.block-size"),
            Map.entry("blockRestartInterval", "lsm.table.block-restart-interval"),
            Map.entry("bloomBitsPerKey", "lsm.table.bloom-bits-per-key"),
            Map.entry("maxImmutableMemtables", "lsm.max-immutable-memtables"),
            Map.entry("targetFileSizeBytes", "lsm.compaction.target-file-size"),
            Map.entry("level1MaxBytes", "lsm.compaction.level1-max-size"),
            Map.entry("levelSizeMultiplier", "lsm.compaction.level-size-multiplier"),
            Map.entry("level0CompactionTrigger", "lsm.compaction.level0-compaction-trigger"),
            Map.entry("level0SlowdownTrigger", "lsm.compaction.level0-slowdown-trigger"),
            Map.entry("level0StopTrigger", "lsm.compaction.level0-stop-trigger"),
            Map.entry("maxOpenFiles", "lsm.table.max-open-files"));

    private EngineOptionsFactory() {
    }

    /** The engine options {@code lsm.*} and the customizers describe; a bad value names its property. */
    public static EngineOptions create(LsmProperties p, List<LsmEngineOptionsCustomizer> customizers) {
        LsmProperties.Compaction c = p.getCompaction();
        LsmProperties.Table t = p.getTable();
        EngineOptions.Builder b = EngineOptions.builder()
                .memtableSizeBytes(bytes(p.getMemtableSize()))
                .blockCacheSizeBytes(bytes(p.getBlockCacheSize()))
                .syncMode(p.getSyncMode())
                .syncInterval(p.getSyncInterval())
                .compression(p.getCompression())
                .blockSizeBytes(intBytes(t.getBlockSize(), "lsm.table.block-size"))
                .blockRestartInterval(t.getBlockRestartInterval())
                .bloomBitsPerKey(t.getBloomBitsPerKey())
                .mmapReads(t.isMmapReads())
                .maxImmutableMemtables(p.getMaxImmutableMemtables())
                .memtablePointIndex(p.isMemtablePointIndex())
                .walMmapWrites(p.isWalMmapWrites())
                .walPreallocate(p.isWalPreallocate())
                .targetFileSizeBytes(bytes(c.getTargetFileSize()))
                .level1MaxBytes(bytes(c.getLevel1MaxSize()))
                .levelSizeMultiplier(c.getLevelSizeMultiplier())
                .level0CompactionTrigger(c.getLevel0CompactionTrigger())
                .level0SlowdownTrigger(c.getLevel0SlowdownTrigger())
                .level0StopTrigger(c.getLevel0StopTrigger());
        if (t.getMaxOpenFiles() != null) {
            b.maxOpenFiles(t.getMaxOpenFiles());
        }
        customizers.forEach(customizer -> customizer.customize(b));
        try {
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = String.valueOf(e.getMessage());
            String setting = message.split(" ", 2)[0];
            String property = PROPERTY_OF_SETTING.get(setting);
            if (property == null) {
                throw e;
            }
            throw new InvalidConfigurationPropertyValueException(property, valueOf(p, property), message);
        }
    }

    /** Creates {@code dir} if needed and checks it is a writable directory. */
    public static Path prepareDataDir(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException | SecurityException e) {
            throw new InvalidConfigurationPropertyValueException("lsm.data-dir", dir,
                    "cannot create directory " + absolute + ": " + e);
        }
        if (!Files.isDirectory(absolute) || !Files.isWritable(absolute)) {
            throw new InvalidConfigurationPropertyValueException("lsm.data-dir", dir,
                    absolute + " is not a writable directory");
        }
        return absolute;
    }

    private static long bytes(DataSize size) {
        return size == null ? -1 : size.toBytes();
    }

    private static int intBytes(DataSize size, String property) {
        long bytes = bytes(size);
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidConfigurationPropertyValueException(property, size, "must be at most 2GB");
        }
        return (int) bytes;
    }

    private static Object valueOf(LsmProperties p, String property) {
        LsmProperties.Compaction c = p.getCompaction();
        LsmProperties.Table t = p.getTable();
        return switch (property) {
            case "lsm.memtable-size" -> p.getMemtableSize();
            case "lsm.block-cache-size" -> p.getBlockCacheSize();
            case "lsm.sync-mode" -> p.getSyncMode();
            case "lsm.sync-interval" -> p.getSyncInterval();
            case "lsm.compression" -> p.getCompression();
            case "lsm.table.block-size" -> t.getBlockSize();
            case "lsm.table.block-restart-interval" -> t.getBlockRestartInterval();
            case "lsm.table.bloom-bits-per-key" -> t.getBloomBitsPerKey();
            case "lsm.max-immutable-memtables" -> p.getMaxImmutableMemtables();
            case "lsm.compaction.target-file-size" -> c.getTargetFileSize();
            case "lsm.compaction.level1-max-size" -> c.getLevel1MaxSize();
            case "lsm.compaction.level-size-multiplier" -> c.getLevelSizeMultiplier();
            case "lsm.compaction.level0-compaction-trigger" -> c.getLevel0CompactionTrigger();
            case "lsm.compaction.level0-slowdown-trigger" -> c.getLevel0SlowdownTrigger();
            case "lsm.compaction.level0-stop-trigger" -> c.getLevel0StopTrigger();
            default -> t.getMaxOpenFiles();
        };
    }
}
