package dev.lsmkv.replication;

import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replicated writes against a single node, in one run on one machine: puts of 100-byte values
 * from 1 and 8 threads into (a) a local engine with sync-mode always, (b) a local engine with
 * sync-mode none, (c) a three-node group in this JVM on loopback (Raft log fsync'd by Ratis, local
 * engines with sync-mode none). Prints ops/s and p50/p99 latency. Not a test; not run by
 * {@code mvn verify}. Run (docs/replication.md, "Measured"):
 * <pre>
 * mvn -q -o -pl lsm-replication -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "lsm-replication/target/test-classes:lsm-replication/target/classes:$(cat lsm-replication/target/cp.txt)" \
 *      dev.lsmkv.replication.ReplicationBench [writesPerCase]
 * </pre>
 */
public final class ReplicationBench {

    private ReplicationBench() {
    }

    interface Writer {
        void put(byte[] k, byte[] v);
    }

    public static void main(String[] args) throws Exception {
        int writes = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        Path root = Files.createTempDirectory("repl-bench");
        System.out.printf(Locale.ROOT, "%-34s %7s %10s %9s %9s%n", "case", "threads", "ops/s", "p50 ms", "p99 ms");
        for (SyncMode mode : new SyncMode[] {SyncMode.ALWAYS, SyncMode.NONE}) {
            for (int threads : new int[] {1, 8}) {
                Path d = root.resolve("single-" + mode + "-" + threads);
                try (LsmEngine db = LsmEngine.open(d, EngineOptions.builder().syncMode(mode).build())) {
                    run("single node, sync " + mode.name().toLowerCase(Locale.ROOT), threads, writes, db::put);
                }
            }
        }
        for (int threads : new int[] {1, 8}) {
            List<Peer> peers = TestPorts.peers(3);
            List<ReplicatedLsmEngine> nodes = new ArrayList<>();
            try {
                for (Peer p : peers) {
                    nodes.add(ReplicatedLsmEngine.start(ReplicationConfig.builder().peers(peers).self(p.id())
                            .dataDir(root.resolve("group-" + threads).resolve(p.id()))
                            .engineOptions(EngineOptions.builder().syncMode(SyncMode.NONE).build())
                            .electionTimeout(Duration.ofMillis(300), Duration.ofMillis(600)).build()));
                }
                nodes.get(0).put("warm".getBytes(StandardCharsets.UTF_8), new byte[1]); // waits for a leader
                run("3-node group (write via n1)", threads, writes, nodes.get(0)::put);
            } finally {
                nodes.parallelStream().forEach(ReplicatedLsmEngine::close);
            }
        }
        SnapshotStore.deleteRecursively(root);
        System.exit(0);
    }

    private static void run(String name, int threads, int writes, Writer w) throws InterruptedException {
        long[] latencies = new long[writes];
        AtomicInteger next = new AtomicInteger();
        byte[] value = new byte[100];
        Arrays.fill(value, (byte) 'x');
        List<Thread> ts = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < writes; ) {
                    byte[] key = String.format(Locale.ROOT, "key-%08d", i).getBytes(StandardCharsets.UTF_8);
                    long t0 = System.nanoTime();
                    w.put(key, value);
                    latencies[i] = System.nanoTime() - t0;
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%-34s %7d %10.0f %9.2f %9.2f%n", name, threads, writes / seconds,
                latencies[writes / 2] / 1e6, latencies[(int) (writes * 0.99)] / 1e6);
    }
}
