package dev.lsmkv.spring.actuate;

import dev.lsmkv.engine.EngineStats;
import dev.lsmkv.engine.LsmEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the engine: UP while it is healthy, DOWN with the cause once a background error
 * (I/O failure, disk full) has stopped writes. Details: data directory, free and total disk
 * space there, live data size and file count.
 */
public class LsmHealthIndicator extends AbstractHealthIndicator {

    private final LsmEngine engine;
    private final @Nullable Path dataDir;

    public LsmHealthIndicator(LsmEngine engine, @Nullable Path dataDir) {
        super("lsm health check failed");
        this.engine = engine;
        this.dataDir = dataDir;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        EngineStats stats = engine.stats();
        if (stats.backgroundError() != null) {
            builder.down().withDetail("error", stats.backgroundError());
        } else {
            builder.up();
        }
        if (dataDir != null) {
            builder.withDetail("dataDir", dataDir.toString());
            if (Files.exists(dataDir)) {
                var store = Files.getFileStore(dataDir);
                builder.withDetail("free", store.getUsableSpace()).withDetail("total", store.getTotalSpace());
            }
        }
        builder.withDetail("liveDataBytes", stats.liveDataBytes()).withDetail("files", stats.totalFiles());
    }
}
