package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash soak: kills {@link CrashSoakChild} (puts, deletes, batches, TTL writes, with flushes,
 * compactions and manifest rolls under way) with SIGKILL at random moments, and after each kill
 * reopens the store and checks it against the acknowledged ops: every acknowledged op is there
 * (an expired TTL write reads as absent), the op in flight in each thread may or may not be,
 * no batch shows on some keys only, and nothing no op wrote appears. After each check the model
 * is pinned to what the store showed, so a write that did not show can never surface later.
 *
 * <p>Default 5 cycles. Long run:
 * {@code mvn -o -pl lsm-engine test -Dtest=CrashSoakTests -Dlsmkv.soak.cycles=1000}
 * ({@code -Dlsmkv.seed=N} replays a seed; {@code -Dlsmkv.soak.threads=N}, default 4).
 */
class CrashSoakTests {

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedOpSurvivesSigkillDuringFlushAndCompaction() throws Exception {
        int cycles = Integer.getInteger("lsmkv.soak.cycles", 5);
        int threads = Integer.getInteger("lsmkv.soak.threads", 4);
        long seed = Long.getLong("lsmkv.seed", System.nanoTime());
        System.out.println("CrashSoakTests seed=" + seed + ", cycles=" + cycles + ", threads=" + threads);
        Random rnd = new Random(seed);
        Path data = tmp.resolve("data");
        Path acks = Files.createDirectories(tmp.resolve("acks"));
        AckModel model = new AckModel();
        long ops = 0;
        long inFlightShown = 0;
        long started = System.nanoTime();
        for (int cycle = 0; cycle < cycles; cycle++) {
            Process child = startChild(data, acks, cycle, threads, seed);
            try {
                waitForReady(child, acks);
                Thread.sleep(50 + rnd.nextInt(600));
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child died").isTrue();
            }
            String stderr = Files.readString(acks.resolve("child-stderr.txt"));
            assertThat(stderr).as("child errors (cycle %d)", cycle).doesNotContain("WORKER-ERROR");
            // Apply this cycle's ops: acknowledged ones for sure, the next one per thread maybe.
            for (int t = 0; t < threads; t++) {
                long acked = ackedOps(acks.resolve("ack-" + cycle + "-" + t));
                for (long i = 0; i <= acked; i++) {
                    CrashSoakChild.Op op = CrashSoakChild.op(seed, cycle, t, i);
                    boolean sure = i < acked;
                    if (op.kind() == CrashSoakChild.Kind.BATCH) {
                        model.batch(op.keys(), op.value(), sure);
                    } else if (sure) {
                        model.ack(op.keys().get(0), op.lasting());
                    } else {
                        model.maybe(op.keys().get(0), op.lasting());
                    }
                }
                ops += acked;
            }
            try (LsmEngine db = LsmEngine.open(data, CrashSoakChild.options())) {
                model.verify(db, "after kill " + cycle + " (seed " + seed + ")");
                model.pin(db);
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.println("CrashSoakTests: " + cycles + " kills, " + ops + " acknowledged ops verified, "
                + model.keys() + " keys checked after each kill, 0 failures, " + seconds + " s (seed " + seed + ")");
        assertThat(ops).isPositive();
    }

    /** The number of whole lines 0, 1, 2, ... in an ack log (a line cut by the kill does not count). */
    private static long ackedOps(Path ackFile) throws Exception {
        if (!Files.exists(ackFile)) {
            return 0;
        }
        String text = Files.readString(ackFile, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return 0;
        }
        List<String> lines = text.lines().toList();
        long whole = text.endsWith("\n") ? lines.size() : lines.size() - 1;
        for (int i = 0; i < whole; i++) {
            assertThat(lines.get(i)).as("ack log %s line %d", ackFile.getFileName(), i).isEqualTo(String.valueOf(i));
        }
        return whole;
    }

    private static Process startChild(Path data, Path acks, int cycle, int threads, long seed) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CrashSoakChild.class.getName(), data.toString(),
                acks.toString(), String.valueOf(cycle), String.valueOf(threads), String.valueOf(seed));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(new File(acks.toFile(), "child-stderr.txt")));
        return pb.start();
    }

    private static void waitForReady(Process child, Path acks) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("child started (stderr: %s)", acks.resolve("child-stderr.txt")).isEqualTo("ready");
    }
}
