package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded random sequence of operations — put, put with TTL, delete, batch, get, scan with
 * random and null bounds, snapshot reads, flush, compact, close and reopen — checked after
 * every step against a sorted-map model, under several option sets with a tiny memtable so that
 * flushes and compactions really happen. A failure prints its seed; rerun it with
 * {@code -Dlsmkv.seed=N}.
 */
class EngineModelTests {

    static Stream<Arguments> optionSets() {
        EngineOptions.Builder tiny = EngineOptions.builder()
                .memtableSizeBytes(8 * 1024)
                .blockSizeBytes(256)
                .targetFileSizeBytes(8 * 1024)
                .level1MaxBytes(32 * 1024)
                .level0CompactionTrigger(2)
                .level0SlowdownTrigger(4)
                .level0StopTrigger(6);
        return Stream.of(
                Arguments.of("tiny, lz4, cache on, sync none, memtable point index",
                        tiny.syncMode(SyncMode.NONE).memtablePointIndex(true).build(), 100_000),
                Arguments.of("tiny, no compression, cache off, sync always",
                        tiny.syncMode(SyncMode.ALWAYS).memtablePointIndex(false).compression(Compression.NONE).blockCacheSizeBytes(0).build(), 30_000),
                Arguments.of("tiny, restart interval 1, no bloom, periodic",
                        tiny.syncMode(SyncMode.PERIODIC).memtablePointIndex(false).compression(Compression.LZ4).blockCacheSizeBytes(1 << 20)
                                .blockRestartInterval(1).bloomBitsPerKey(0).build(), 30_000),
                Arguments.of("defaults", EngineOptions.builder().syncMode(SyncMode.NONE).build(), 10_000),
                Arguments.of("defaults, memtable point index",
                        EngineOptions.builder().syncMode(SyncMode.NONE).memtablePointIndex(true).build(), 10_000));
    }

    /** A model entry: value and absolute expiry (Long.MAX_VALUE for none). */
    private record Val(byte[] value, long expiresAt) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionSets")
    void randomOperationsMatchSortedMapModel(String name, EngineOptions base, int operations) throws Exception {
        long seed = Long.getLong("lsmkv.seed", System.nanoTime());
        System.out.println("EngineModelTests[" + name + "] seed=" + seed + " (rerun with -Dlsmkv.seed=" + seed + ")");
        Random rnd = new Random(seed);
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        CrashableFileSystem fs = new CrashableFileSystem();
        Path dir = Path.of("/model-db");
        EngineOptions options = base.toBuilder().clock(clock).fileSystem(fs).build();
        TreeMap<String, Val> model = new TreeMap<>();
        LsmEngine db = LsmEngine.open(dir, options);
        List<Object[]> snapshots = new ArrayList<>(); // {Snapshot, TreeMap copy}
        try {
            for (int i = 0; i < operations; i++) {
                int op = rnd.nextInt(1000);
                String step = "seed=" + seed + " step " + i;
                if (op < 350) {
                    String k = key(rnd);
                    byte[] v = value(rnd, i);
                    db.put(bytes(k), v);
                    model.put(k, new Val(v, Long.MAX_VALUE));
                } else if (op < 420) {
                    String k = key(rnd);
                    byte[] v = value(rnd, i);
                    long ttl = 1 + rnd.nextInt(5_000);
                    db.put(bytes(k), v, Duration.ofMillis(ttl));
                    model.put(k, new Val(v, clock.millis() + ttl));
                } else if (op < 520) {
                    String k = key(rnd);
                    db.delete(bytes(k));
                    model.remove(k);
                } else if (op < 570) {
                    WriteBatch batch = new WriteBatch();
                    int n = 1 + rnd.nextInt(8);
                    for (int j = 0; j < n; j++) {
                        String k = key(rnd);
                        if (rnd.nextInt(4) == 0) {
                            batch.delete(bytes(k));
                            model.remove(k);
                        } else {
                            byte[] v = value(rnd, i);
                            batch.put(bytes(k), v);
                            model.put(k, new Val(v, Long.MAX_VALUE));
                        }
                    }
                    db.write(batch);
                } else if (op < 820) {
                    String k = key(rnd);
                    assertThat(db.get(bytes(k))).as(step + " get " + k).isEqualTo(visible(model, k, clock.millis()));
                } else if (op < 850) {
                    checkScan(db::scan, model, rnd, clock.millis(), step);
                } else if (op < 870) {
                    clock.advance(rnd.nextInt(2_000));
                } else if (op < 880) {
                    if (snapshots.size() < 3) {
                        snapshots.add(new Object[] {db.snapshot(), new TreeMap<>(model)});
                    } else {
                        Object[] s = snapshots.remove(rnd.nextInt(snapshots.size()));
                        ((Snapshot) s[0]).close();
                    }
                } else if (op < 920) {
                    if (!snapshots.isEmpty()) {
                        Object[] s = snapshots.get(rnd.nextInt(snapshots.size()));
                        Snapshot snap = (Snapshot) s[0];
                        @SuppressWarnings("unchecked")
                        TreeMap<String, Val> frozen = (TreeMap<String, Val>) s[1];
                        String k = key(rnd);
                        assertThat(snap.get(bytes(k))).as(step + " snapshot get " + k)
                                .isEqualTo(visible(frozen, k, clock.millis()));
                        if (rnd.nextInt(4) == 0) {
                            checkScan(snap::scan, frozen, rnd, clock.millis(), step + " snapshot");
                        }
                    }
                } else if (op < 945) {
                    db.flush();
                } else if (op < 950) {
                    db.compact();
                } else if (op < 953) {
                    for (Object[] s : snapshots) {
                        ((Snapshot) s[0]).close();
                    }
                    snapshots.clear();
                    db.close();
                    db = LsmEngine.open(dir, options);
                } else {
                    String k = key(rnd);
                    assertThat(db.get(bytes(k))).as(step + " get " + k).isEqualTo(visible(model, k, clock.millis()));
                }
            }
            checkScan(db::scan, model, new Random(seed), clock.millis(), "final");
            EngineStats stats = db.stats();
            assertThat(stats.healthy()).isTrue();
            assertThat(stats.flushes()).as("flushes happened").isPositive();
            System.out.println("EngineModelTests[" + name + "] " + operations + " ops, files per level "
                    + stats.levels().stream().map(l -> String.valueOf(l.files())).toList()
                    + ", compactions " + stats.compactions());
        } finally {
            for (Object[] s : snapshots) {
                ((Snapshot) s[0]).close();
            }
            db.close();
        }
    }

    interface Scanner {
        Cursor scan(byte[] from, byte[] to);
    }

    private static void checkScan(Scanner scanner, TreeMap<String, Val> model, Random rnd, long now, String step) {
        String from = rnd.nextInt(4) == 0 ? null : key(rnd);
        String to = rnd.nextInt(4) == 0 ? null : key(rnd);
        NavigableMap<String, Val> range;
        if (from != null && to != null && from.compareTo(to) > 0) {
            range = new TreeMap<>();
        } else if (from == null && to == null) {
            range = model;
        } else if (from == null) {
            range = model.headMap(to, false);
        } else if (to == null) {
            range = model.tailMap(from, true);
        } else {
            range = model.subMap(from, true, to, false);
        }
        List<String> expected = new ArrayList<>();
        for (Map.Entry<String, Val> e : range.entrySet()) {
            if (e.getValue().expiresAt() > now) {
                expected.add(e.getKey() + "=" + Arrays.toString(e.getValue().value()));
            }
        }
        List<String> actual = new ArrayList<>();
        try (Cursor c = scanner.scan(from == null ? null : bytes(from), to == null ? null : bytes(to))) {
            while (c.next()) {
                actual.add(new String(c.key(), StandardCharsets.UTF_8) + "=" + Arrays.toString(c.value()));
            }
        }
        assertThat(actual).as(step + " scan [" + from + ", " + to + ")").isEqualTo(expected);
    }

    private static byte[] visible(Map<String, Val> model, String k, long now) {
        Val v = model.get(k);
        return v == null || v.expiresAt() <= now ? null : v.value();
    }

    private static String key(Random rnd) {
        return String.format("key%05d", rnd.nextInt(2_000));
    }

    private static byte[] value(Random rnd, int i) {
        byte[] v = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(300) : rnd.nextInt(40)];
        for (int j = 0; j < v.length; j++) {
            v[j] = (byte) (j % 7 == 0 ? i : 'a' + (j % 5));
        }
        return v;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
