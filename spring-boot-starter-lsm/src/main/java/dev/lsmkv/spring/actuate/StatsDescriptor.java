package dev.lsmkv.spring.actuate;

import dev.lsmkv.engine.EngineStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine's stats as a JSON-friendly map, derived ratios included. */
final class StatsDescriptor {

    private StatsDescriptor() {
    }

    static Map<String, Object> of(EngineStats s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("healthy", s.healthy());
        out.put("backgroundError", s.backgroundError());
        List<Map<String, Object>> levels = new ArrayList<>();
        for (EngineStats.LevelStats l : s.levels()) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("level", l.level());
            level.put("files", l.files());
            level.put("bytes", l.bytes());
            level.put("score", l.score());
            levels.add(level);
        }
        out.put("levels", levels);
        out.put("totalFiles", s.totalFiles());
        out.put("liveDataBytes", s.liveDataBytes());
        out.put("memtableBytes", s.memtableBytes());
        out.put("memtableEntries", s.memtableEntries());
        out.put("dataBytes", s.dataBytes());
        out.put("immutableMemtables", s.immutableMemtables());
        out.put("walBytes", s.walBytes());
        out.put("snapshots", s.snapshots());
        out.put("sequence", s.sequence());
        out.put("writeAmplification", s.writeAmplification());
        out.put("spaceAmplification", s.spaceAmplification());
        out.put("blockCacheHitRatio", s.blockCacheHitRatio());
        Map<String, Object> ops = new LinkedHashMap<>();
        ops.put("puts", s.puts());
        ops.put("gets", s.gets());
        ops.put("deletes", s.deletes());
        ops.put("scans", s.scans());
        ops.put("batches", s.batches());
        out.put("operations", ops);
        Map<String, Object> bytes = new LinkedHashMap<>();
        bytes.put("userWritten", s.userBytesWritten());
        bytes.put("walWritten", s.walBytesWritten());
        bytes.put("flushed", s.bytesFlushed());
        bytes.put("compactionRead", s.compactionBytesRead());
        bytes.put("compactionWritten", s.compactionBytesWritten());
        out.put("bytes", bytes);
        out.put("walSyncs", s.walSyncs());
        out.put("flushes", s.flushes());
        out.put("compactions", s.compactions());
        Map<String, Object> stalls = new LinkedHashMap<>();
        stalls.put("count", s.stalls());
        stalls.put("micros", s.stallMicros());
        out.put("stalls", stalls);
        Map<String, Object> bloom = new LinkedHashMap<>();
        bloom.put("checks", s.bloomChecks());
        bloom.put("useful", s.bloomUseful());
        out.put("bloom", bloom);
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("hits", s.blockCacheHits());
        cache.put("misses", s.blockCacheMisses());
        cache.put("evictions", s.blockCacheEvictions());
        cache.put("bytes", s.blockCacheBytes());
        out.put("blockCache", cache);
        return out;
    }
}
