package dev.lsmkv.spring.actuate;

import dev.lsmkv.engine.LsmEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code lsm} actuator endpoint. Read: the engine's stats (levels, sizes, write
 * amplification, cache hit ratio, stalls, background error). Write: {@code {"action":"compact"}}
 * runs a full manual compaction, {@code {"action":"flush"}} writes the memtable to disk; both
 * return when done, with the stats after.
 */
@Endpoint(id = "lsm")
public class LsmEndpoint {

    private final LsmEngine engine;

    public LsmEndpoint(LsmEngine engine) {
        this.engine = engine;
    }

    @ReadOperation
    public Map<String, Object> stats() {
        return StatsDescriptor.of(engine.stats());
    }

    @WriteOperation
    public Map<String, Object> run(String action) {
        long start = System.nanoTime();
        switch (action == null ? "" : action.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "compact" -> engine.compact();
            case "flush" -> engine.flush();
            default -> throw new InvalidEndpointRequestException(
                    "unknown action '" + action + "': expected compact or flush", "unknown action");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", action.trim().toLowerCase(java.util.Locale.ROOT));
        out.put("millis", (System.nanoTime() - start) / 1_000_000);
        out.put("stats", stats());
        return out;
    }
}
