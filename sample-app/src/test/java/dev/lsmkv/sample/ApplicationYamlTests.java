package dev.lsmkv.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * application.yaml promises every lsm.* key with its default: checked against the starter's
 * generated configuration metadata, so a key added to the starter shows up here as a failure.
 */
class ApplicationYamlTests {

    @Test
    void applicationYamlListsEveryLsmPropertyWithItsDefault() throws Exception {
        Map<String, Object> yaml = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/application.yaml")) {
            flatten("", new Yaml().load(in), yaml);
        }
        JsonNode metadata = lsmMetadata();
        int checked = 0;
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            if (!name.startsWith("lsm.") || name.equals("lsm.keyspaces")) {
                continue; // keyspaces is a map with no default; the sample sets one entry of it
            }
            if (property.has("deprecation")) {
                assertThat(yaml).as("application.yaml uses the replacement of %s", name).doesNotContainKey(name);
                continue;
            }
            assertThat(yaml).as("application.yaml sets %s", name).containsKey(name);
            JsonNode defaultValue = property.get("defaultValue");
            if (name.equals("lsm.backup-dir")) {
                assertThat(defaultValue).as("no default: checkpoints are off unless configured").isNull();
            }
            if (defaultValue != null) {
                assertThat(String.valueOf(yaml.get(name))).as("default of %s", name)
                        .isEqualToIgnoringCase(defaultValue.asString());
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
        assertThat(yaml).containsEntry("lsm.keyspaces.clicks.time-to-live", "7d");
    }

    private static JsonNode lsmMetadata() throws Exception {
        Enumeration<URL> files = ApplicationYamlTests.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                JsonNode node = JsonMapper.builder().build().readTree(in);
                for (JsonNode group : node.path("groups")) {
                    if (group.path("name").asString().equals("lsm")) {
                        return node;
                    }
                }
            }
        }
        throw new AssertionError("no configuration metadata of the lsm starter on the class path");
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else {
            out.put(prefix, value);
        }
    }
}
