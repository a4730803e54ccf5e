package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.lsmkv.engine.fs.MappedReadableFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EngineOptions#mmapReads()}: a store read through mapped tables gives the same answers as
 * a model across flushes, compactions and a reopen, also with readers racing table replacement and
 * close; and the tables compaction made obsolete are unmapped, not left holding disk space until a
 * garbage collection. (A damaged mapped block: {@link CorruptionIntegrationTests}.)
 */
class MmapReadsIntegrationTests {

    @TempDir
    Path dir;

    private static final EngineOptions OPTIONS = EngineOptions.builder().syncMode(SyncMode.NONE)
            .mmapReads(true).memtableSizeBytes(64 * 1024).targetFileSizeBytes(32 * 1024)
            .level1MaxBytes(128 * 1024).blockCacheSizeBytes(16 * 1024).build();

    private static byte[] key(int i) {
        return String.format("key%06d", i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answersAsTheModelAcrossFlushesCompactionsAndAReopen() throws Exception {
        TreeMap<Integer, byte[]> model = new TreeMap<>();
        Random random = new Random(17);
        try (LsmEngine db = LsmEngine.open(dir, OPTIONS)) {
            for (int op = 0; op < 30_000; op++) {
                int k = random.nextInt(5000);
                if (random.nextInt(10) == 0) {
                    db.delete(key(k));
                    model.remove(k);
                } else {
                    byte[] v = new byte[20 + random.nextInt(200)];
                    random.nextBytes(v);
                    db.put(key(k), v);
                    model.put(k, v);
                }
            }
            db.flush();
            assertThat(db.stats().compactions()).as("compactions ran over mapped tables").isPositive();
            assertMatches(db, model, random);
        }
        try (LsmEngine db = LsmEngine.open(dir, OPTIONS)) {
            assertMatches(db, model, random);
            db.compact();
            assertMatches(db, model, random);
        }
    }

    private static void assertMatches(LsmEngine db, TreeMap<Integer, byte[]> model, Random random) {
        for (int i = 0; i < 3000; i++) {
            int k = random.nextInt(5000);
            assertThat(db.get(key(k))).as("get of %d", k).isEqualTo(model.get(k));
        }
        try (Cursor c = db.scan(null, null)) {
            for (Map.Entry<Integer, byte[]> e : model.entrySet()) {
                assertThat(c.next()).isTrue();
                assertThat(c.key()).isEqualTo(key(e.getKey()));
                assertThat(Arrays.equals(c.value(), e.getValue())).as("value of %d", e.getKey()).isTrue();
            }
            assertThat(c.next()).isFalse();
        }
    }

    /**
     * Gets and cursors on two threads while a writer's flushes and the compactions they start
     * replace tables (each replaced table's mapping is released once its last reader lets go), then
     * a close with the readers still running. A read of a released mapping would crash the JVM
     * rather than fail this test; every read must give the model's value, or the engine's closed
     * error once closing has begun.
     */
    @Test
    void readersRacingCompactionsAndCloseReadOnlyLiveMappings() throws Exception {
        LsmEngine db = LsmEngine.open(dir, OPTIONS);
        int keys = 2000;
        for (int k = 0; k < keys; k++) {
            db.put(key(k), value(k, 0));
        }
        db.flush();
        AtomicBoolean closing = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        Thread[] readers = new Thread[2];
        for (int t = 0; t < readers.length; t++) {
            int seed = t;
            readers[t] = new Thread(() -> {
                Random random = new Random(seed);
                try {
                    while (true) {
                        int k = random.nextInt(keys);
                        try {
                            if (random.nextInt(8) == 0) {
                                try (Cursor c = db.scan(key(k), key(Math.min(keys, k + 50)))) {
                                    while (c.next()) {
                                        checkValue(c.key(), c.value());
                                    }
                                }
                            } else {
                                checkValue(key(k), db.get(key(k)));
                            }
                            reads.incrementAndGet();
                        } catch (IllegalStateException | LsmException e) {
                            if (!closing.get()) {
                                throw e;
                            }
                            return; // the engine is closing: its reads may now refuse
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "mmap-reader-" + t);
            readers[t].start();
        }
        for (int round = 1; round <= 6; round++) {
            for (int k = 0; k < keys; k++) {
                db.put(key(k), value(k, round));
            }
            db.flush();
        }
        closing.set(true);
        db.close();
        for (Thread r : readers) {
            r.join(30_000);
            assertThat(r.isAlive()).as("%s ended", r.getName()).isFalse();
        }
        assertThat(failure.get()).as("reader failure").isNull();
        assertThat(reads.get()).as("reads made while tables were replaced").isGreaterThan(100);
    }

    /** The value of key {@code k} written in round {@code round}: names both, so a read can check it. */
    private static byte[] value(int k, int round) {
        return ("value-" + k + "-round-" + round + "-" + "x".repeat(k % 100)).getBytes(StandardCharsets.UTF_8);
    }

    /** A value read for {@code key} is some round's value of that key, whole. */
    private static void checkValue(byte[] key, byte[] value) {
        assertThat(value).as("value of %s", new String(key, StandardCharsets.UTF_8)).isNotNull();
        String k = new String(key, StandardCharsets.UTF_8).substring("key".length());
        String v = new String(value, StandardCharsets.UTF_8);
        int index = Integer.parseInt(k);
        assertThat(v).startsWith("value-" + index + "-round-").endsWith("-" + "x".repeat(index % 100));
    }

    @Test
    void tablesMadeObsoleteAreUnmapped() throws Exception {
        Path maps = Path.of("/proc/self/maps");
        assumeThat(Files.isReadable(maps)).as("Linux: /proc/self/maps lists the process's mappings").isTrue();
        assumeThat(MappedReadableFile.unmapsOnClose()).as("jdk.unsupported's Unsafe.invokeCleaner").isTrue();
        String prefix = dir.toAbsolutePath().toString();
        try (LsmEngine db = LsmEngine.open(dir, OPTIONS)) {
            Random random = new Random(3);
            for (int op = 0; op < 20_000; op++) {
                byte[] v = new byte[100];
                random.nextBytes(v);
                db.put(key(random.nextInt(3000)), v);
                if (op % 2000 == 1999) {
                    for (int i = 0; i < 3000; i += 7) {
                        db.get(key(i)); // opens (maps) the tables of the moment
                    }
                }
            }
            db.compact();
            for (int i = 0; i < 3000; i++) {
                db.get(key(i));
            }
            String mapped = Files.readString(maps);
            assertThat(mapped).as("live tables are mapped").contains(prefix);
            assertThat(mapped.lines().filter(l -> l.contains(prefix) && l.endsWith("(deleted)")))
                    .as("deleted tables still mapped").isEmpty();
        }
        assertThat(Files.readString(maps)).as("nothing of the store mapped after close").doesNotContain(prefix);
    }
}
