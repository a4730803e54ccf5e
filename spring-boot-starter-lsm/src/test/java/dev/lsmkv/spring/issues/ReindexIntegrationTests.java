package dev.lsmkv.spring.issues;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import dev.lsmkv.spring.Indexed;
import dev.lsmkv.spring.core.LsmCriteria;
import dev.lsmkv.spring.core.LsmKeyValueAdapter;
import dev.lsmkv.spring.core.LsmKeyValueTemplate;
import dev.lsmkv.spring.core.LsmKeys;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.repository.query.parser.Part;

/**
 * Issue 12: adding {@code @Indexed} to a property of a keyspace that already holds entities
 * builds the missing index entries when the keyspace is next used, and removing it drops them.
 * Two classes stand for two versions of one entity class (same keyspace).
 */
class ReindexIntegrationTests {

    @TempDir
    Path dir;

    @KeySpace("gadgets")
    static class GadgetV1 {
        @Id
        Long id;
        String color;

        GadgetV1() {
        }

        GadgetV1(Long id, String color) {
            this.id = id;
            this.color = color;
        }
    }

    @KeySpace("gadgets")
    static class GadgetV2 {
        @Id
        Long id;
        @Indexed
        String color;
    }

    private static long keys(LsmEngine engine, byte[] prefix) {
        long n = 0;
        try (Cursor c = engine.scan(prefix, LsmKeys.prefixEnd(prefix))) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    private static LsmEngine open(Path dir) {
        return LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE).build());
    }

    @Test
    void addingAndRemovingIndexedRebuildsTheIndex() {
        try (LsmEngine engine = open(dir)) {
            LsmKeyValueAdapter adapter = new LsmKeyValueAdapter(engine);
            LsmKeyValueTemplate template = new LsmKeyValueTemplate(adapter);
            for (long i = 0; i < 2000; i++) {
                template.insert(new GadgetV1(i, i % 4 == 0 ? "red" : "blue"));
            }
            assertThat(keys(engine, LsmKeys.indexPrefix("gadgets"))).isZero();
        }
        try (LsmEngine engine = open(dir)) {
            LsmKeyValueAdapter adapter = new LsmKeyValueAdapter(engine);
            adapter.registerKeyspace("gadgets", GadgetV2.class); // what start-up does for a mapped entity
            assertThat(keys(engine, LsmKeys.indexPathPrefix("gadgets", "color"))).isEqualTo(2000);
            LsmKeyValueTemplate template = new LsmKeyValueTemplate(adapter);
            KeyValueQuery<LsmCriteria> red = new KeyValueQuery<>(LsmCriteria.of(
                    new LsmCriteria.Condition("color", Part.Type.SIMPLE_PROPERTY, List.of("red"), false)));
            assertThat(template.count(red, GadgetV2.class)).isEqualTo(500);
            assertThat(template.count(GadgetV2.class)).isEqualTo(2000);
        }
        try (LsmEngine engine = open(dir)) {
            LsmKeyValueAdapter adapter = new LsmKeyValueAdapter(engine);
            adapter.registerKeyspace("gadgets", GadgetV1.class);
            assertThat(keys(engine, LsmKeys.indexPrefix("gadgets"))).isZero();
            assertThat(new LsmKeyValueTemplate(adapter).count(GadgetV1.class)).isEqualTo(2000);
        }
    }
}
