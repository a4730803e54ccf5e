package dev.lsmkv.replication;

import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.SyncMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One node of a test group in its own JVM: {@code ReplicaMain peers self dataDir snapshotThreshold
 * segmentBytes lifetimeSeconds}. Prints {@code READY} once started; exits when its standard input
 * closes (the test JVM went away) or after {@code lifetimeSeconds}, so no test leaves it behind.
 */
public final class ReplicaMain {

    private ReplicaMain() {
    }

    public static void main(String[] args) throws IOException {
        ReplicationConfig config = ReplicationConfig.builder()
                .peers(args[0])
                .self(args[1])
                .dataDir(Path.of(args[2]))
                .snapshotThreshold(Long.parseLong(args[3]))
                .logSegmentSizeBytes(Long.parseLong(args[4]))
                .engineOptions(EngineOptions.builder().syncMode(SyncMode.NONE).build())
                .electionTimeout(Duration.ofMillis(300), Duration.ofMillis(600))
                .build();
        long lifetimeMs = Long.parseLong(args[5]) * 1000;
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(lifetimeMs);
            } catch (InterruptedException ignored) {
                // exit anyway
            }
            Runtime.getRuntime().halt(3);
        }, "lifetime");
        killer.setDaemon(true);
        killer.start();
        ReplicationNode node = ReplicationNode.start(config);
        System.out.println("READY " + config.self());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to go away
        }
        node.close();
        System.exit(0);
    }
}
