package dev.lsmkv.engine;

import static dev.lsmkv.engine.AckModel.b;
import static dev.lsmkv.engine.AckModel.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.fs.ReadableFile;
import dev.lsmkv.engine.fs.WritableFile;
import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Corruption sweeps, after LevelDB's {@code corruption_test}: for a small SSTable, a WAL, a
 * MANIFEST and CURRENT written by the engine, flip one bit of every byte in turn (bit
 * {@code offset % 8}) and open and read the store through the public API. Each flip must be
 * <ul>
 *   <li><b>detected</b>: a {@link CorruptionException}, or another {@link LsmException}
 *       refusing the file, whose message names the damaged file, with the file left as it was;</li>
 *   <li><b>torn</b> (WAL only): recovery stopped at the last whole record, so the store holds a
 *       prefix of the writes, each with its value;</li>
 *   <li>or <b>harmless</b>: every key reads back with its value.</li>
 * </ul>
 * Never a wrong value, a key no write made, or another exception type.
 * {@code -Dlsmkv.sweep.allBits=true} flips each of the 8 bits of every byte.
 */
class CorruptionSweepIntegrationTests {

    private static final Path DIR = Path.of("/sweep-db");
    private static final boolean ALL_BITS = Boolean.getBoolean("lsmkv.sweep.allBits");
    private static final StringBuilder REPORT = new StringBuilder();

    private static EngineOptions.Builder options() {
        return EngineOptions.builder().syncMode(SyncMode.ALWAYS).compression(Compression.NONE)
                .blockSizeBytes(256).blockCacheSizeBytes(0);
    }

    @AfterAll
    static void printReport() {
        System.out.print(REPORT);
    }

    // ---------------------------------------------------------------- sweeps

    @Test
    void everyFlipInAnSstableIsDetectedOrHarmless() throws Exception {
        Map<String, String> writes = new LinkedHashMap<>();
        CrashableFileSystem disk = store(db -> {
            for (int i = 0; i < 24; i++) {
                put(db, writes, String.format("key%03d", i), "value-" + i);
            }
            db.flush();
        });
        Counts c = sweep(disk, only(disk, ".sst"), writes, false, Integer.MAX_VALUE);
        report("SSTable", c);
        assertThat(c.detected).isPositive();
    }

    @Test
    void everyFlipInAWalIsDetectedTornOrHarmless() throws Exception {
        Map<String, String> writes = new LinkedHashMap<>();
        CrashableFileSystem disk = store(db -> {
            for (int i = 0; i < 12; i++) {
                put(db, writes, String.format("key%03d", i), "value-" + i); // one WAL record each
            }
        });
        Path wal = biggest(disk, ".log");
        Counts c = sweep(disk, wal, writes, true, Integer.MAX_VALUE);
        report("WAL", c);
        assertThat(c.detected).isPositive();
        assertThat(c.torn).isPositive();
    }

    @Test
    void everyFlipInAManifestIsDetectedOrHarmless() throws Exception {
        Map<String, String> writes = new LinkedHashMap<>();
        CrashableFileSystem disk = store(db -> {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 6; i++) {
                    put(db, writes, String.format("key%d%02d", round, i), "value-" + round + i);
                }
                db.flush();
            }
        });
        Path manifest = only(disk, "MANIFEST-");
        // Every byte, the last record included (a flip there once read as a torn tail and lost
        // the last flush: ManifestTailBitFlipRegressionTests).
        Counts c = sweep(disk, manifest, writes, false, Integer.MAX_VALUE);
        report("MANIFEST (every record)", c);
        assertThat(c.detected).isPositive();
        Counts current = sweep(disk, DIR.resolve("CURRENT"), writes, false, Integer.MAX_VALUE);
        report("CURRENT", current);
    }

    // ---------------------------------------------------------------- the sweep

    private static final class Counts {
        int tried;
        int detected;
        int torn;
        int harmless;
    }

    private static void report(String what, Counts c) {
        String line = String.format("CorruptionSweep %s: %d flips tried, %d detected, %d torn tail, %d harmless%n",
                what, c.tried, c.detected, c.torn, c.harmless);
        synchronized (REPORT) {
            REPORT.append(line);
        }
    }

    private static void put(LsmEngine db, Map<String, String> writes, String key, String value) {
        db.put(b(key), b(value));
        writes.put(key, value);
    }

    private static CrashableFileSystem store(Consumer<LsmEngine> workload) {
        CrashableFileSystem disk = new CrashableFileSystem();
        try (LsmEngine db = LsmEngine.open(DIR, options().fileSystem(disk).build())) {
            workload.accept(db);
        }
        return disk;
    }

    /** Flips bits of {@code file} at offsets [0, min(end, size)). */
    private static Counts sweep(CrashableFileSystem disk, Path file, Map<String, String> writes, boolean wal, int end)
            throws Exception {
        byte[] original = read(disk, file);
        Counts c = new Counts();
        for (int offset = 0; offset < Math.min(end, original.length); offset++) {
            for (int bit = ALL_BITS ? 0 : offset % 8; bit < (ALL_BITS ? 8 : offset % 8 + 1); bit++) {
                byte[] damaged = original.clone();
                damaged[offset] ^= (byte) (1 << bit);
                CrashableFileSystem copy = disk.copy();
                write(copy, file, damaged);
                c.tried++;
                String where = file.getFileName() + " offset " + offset + " bit " + bit;
                try {
                    switch (openAndRead(copy, writes, wal, where)) {
                        case HARMLESS -> c.harmless++;
                        case TORN -> c.torn++;
                    }
                } catch (LsmException e) {
                    assertThat(e.getMessage()).as("%s: the error names the file", where)
                            .contains(file.getFileName().toString());
                    if (copy.exists(file)) {
                        assertThat(read(copy, file)).as("%s: damaged file left untouched", where).isEqualTo(damaged);
                    }
                    c.detected++;
                } catch (RuntimeException | Error e) {
                    if (e instanceof AssertionError ae) {
                        throw ae;
                    }
                    fail(where + ": threw " + e + " instead of CorruptionException", e);
                }
            }
        }
        return c;
    }

    private enum Outcome { HARMLESS, TORN }

    /** Opens a damaged copy and reads everything; throws LsmException when the damage is caught. */
    private static Outcome openAndRead(CrashableFileSystem fs, Map<String, String> writes, boolean wal, String where) {
        try (LsmEngine db = LsmEngine.open(DIR, options().fileSystem(fs).build())) {
            List<String> present = new ArrayList<>();
            for (Map.Entry<String, String> e : writes.entrySet()) {
                String got = s(db.get(b(e.getKey())));
                if (got == null && wal) {
                    continue;
                }
                assertThat(got).as("%s: get(%s)", where, e.getKey()).isEqualTo(e.getValue());
                present.add(e.getKey());
            }
            int scanned = 0;
            try (Cursor cur = db.scan(null, null)) {
                while (cur.next()) {
                    String k = s(cur.key());
                    assertThat(writes.get(k)).as("%s: scan found %s", where, k).isEqualTo(s(cur.value()));
                    scanned++;
                }
            }
            assertThat(scanned).as("%s: scan and get agree", where).isEqualTo(present.size());
            if (present.size() == writes.size()) {
                return Outcome.HARMLESS;
            }
            // A torn tail keeps the writes before the damage: a prefix in write order.
            assertThat(present).as("%s: a torn WAL keeps a prefix of the writes", where)
                    .isEqualTo(new ArrayList<>(writes.keySet()).subList(0, present.size()));
            return Outcome.TORN;
        }
    }

    // ---------------------------------------------------------------- files

    private static Path only(Vfs fs, String part) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String name : fs.list(DIR)) {
            if (name.endsWith(part) || name.startsWith(part)) {
                found.add(DIR.resolve(name));
            }
        }
        assertThat(found).as("files matching %s", part).hasSize(1);
        return found.get(0);
    }

    private static Path biggest(Vfs fs, String suffix) throws IOException {
        Path best = null;
        for (String name : fs.list(DIR)) {
            if (name.endsWith(suffix) && (best == null || fs.size(DIR.resolve(name)) > fs.size(best))) {
                best = DIR.resolve(name);
            }
        }
        assertThat(best).as("a %s file", suffix).isNotNull();
        assertThat(fs.size(best)).isPositive();
        return best;
    }

    static byte[] read(Vfs fs, Path file) throws IOException {
        try (ReadableFile f = fs.openReadable(file)) {
            byte[] data = new byte[(int) f.size()];
            f.readFully(0, data, 0, data.length);
            return data;
        }
    }

    static void write(Vfs fs, Path file, byte[] data) throws IOException {
        try (WritableFile f = fs.create(file)) {
            f.append(data, 0, data.length);
            f.sync();
        }
    }
}
