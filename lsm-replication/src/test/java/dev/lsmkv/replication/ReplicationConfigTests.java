package dev.lsmkv.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Peers, configuration checks and the reserved-key scan of a batch record; no group runs. */
class ReplicationConfigTests {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesPeerList() {
        assertThat(Peer.parseList(" n1@127.0.0.1:9871, n2@host-b:9872 ,"))
                .containsExactly(new Peer("n1", "127.0.0.1", 9871), new Peer("n2", "host-b", 9872));
        assertThat(Peer.parse("a@h:1").address()).isEqualTo("h:1");
    }

    @Test
    void rejectsBadPeersNamingTheProblem() {
        assertThatThrownBy(() -> Peer.parse("n1:9871")).hasMessageContaining("id@host:port");
        assertThatThrownBy(() -> Peer.parse("n1@h:x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Peer.parse("n1@h:70000")).hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> Peer.parseList("n1@h:1,n1@h:2")).hasMessageContaining("appears twice");
    }

    @Test
    void rejectsSelfOutsideThePeersAndInvertedTimeouts() {
        ReplicationConfig.Builder b = ReplicationConfig.builder().peers("n1@h:1,n2@h:2").dataDir(Path.of("x"));
        assertThatThrownBy(() -> b.self("n3").build()).hasMessageContaining("self 'n3'");
        assertThatThrownBy(() -> b.self("n1").electionTimeout(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .hasMessageContaining("electionTimeoutMax");
    }

    @Test
    void findsAReservedKeyAnywhereInABatchRecord() {
        byte[] clean = new WriteBatch().put(b("a"), new byte[300]).delete(b("b")).put(b("c"), b("1"), Duration.ofSeconds(5)).encode(0);
        assertThat(ReservedKeys.firstReservedKey(clean)).isNull();
        byte[] dirty = new WriteBatch().put(b("a"), new byte[300]).delete(b("b")).delete(ReservedKeys.APPLIED_KEY).encode(0);
        assertThat(ReservedKeys.firstReservedKey(dirty)).isEqualTo(ReservedKeys.APPLIED_KEY);
        assertThat(ReservedKeys.isReserved(b("people"))).isFalse();
    }

    @Test
    void appliedValueRoundTripsAndRejectsAnotherVersion() {
        assertThat(ReservedKeys.decodeApplied(ReservedKeys.encodeApplied(3, 1234))).containsExactly(3, 1234);
        assertThat(ReservedKeys.decodeApplied(null)).containsExactly(0, 0);
        byte[] v = ReservedKeys.encodeApplied(1, 1);
        v[0] = 9;
        assertThatThrownBy(() -> ReservedKeys.decodeApplied(v)).hasMessageContaining("version");
    }
}
