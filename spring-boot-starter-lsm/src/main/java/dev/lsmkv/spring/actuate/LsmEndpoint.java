package dev.lsmkv.spring.actuate;

import dev.lsmkv.engine.LsmEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code lsm} actuator endpoint. Read: the engine's stats (levels, sizes, write
 * amplification, cache hit ratio, stalls, background error). Write: {@code {"action":"compact"}}
 * runs a full manual compaction, {@code {"action":"flush"}} writes the memtable to disk,
 * {@code {"action":"checkpoint","name":"n"}} writes a consistent, openable copy of the store to
 * {@code <lsm.backup-dir>/n}; each returns when done, with the stats after.
 *
 * <p>The write operation is an admin surface, so the endpoint's default access is
 * {@link Access#READ_ONLY}: writes exist only with {@code management.endpoint.lsm.access=unrestricted}
 * (and should then be protected, see docs/spring.md). A checkpoint is only ever written under the
 * configured backup directory: the request names a single, new directory there, never a path.
 */
@Endpoint(id = "lsm", defaultAccess = Access.READ_ONLY)
public class LsmEndpoint {

    /** A checkpoint name: one path segment of safe characters, starting with a letter or digit. */
    static final Pattern CHECKPOINT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final LsmEngine engine;
    private final @Nullable Path backupDir;

    /** An endpoint without a backup directory: the checkpoint action is refused. */
    public LsmEndpoint(LsmEngine engine) {
        this(engine, null);
    }

    /** An endpoint whose checkpoints go to {@code backupDir} (null: checkpoints are refused). */
    public LsmEndpoint(LsmEngine engine, @Nullable Path backupDir) {
        this.engine = engine;
        this.backupDir = backupDir == null ? null : backupDir.toAbsolutePath().normalize();
    }

    @ReadOperation
    public Map<String, Object> stats() {
        return StatsDescriptor.of(engine.stats());
    }

    /**
     * Runs {@code action}; {@code name} is the checkpoint's directory name (checkpoint only).
     *
     * @throws InvalidEndpointRequestException (a 400 carrying the reason) for an unknown action,
     *         a missing or unsafe checkpoint name, an existing checkpoint, or no {@code lsm.backup-dir}
     */
    @WriteOperation
    public Map<String, Object> run(String action, @Nullable String name) {
        String verb = action == null ? "" : action.trim().toLowerCase(Locale.ROOT);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", verb);
        long start = System.nanoTime();
        switch (verb) {
            case "compact" -> engine.compact();
            case "flush" -> engine.flush();
            case "checkpoint" -> {
                Path target = checkpointDir(name);
                try {
                    engine.checkpoint(target);
                } catch (IllegalArgumentException e) {
                    throw refused("checkpoint '" + name + "' refused: " + e.getMessage());
                }
                out.put("name", name);
                out.put("path", target.toString());
            }
            default -> throw refused(
                    "unknown action '" + action + "': expected compact, flush or checkpoint");
        }
        out.put("millis", (System.nanoTime() - start) / 1_000_000);
        out.put("stats", stats());
        return out;
    }

    /** The checkpoint directory for {@code name}: a new directory directly inside the backup directory. */
    private Path checkpointDir(@Nullable String name) {
        if (backupDir == null) {
            throw refused("checkpoint is not configured: set lsm.backup-dir to the "
                    + "directory checkpoints are written to (on the same file system as lsm.data-dir, outside it)");
        }
        if (name == null || name.isBlank()) {
            throw refused("checkpoint needs a name, e.g. {\"action\":\"checkpoint\","
                    + "\"name\":\"2026-12-07\"}: it becomes a new directory in " + backupDir);
        }
        if (!CHECKPOINT_NAME.matcher(name).matches() || name.contains("..")) {
            throw refused("invalid checkpoint name '" + shown(name) + "': use 1 to 100 letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit, no '..' and no path separators");
        }
        Path target = backupDir.resolve(name).normalize();
        if (!backupDir.equals(target.getParent())) { // the pattern already rules this out; never write elsewhere
            throw refused("invalid checkpoint name '" + shown(name) + "'");
        }
        if (Files.exists(target)) {
            throw refused("a checkpoint named '" + name + "' already exists at " + target
                    + ": choose another name, or remove it first");
        }
        try {
            Files.createDirectories(backupDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create lsm.backup-dir " + backupDir + ": " + e.getMessage(), e);
        }
        return target;
    }

    private static String shown(String name) {
        return name.length() <= 120 ? name : name.substring(0, 120) + "...";
    }

    /** A refused request: a 400 over HTTP whose reason is the whole explanation. */
    private static InvalidEndpointRequestException refused(String reason) {
        return new InvalidEndpointRequestException(reason, reason);
    }
}
