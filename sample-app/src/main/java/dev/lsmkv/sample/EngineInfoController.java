package dev.lsmkv.sample;

import dev.lsmkv.spring.autoconfigure.LsmProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The few configuration values the status page needs next to {@code /actuator/lsm} (which shows
 * what the engine holds, not what it was configured with): the memtable size for the fill bar.
 */
@RestController
public class EngineInfoController {

    private final LsmProperties properties;
    private final LinkRepository links;

    public EngineInfoController(LsmProperties properties, LinkRepository links) {
        this.properties = properties;
        this.links = links;
    }

    @GetMapping("/api/engine")
    public Map<String, Object> engine() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataDir", properties.getDataDir().toString());
        out.put("syncMode", properties.getSyncMode().name().toLowerCase(java.util.Locale.ROOT));
        out.put("compression", properties.getCompression().name().toLowerCase(java.util.Locale.ROOT));
        out.put("memtableSizeBytes", properties.getMemtableSize().toBytes());
        out.put("blockCacheSizeBytes", properties.getBlockCacheSize().toBytes());
        out.put("level1MaxSizeBytes", properties.getCompaction().getLevel1MaxSize().toBytes());
        out.put("levelSizeMultiplier", properties.getCompaction().getLevelSizeMultiplier());
        Map<String, String> ttl = new LinkedHashMap<>();
        properties.getKeyspaces().forEach((name, ks) ->
                ttl.put(name, ks.getTimeToLive() == null ? null : ks.getTimeToLive().toString()));
        out.put("keyspaceTimeToLive", ttl);
        return out;
    }
}
