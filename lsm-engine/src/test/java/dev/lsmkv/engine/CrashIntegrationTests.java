package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM ({@link CrashTestChild}) with SIGKILL at random moments and checks,
 * after each reopen, that every write it acknowledged is present with its value and that no
 * batch is half-applied. {@code -Dlsmkv.crash.cycles=N} runs more cycles (default 10; half as
 * many under NONE, whose WAL is written through a memory mapping, {@link EngineOptions#walMmapWrites()};
 * both write into preallocated WALs, {@link EngineOptions#walPreallocate()}).
 */
class CrashIntegrationTests {

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        killAndVerify(SyncMode.ALWAYS, Integer.getInteger("lsmkv.crash.cycles", 10));
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkillWithTheWalWrittenThroughAMapping() throws Exception {
        // NONE: the WAL record is a copy into a mapping of the file, no write call; the page cache keeps it
        killAndVerify(SyncMode.NONE, Math.max(1, Integer.getInteger("lsmkv.crash.cycles", 10) / 2));
    }

    private void killAndVerify(SyncMode syncMode, int cycles) throws Exception {
        long seed = Long.getLong("lsmkv.seed", System.nanoTime());
        System.out.println("CrashIntegrationTests " + syncMode + " seed=" + seed + ", cycles=" + cycles);
        Random rnd = new Random(seed);
        Path data = tmp.resolve("data");
        Path acks = Files.createDirectories(tmp.resolve("acks"));
        long verified = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            Process child = startChild(data, acks, cycle, 4, syncMode);
            try {
                waitForReady(child);
                Thread.sleep(100 + rnd.nextInt(700));
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux
                child.waitFor(30, TimeUnit.SECONDS);
            }
            verified += verify(data, acks, cycle);
        }
        System.out.println("CrashIntegrationTests " + syncMode + ": " + cycles + " kills, " + verified
                + " acknowledged writes verified");
        assertThat(verified).isPositive();
    }

    private long verify(Path data, Path acks, int lastCycle) throws Exception {
        long count = 0;
        try (LsmEngine db = LsmEngine.open(data, EngineOptions.builder().syncMode(SyncMode.NONE).build())) {
            for (int cycle = 0; cycle <= lastCycle; cycle++) {
                try (Stream<Path> files = Files.list(acks)) {
                    for (Path ackFile : files.filter(p -> p.getFileName().toString().startsWith("ack-")).toList()) {
                        for (String key : Files.readAllLines(ackFile, StandardCharsets.UTF_8)) {
                            if (key.isEmpty()) {
                                continue; // a line being written when the child died
                            }
                            byte[] expected = ("value-of-" + key).getBytes(StandardCharsets.UTF_8);
                            assertThat(db.get((key + "-a").getBytes(StandardCharsets.UTF_8)))
                                    .as("acknowledged %s-a after kill %d", key, lastCycle).isEqualTo(expected);
                            assertThat(db.get((key + "-b").getBytes(StandardCharsets.UTF_8)))
                                    .as("acknowledged %s-b after kill %d", key, lastCycle).isEqualTo(expected);
                            count++;
                        }
                    }
                }
                break; // every ack file was read in this pass
            }
            // No batch is half-applied, acknowledged or not.
            String previousA = null;
            try (Cursor c = db.scan(null, null)) {
                while (c.next()) {
                    String k = new String(c.key(), StandardCharsets.UTF_8);
                    if (k.endsWith("-a")) {
                        assertThat(previousA).as("batch half-applied before %s", k).isNull();
                        previousA = k.substring(0, k.length() - 2);
                    } else if (k.endsWith("-b")) {
                        assertThat(previousA).as("batch half-applied at %s", k)
                                .isEqualTo(k.substring(0, k.length() - 2));
                        previousA = null;
                    }
                }
            }
            assertThat(previousA).as("batch half-applied at the end").isNull();
        }
        return count;
    }

    private static Process startChild(Path data, Path acks, int cycle, int threads, SyncMode syncMode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashTestChild.class.getName(), data.toString(), acks.toString(), String.valueOf(cycle),
                String.valueOf(threads), syncMode.name()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(new File(acks.toFile(), "child-stderr.txt")));
        return pb.start();
    }

    private static void waitForReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("child started (see child-stderr.txt in the test's temp dir)").isEqualTo("ready");
    }
}
