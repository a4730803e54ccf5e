package dev.lsmkv.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.SyncMode;
import dev.lsmkv.engine.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A three-node group in this JVM, on loopback: writes on one node, reads on the others. */
class ReplicatedLsmEngineIntegrationTests {

    @TempDir
    Path dir;

    private final List<ReplicatedLsmEngine> engines = new ArrayList<>();

    @AfterEach
    void stopAll() {
        // in parallel: closing a Ratis server waits up to seconds for its gRPC channels
        engines.parallelStream().forEach(e -> {
            try {
                e.close();
            } catch (RuntimeException ignored) {
                // keep closing the others
            }
        });
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** A settable clock, shared where a test wants the same time on several nodes. */
    static final class TestClock implements InstantSource {
        final AtomicLong millis;

        TestClock(long start) {
            millis = new AtomicLong(start);
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    static ReplicationConfig.Builder config(List<Peer> peers, String self, Path dataDir) {
        return ReplicationConfig.builder()
                .peers(peers)
                .self(self)
                .dataDir(dataDir)
                .engineOptions(EngineOptions.builder().syncMode(SyncMode.NONE).build())
                .electionTimeout(Duration.ofMillis(300), Duration.ofMillis(600))
                .requestTimeout(Duration.ofSeconds(20));
    }

    private void startGroup(List<Peer> peers, java.util.function.IntFunction<InstantSource> leaderClock,
            java.util.function.UnaryOperator<ReplicationConfig.Builder> tweak) {
        for (int i = 0; i < peers.size(); i++) {
            ReplicationConfig c = tweak.apply(config(peers, peers.get(i).id(), dir.resolve(peers.get(i).id()))).build();
            engines.add(ReplicatedLsmEngine.over(ReplicationNode.start(c, leaderClock.apply(i))));
        }
    }

    @Test
    void writeOnOneNodeIsReadOnEveryNodeAndReservedKeysStayHidden() {
        List<Peer> peers = TestPorts.peers(3);
        startGroup(peers, i -> InstantSource.system(), c -> c);
        ReplicatedLsmEngine n1 = engines.get(0);
        n1.put(b("a"), b("1"));
        n1.write(new WriteBatch().put(b("b"), b("2")).put(b("c"), b("3")).delete(b("a")));
        engines.get(1).put(b("d"), b("4"));
        for (ReplicatedLsmEngine e : engines) {
            assertThat(e.get(b("a"))).isNull();
            assertThat(s(e.get(b("b")))).isEqualTo("2");
            assertThat(s(e.get(b("d")))).isEqualTo("4");
            List<String> keys = new ArrayList<>();
            try (Cursor c = e.scan(null, null)) {
                while (c.next()) {
                    keys.add(s(c.key()));
                }
            }
            assertThat(keys).as("scan on %s hides the applied-index key", e.node().config().self())
                    .containsExactly("b", "c", "d");
            assertThat(e.get(ReservedKeys.APPLIED_KEY)).isNull();
        }
        assertThatThrownBy(() -> n1.put(ReservedKeys.APPLIED_KEY, b("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> n1.write(new WriteBatch().put(b("ok"), b("1")).delete(ReservedKeys.APPLIED_KEY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(engines.get(1).get(b("ok"))).as("a rejected batch writes nothing").isNull();
        NodeStatus st = engines.get(2).node().status();
        assertThat(st.leader()).isNotNull();
        assertThat(st.appliedIndex()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void ttlExpiryIsFixedByTheLeadersClockAndTheSameOnEveryNode() {
        List<Peer> peers = TestPorts.peers(3);
        long t0 = 1_700_000_000_000L;
        TestClock engineClock = new TestClock(t0); // what every node's engine reads expiries against
        // each node would fix a different instant if it led: leader i adds i seconds
        startGroup(peers, i -> new TestClock(t0 + 1000L * i),
                c -> c.engineOptions(EngineOptions.builder().syncMode(SyncMode.NONE).clock(engineClock).build()));
        engines.get(2).put(b("k"), b("v"), Duration.ofSeconds(10));
        List<Long> expiries = new ArrayList<>();
        for (ReplicatedLsmEngine e : engines) {
            assertThat(s(e.get(b("k")))).isEqualTo("v"); // also the read barrier: the entry is applied here
            expiries.add(e.node().stateMachine().withEngine(x -> {
                try (Cursor c = x.scan(b("k"), b("l"))) {
                    assertThat(c.next()).isTrue();
                    return engineClock.millis() + c.timeToLive().toMillis();
                }
            }));
        }
        long expiry = expiries.get(0);
        assertThat(expiries).as("every node stores the same expiry instant").containsOnly(expiry);
        assertThat(List.of(t0 + 10_000, t0 + 11_000, t0 + 12_000))
                .as("the expiry is ttl after one node's leader clock, not after the engines' clock t0").contains(expiry);
        engineClock.millis.set(expiry - 1);
        for (ReplicatedLsmEngine e : engines) {
            assertThat(s(e.get(b("k")))).as("on %s just before the expiry", e.node().config().self()).isEqualTo("v");
        }
        engineClock.millis.set(expiry);
        for (ReplicatedLsmEngine e : engines) {
            assertThat(e.get(b("k"))).as("on %s at the expiry", e.node().config().self()).isNull();
        }
    }

    @Test
    void stoppedFollowerCatchesUpAfterRestartAndBoundedStalenessReadsWork() {
        List<Peer> peers = TestPorts.peers(3);
        startGroup(peers, i -> InstantSource.system(), c -> c);
        await().atMost(Duration.ofSeconds(20)).until(() -> engines.stream().anyMatch(e -> e.node().status().role().equals("LEADER")));
        int follower = engines.indexOf(engines.stream().filter(e -> !e.node().status().role().equals("LEADER")).findFirst().orElseThrow());
        ReplicatedLsmEngine writer = engines.get((follower + 1) % 3);
        writer.put(b("before"), b("1"));
        assertThat(engines.get(follower).get(b("before"))).as("applied on the follower before it stops").isNotNull();
        engines.get(follower).close();
        for (int i = 0; i < 50; i++) {
            writer.put(b("k" + i), b("v" + i));
        }
        Peer p = peers.get(follower);
        ReplicatedLsmEngine restarted = ReplicatedLsmEngine.start(
                config(peers, p.id(), dir.resolve(p.id())).readConsistency(ReadConsistency.BOUNDED_STALENESS)
                        .maxStaleness(Duration.ofMillis(50)).build());
        engines.set(follower, restarted);
        assertThat(s(restarted.get(b("k49")))).isEqualTo("v49");
        assertThat(s(restarted.get(b("before")))).isEqualTo("1");
        assertThat(restarted.node().stateMachine().engineAppliedIndex())
                .isEqualTo(writer.node().stateMachine().engineAppliedIndex());
        assertThat(restarted.node().stateMachine().entriesApplied())
                .as("the restart applied exactly the 50 entries written while the node was down").isEqualTo(50);
        assertThat(restarted.node().stateMachine().entriesSkipped())
                .as("entries replayed from the Raft log that the engine already had").isGreaterThanOrEqualTo(1);
    }
}
