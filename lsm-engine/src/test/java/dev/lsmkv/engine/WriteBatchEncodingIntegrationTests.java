package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public batch record (WriteBatch.encode/decode) and absolute expiries, as lsm-replication uses them. */
class WriteBatchEncodingIntegrationTests {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void encodeDecodeRoundTripAppliesTheSameOperations() {
        WriteBatch batch = new WriteBatch().put(b("a"), b("1")).delete(b("b")).put(b("c"), new byte[0]);
        WriteBatch copy = WriteBatch.decode(batch.encode(123), 0);
        assertThat(copy.size()).isEqualTo(3);
        assertThat(copy.encode(0)).isEqualTo(batch.encode(0));
        try (LsmEngine db = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE).build())) {
            db.put(b("b"), b("old"));
            db.write(copy);
            assertThat(db.get(b("a"))).isEqualTo(b("1"));
            assertThat(db.get(b("b"))).isNull();
            assertThat(db.get(b("c"))).isEmpty();
        }
    }

    @Test
    void ttlBecomesAnAbsoluteExpiryAtEncodeTimeAndNotAtApplyTime() {
        ManualClock clock = new ManualClock(1_000_000);
        byte[] record = new WriteBatch().put(b("k"), b("v"), Duration.ofSeconds(10)).encode(1_000_000);
        try (LsmEngine db = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE).clock(clock).build())) {
            clock.advance(9_000); // applied late, on another machine: the expiry stays where the encoder put it
            db.write(WriteBatch.decode(record, 0));
            assertThat(db.get(b("k"))).isEqualTo(b("v"));
            clock.advance(1_000);
            assertThat(db.get(b("k"))).isNull();
        }
    }

    @Test
    void recordEncodedAtZeroKeepsTimesToLiveRelativeUntilDecodedAtABase() {
        byte[] relative = new WriteBatch().put(b("k"), b("v"), Duration.ofSeconds(5)).encode(0);
        WriteBatch absolute = WriteBatch.decode(relative, 2_000_000);
        assertThat(absolute.encode(999)).isEqualTo(new WriteBatch().putExpiringAt(b("k"), b("v"), 2_005_000).encode(0));
    }

    @Test
    void expiryAlreadyPastReadsAsAbsent() {
        ManualClock clock = new ManualClock(1_000_000);
        try (LsmEngine db = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE).clock(clock).build())) {
            db.write(new WriteBatch().putExpiringAt(b("k"), b("v"), 999_999));
            assertThat(db.get(b("k"))).isNull();
        }
    }

    @Test
    void decodeRejectsMalformedRecordAndBadExpiry() {
        byte[] record = new WriteBatch().put(b("a"), b("1")).encode(0);
        byte[] truncated = java.util.Arrays.copyOf(record, record.length - 1);
        assertThatThrownBy(() -> WriteBatch.decode(truncated, 0)).isInstanceOf(CorruptionException.class);
        assertThatThrownBy(() -> new WriteBatch().putExpiringAt(b("a"), b("1"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
