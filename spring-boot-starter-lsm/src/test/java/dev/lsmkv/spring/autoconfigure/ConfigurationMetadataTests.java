package dev.lsmkv.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata IDEs read (generated, merged with
 * {@code additional-spring-configuration-metadata.json}): the keys documented in docs/spring.md
 * are there, and every moved key points at a replacement that exists.
 */
class ConfigurationMetadataTests {

    private static Map<String, JsonNode> properties() throws Exception {
        try (InputStream in = ConfigurationMetadataTests.class.getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata on the class path").isNotNull();
            Map<String, JsonNode> byName = new HashMap<>();
            for (JsonNode p : JsonMapper.builder().build().readTree(in).get("properties")) {
                byName.put(p.get("name").asString(), p);
            }
            return byName;
        }
    }

    @Test
    void managementKeysOfTheStarterAreDescribed() throws Exception {
        Map<String, JsonNode> p = properties();
        assertThat(p).containsKey("management.health.lsm.enabled");
        assertThat(p.get("management.health.lsm.enabled").get("defaultValue").asBoolean()).isTrue();
        assertThat(p.get("management.health.lsm.enabled").get("type").asString()).isEqualTo("java.lang.Boolean");
        assertThat(p.get("management.endpoint.lsm.access").get("defaultValue").asString()).isEqualTo("read_only");
        assertThat(p).containsKeys("lsm.backup-dir", "lsm.table.block-size", "lsm.table.block-restart-interval",
                "lsm.table.bloom-bits-per-key", "lsm.table.max-open-files", "lsm.max-immutable-memtables");
    }

    @Test
    void movedCompactionKeysAreDeprecatedWithAReplacementThatExists() throws Exception {
        Map<String, JsonNode> p = properties();
        Map<String, String> moved = Map.of(
                "lsm.compaction.block-size", "lsm.table.block-size",
                "lsm.compaction.block-restart-interval", "lsm.table.block-restart-interval",
                "lsm.compaction.bloom-bits-per-key", "lsm.table.bloom-bits-per-key",
                "lsm.compaction.max-open-files", "lsm.table.max-open-files",
                "lsm.compaction.max-immutable-memtables", "lsm.max-immutable-memtables");
        moved.forEach((old, replacement) -> {
            JsonNode property = p.get(old);
            assertThat(property).as(old).isNotNull();
            assertThat(property.path("deprecation").path("replacement").asString()).as(old).isEqualTo(replacement);
            assertThat(p).as("replacement of %s", old).containsKey(replacement);
            assertThat(p.get(replacement).has("deprecation")).isFalse();
        });
        long deprecated = p.values().stream().filter(n -> n.has("deprecation")).count();
        assertThat(deprecated).isEqualTo(moved.size());
    }

    @Test
    void everyCurrentKeyIsInTheDocsPropertyTable() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "spring.md"));
        int checked = 0;
        for (Map.Entry<String, JsonNode> e : properties().entrySet()) {
            String name = e.getKey();
            if (e.getValue().has("deprecation") || name.equals("lsm.keyspaces")
                    || name.equals("management.endpoint.lsm.cache.time-to-live")) {
                continue; // moved keys are listed as such; keyspaces as lsm.keyspaces.<name>.time-to-live
            }
            assertThat(docs).as("docs/spring.md lists %s", name).contains("| `" + name + "` |");
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(22);
    }
}
