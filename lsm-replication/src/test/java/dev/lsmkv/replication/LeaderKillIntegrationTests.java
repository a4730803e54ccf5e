package dev.lsmkv.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-node group, each node in its own JVM on loopback. Writers record every acknowledged
 * write; the leader is SIGKILLed mid-load; then a follower is killed, its directory wiped, and it
 * is restarted. Every acknowledged write must be readable on every node, a write whose outcome was
 * unknown must read the same on every node and never change, and the wiped follower must have
 * caught up by installing a snapshot (the log it would need was purged).
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class LeaderKillIntegrationTests {

    private static final int SNAPSHOT_THRESHOLD = 60;
    private static final int SEGMENT_BYTES = 16 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final Path LOGS = Path.of("target", "replica-logs");

    @TempDir
    Path dir;

    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private List<Peer> peers;

    @AfterEach
    void killAll() throws InterruptedException {
        for (Process p : processes.values()) {
            p.destroyForcibly();
        }
        for (Process p : processes.values()) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private void start(String id) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = LOGS.resolve(id + ".log"); // kept after the run, for a failure's post-mortem
        Files.createDirectories(LOGS);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                ReplicaMain.class.getName(), TestPorts.specs(peers), id, dir.resolve(id).toString(),
                String.valueOf(SNAPSHOT_THRESHOLD), String.valueOf(SEGMENT_BYTES), "160")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        processes.put(id, pb.start());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(processes.get(id).isAlive()).as("node %s exited; see %s", id, log).isTrue();
            return Files.exists(log) && Files.readString(log).contains("READY " + id);
        });
    }

    private void kill(String id) throws InterruptedException {
        Process p = processes.remove(id);
        p.destroyForcibly(); // SIGKILL
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void acknowledgedWritesSurviveLeaderKillAndWipedFollowerCatchesUpBySnapshot() throws Exception {
        peers = TestPorts.peers(3);
        for (Peer p : peers) {
            start(p.id());
        }
        try (GroupClient client = new GroupClient(peers, "lsmkv")) {
            Map<String, String> acked = new ConcurrentHashMap<>();
            Set<String> attempted = ConcurrentHashMap.newKeySet();
            AtomicReference<String> leader = new AtomicReference<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger seq = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread w = new Thread(() -> {
                    while (!stop.get()) {
                        String k = "key-" + seq.incrementAndGet();
                        String v = "value-" + k;
                        attempted.add(k);
                        try {
                            leader.set(client.put(b(k), b(v)));
                            acked.put(k, v);
                        } catch (IOException | RuntimeException e) {
                            // outcome unknown: must never appear on one node and not another
                        }
                    }
                }, "writer-" + t);
                w.start();
                writers.add(w);
            }
            await().atMost(WAIT).until(() -> acked.size() >= 100);
            String killed = leader.get();
            kill(killed);
            int ackedAtKill = acked.size();
            await().atMost(WAIT).until(() -> acked.size() >= ackedAtKill + 100); // a new leader took over
            stop.set(true);
            for (Thread w : writers) {
                w.join(30_000);
                assertThat(w.isAlive()).as("writer stopped").isFalse();
            }
            String newLeader = leader.get();
            assertThat(newLeader).as("a new leader was elected").isNotEqualTo(killed);

            start(killed);
            Set<String> unknown = new java.util.HashSet<>(attempted);
            unknown.removeAll(acked.keySet());
            Map<String, String> unknownSeen = checkEveryNode(client, newLeader, acked, unknown, null);

            // a follower is killed, wiped and restarted: the log it needs is purged, so only a snapshot can help
            String victim = peers.stream().map(Peer::id).filter(id -> !id.equals(leader.get())).findFirst().orElseThrow();
            kill(victim);
            deleteTree(dir.resolve(victim));
            for (int i = 0; i < 3 * SNAPSHOT_THRESHOLD; i++) {
                String k = "after-wipe-" + i;
                leader.set(client.put(b(k), b("v" + i)));
                acked.put(k, "v" + i);
            }
            long takenOnLeader = client.status(leader.get())[2];
            assertThat(takenOnLeader).as("the leader took snapshots").isGreaterThan(0);
            start(victim);
            await().atMost(WAIT).ignoreExceptions().until(() -> client.status(victim)[3] >= 1);
            checkEveryNode(client, leader.get(), acked, unknown, unknownSeen);
        }
    }

    /**
     * Reads every acknowledged key on every node (once that node has applied everything the leader
     * has) and every key of unknown outcome; returns what each unknown key reads as, after checking
     * it reads the same on every node and as {@code before} (when given).
     */
    private Map<String, String> checkEveryNode(GroupClient client, String leaderId, Map<String, String> acked,
            Set<String> unknown, Map<String, String> before) throws IOException {
        long minIndex = client.status(leaderId)[0];
        Map<String, String> seen = new HashMap<>();
        for (Peer p : peers) {
            await("node " + p.id() + " applies index " + minIndex).atMost(WAIT).ignoreExceptions()
                    .until(() -> client.status(p.id())[0] >= minIndex);
            for (Map.Entry<String, String> e : acked.entrySet()) {
                assertThat(s(client.get(p.id(), b(e.getKey()), minIndex)))
                        .as("acknowledged %s on %s", e.getKey(), p.id()).isEqualTo(e.getValue());
            }
            for (String k : unknown) {
                String v = s(client.get(p.id(), b(k), minIndex));
                String first = seen.computeIfAbsent(k, x -> v == null ? "<absent>" : v);
                assertThat(v == null ? "<absent>" : v).as("unknown-outcome %s reads the same on %s", k, p.id()).isEqualTo(first);
            }
        }
        if (before != null) {
            assertThat(seen).as("no write of unknown outcome appeared then disappeared").isEqualTo(before);
        }
        return seen;
    }

    private static void deleteTree(Path p) throws IOException {
        SnapshotStore.deleteRecursively(p);
    }
}
