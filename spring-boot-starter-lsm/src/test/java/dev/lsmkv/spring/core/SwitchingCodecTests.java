package dev.lsmkv.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.spring.core.CodecSamples.PublicRecord;
import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changing {@code lsm.codec} on an existing store: values keep the id of the codec that wrote
 * them, and an adapter reads each with the registered codec of that id.
 */
class SwitchingCodecTests {

    @TempDir
    Path dir;

    private LsmEngine engine;

    @BeforeEach
    void open() {
        engine = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE).build());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void jsonValuesStayReadableAfterSwitchingToCbor() {
        new LsmKeyValueAdapter(engine, JacksonEntityCodec.json(), null).put(1L, new PublicRecord(1L, "old", List.of()), "r");

        LsmKeyValueAdapter cbor = new LsmKeyValueAdapter(engine, JacksonEntityCodec.cbor(), null);
        cbor.put(2L, new PublicRecord(2L, "new", List.of("t")), "r");

        assertThat(cbor.get(1L, "r", PublicRecord.class)).isEqualTo(new PublicRecord(1L, "old", List.of()));
        assertThat(cbor.get(2L, "r", PublicRecord.class)).isEqualTo(new PublicRecord(2L, "new", List.of("t")));
    }

    @Test
    void cborValuesStayReadableAfterSwitchingBackToJsonWithTheCborReaderRegistered() {
        new LsmKeyValueAdapter(engine, JacksonEntityCodec.cbor(), null).put(1L, new PublicRecord(1L, "cbor", List.of()), "r");

        LsmKeyValueAdapter json = new LsmKeyValueAdapter(engine, JacksonEntityCodec.json(), null);
        json.addReadCodec(JacksonEntityCodec.cbor());
        json.put(2L, new PublicRecord(2L, "json", List.of()), "r");

        assertThat(json.get(1L, "r", PublicRecord.class)).isEqualTo(new PublicRecord(1L, "cbor", List.of()));
        assertThat(json.get(2L, "r", PublicRecord.class)).isEqualTo(new PublicRecord(2L, "json", List.of()));
    }

    @Test
    void cborValuesNeedTheCborReader() {
        new LsmKeyValueAdapter(engine, JacksonEntityCodec.cbor(), null).put(1L, new PublicRecord(1L, "cbor", List.of()), "r");

        LsmKeyValueAdapter jsonOnly = new LsmKeyValueAdapter(engine, JacksonEntityCodec.json(), null);
        assertThatThrownBy(() -> jsonOnly.get(1L, "r", PublicRecord.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("codec id 2");
    }
}
