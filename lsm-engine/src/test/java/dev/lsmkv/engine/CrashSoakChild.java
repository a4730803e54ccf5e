package dev.lsmkv.engine;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The process {@link CrashSoakTests} kills with SIGKILL: a mixed workload under
 * {@link SyncMode#ALWAYS} with small memtables, tables and manifest, so flushes, compactions and
 * manifest rolls are in progress when it dies. Each writer thread runs the deterministic op
 * sequence of {@link #op}, and after each op returns appends its index to its acknowledgement log
 * (one unbuffered write: a SIGKILL keeps it). The parent regenerates the same ops and checks the
 * store against those acknowledged; the op after the last acknowledged one may or may not be
 * there. A maintenance thread calls {@code flush()} and {@code compact()} now and then.
 *
 * <p>Arguments: data dir, ack dir, cycle, thread count, seed.
 */
public final class CrashSoakChild {

    static final int KEYS_PER_THREAD = 200;
    static final int GROUPS_PER_THREAD = 20;

    private CrashSoakChild() {
    }

    /** Kinds of op; a TTL of 1 ms has expired by the time anyone checks, so it acts as a delete. */
    enum Kind { PUT, DELETE, BATCH, PUT_TTL_LONG, PUT_TTL_EXPIRED }

    /** Op {@code i} of {@code thread} in {@code cycle}: keys and values depend only on these and the seed. */
    record Op(Kind kind, List<String> keys, String value) {
        /** The value the op leaves once its TTL (if any) has passed; null when it deletes. */
        String lasting() {
            return kind == Kind.DELETE || kind == Kind.PUT_TTL_EXPIRED ? null : value;
        }

        void applyTo(LsmEngine db) {
            byte[] v = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
            switch (kind) {
                case PUT -> db.put(bytes(keys.get(0)), v);
                case DELETE -> db.delete(bytes(keys.get(0)));
                case PUT_TTL_LONG -> db.put(bytes(keys.get(0)), v, Duration.ofDays(1));
                case PUT_TTL_EXPIRED -> db.put(bytes(keys.get(0)), v, Duration.ofMillis(1));
                case BATCH -> {
                    WriteBatch batch = new WriteBatch();
                    for (String k : keys) {
                        batch.put(bytes(k), v);
                    }
                    db.write(batch);
                }
            }
        }
    }

    static Op op(long seed, int cycle, int thread, long i) {
        Random rnd = new Random(seed * 1_000_003L + cycle * 7_919L + thread * 104_729L + i * 15_485_863L);
        String key = "t" + thread + "-k" + String.format("%03d", rnd.nextInt(KEYS_PER_THREAD));
        String value = "c" + cycle + "t" + thread + "i" + i + "-" + "v".repeat(rnd.nextInt(300));
        int r = rnd.nextInt(100);
        if (r < 45) {
            return new Op(Kind.PUT, List.of(key), value);
        } else if (r < 60) {
            return new Op(Kind.DELETE, List.of(key), null);
        } else if (r < 75) {
            String group = "t" + thread + "-g" + String.format("%02d", rnd.nextInt(GROUPS_PER_THREAD));
            List<String> keys = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                keys.add(group + "-" + j);
            }
            return new Op(Kind.BATCH, keys, value);
        } else if (r < 85) {
            return new Op(Kind.PUT_TTL_LONG, List.of(key), value);
        } else if (r < 92) {
            return new Op(Kind.PUT_TTL_EXPIRED, List.of(key), value);
        } else {
            return new Op(Kind.PUT, List.of(key), ""); // an empty value is a value
        }
    }

    static EngineOptions options() {
        return EngineOptions.builder()
                .syncMode(SyncMode.ALWAYS)
                .memtableSizeBytes(32 * 1024)
                .targetFileSizeBytes(32 * 1024)
                .level1MaxBytes(128 * 1024)
                .level0CompactionTrigger(2)
                .maxManifestFileSizeBytes(8 * 1024)
                .blockSizeBytes(1024)
                .build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path ackDir = Path.of(args[1]);
        int cycle = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        LsmEngine db = LsmEngine.open(dataDir, options());
        System.out.println("ready");
        System.out.flush();
        Thread maintenance = new Thread(() -> {
            Random rnd = new Random(seed + cycle);
            try {
                while (true) {
                    Thread.sleep(20 + rnd.nextInt(150));
                    if (rnd.nextInt(4) == 0) {
                        db.compact();
                    } else {
                        db.flush();
                    }
                }
            } catch (Throwable e) {
                System.err.println("WORKER-ERROR in maintenance");
                e.printStackTrace();
            }
        }, "maintenance");
        maintenance.start();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers[t] = new Thread(() -> {
                try (OutputStream ack = new FileOutputStream(
                        ackDir.resolve("ack-" + cycle + "-" + thread).toFile(), true)) {
                    for (long i = 0; ; i++) {
                        op(seed, cycle, thread, i).applyTo(db);
                        ack.write((i + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (Throwable e) {
                    System.err.println("WORKER-ERROR in writer " + thread);
                    e.printStackTrace();
                }
            }, "writer-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
    }
}
