package dev.lsmkv.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.LsmEngine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;

/**
 * How ids are generated for entities saved without one, as docs/spring.md and README say:
 * {@code Long} ids are random 64-bit numbers (SecureRandom), not a sequence, so they are spread
 * over the whole range, negatives included; {@code String} ids are random UUID strings.
 */
class GeneratedIdTests {

    @KeySpace("numbered")
    static class Numbered {
        @Id Long id;
    }

    @KeySpace("named")
    static class Named {
        @Id String id;
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private final KeyValueMappingContext<?, ?> context = new KeyValueMappingContext<>();
    private LsmEngine engine;
    private LsmKeyValueTemplate template;

    @org.junit.jupiter.api.BeforeEach
    void open() {
        engine = LsmEngine.open(dir, dev.lsmkv.engine.EngineOptions.builder().syncMode(dev.lsmkv.engine.SyncMode.NONE).build());
        template = new LsmKeyValueTemplate(new LsmKeyValueAdapter(engine, JacksonEntityCodec.json(), context), context);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        engine.close();
    }

    @Test
    void longIdsAreRandom64BitNumbersNotASequence() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(template.insert(new Numbered()).id);
        }
        assertThat(new HashSet<>(ids)).hasSize(200);
        assertThat(ids).anyMatch(id -> id < 0).anyMatch(id -> id > 0);
        assertThat(ids).anyMatch(id -> Math.abs(id) > Integer.MAX_VALUE); // 64 bits, not 32
        assertThat(ids.get(1) - ids.get(0)).isNotEqualTo(1L);
    }

    @Test
    void stringIdsAreRandomUuidStrings() {
        String id = template.insert(new Named()).id;
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
    }
}
