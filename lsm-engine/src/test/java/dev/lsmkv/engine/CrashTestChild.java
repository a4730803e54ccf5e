package dev.lsmkv.engine;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process {@link CrashIntegrationTests} kills: writes under {@link SyncMode#ALWAYS} (or the
 * sync mode given as a fifth argument: NONE writes the WAL through a memory mapping) from
 * several threads until it is killed, and after each write returns appends one line to its
 * thread's acknowledgement log. A SIGKILL is a process crash, so the OS keeps what was written to
 * the logs; the parent then checks that every acknowledged write is in the store.
 *
 * <p>Each write is a batch of two keys {@code c<cycle>-t<thread>-<n>-a|b} with the same value,
 * so a half-applied batch would show as one key without the other.
 *
 * <p>Arguments: data dir, ack dir, cycle number, thread count[, sync mode].
 */
public final class CrashTestChild {

    private CrashTestChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path ackDir = Path.of(args[1]);
        int cycle = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        SyncMode syncMode = args.length > 4 ? SyncMode.valueOf(args[4]) : SyncMode.ALWAYS;
        EngineOptions options = EngineOptions.builder()
                .syncMode(syncMode)
                .memtableSizeBytes(64 * 1024)
                .targetFileSizeBytes(64 * 1024)
                .level1MaxBytes(256 * 1024)
                .build();
        LsmEngine db = LsmEngine.open(dataDir, options);
        System.out.println("ready");
        System.out.flush();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers[t] = new Thread(() -> {
                try (OutputStream ack = new FileOutputStream(ackDir.resolve("ack-" + cycle + "-" + thread).toFile(), true)) {
                    for (long n = 0; ; n++) {
                        String key = "c" + cycle + "-t" + thread + "-" + n;
                        byte[] value = ("value-of-" + key).getBytes(StandardCharsets.UTF_8);
                        WriteBatch batch = new WriteBatch()
                                .put((key + "-a").getBytes(StandardCharsets.UTF_8), value)
                                .put((key + "-b").getBytes(StandardCharsets.UTF_8), value);
                        db.write(batch);
                        ack.write((key + "\n").getBytes(StandardCharsets.UTF_8));
                        if (n % 64 == 0) {
                            db.delete(("c" + cycle + "-t" + thread + "-" + (n / 2) + "-deleted").getBytes(StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, "writer-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
    }
}
