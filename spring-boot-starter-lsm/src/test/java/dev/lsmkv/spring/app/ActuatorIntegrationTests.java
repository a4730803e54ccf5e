package dev.lsmkv.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.core.LsmKeyValueAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The actuator endpoint with write access granted ({@code management.endpoint.lsm.access=unrestricted}),
 * health component and meters through a web server on a random port.
 * {@link ActuatorDefaultAccessIntegrationTests} has the default, read-only access.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=health,lsm",
                "management.endpoint.lsm.access=unrestricted",
                "management.endpoint.health.show-details=always", "lsm.sync-mode=none"})
class ActuatorIntegrationTests {

    static Path dir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("lsm-actuator-");
        registry.add("lsm.data-dir", () -> dir.resolve("data").toString());
        registry.add("lsm.backup-dir", () -> dir.resolve("backups").toString());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        FileSystemUtils.deleteRecursively(dir);
    }

    @LocalServerPort
    int port;

    @Autowired
    ItemRepository items;

    @Autowired
    MeterRegistry registry;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void endpointReturnsStatsAndRunsFlushAndCompact() throws Exception {
        for (int i = 0; i < 100; i++) {
            items.save(new Item("i" + i, "c" + (i % 3), i));
        }
        HttpResponse<String> stats = get("/actuator/lsm");
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("\"levels\"", "\"writeAmplification\"", "\"spaceAmplification\"", "\"blockCacheHitRatio\"", "\"stalls\"");

        HttpResponse<String> flush = post("/actuator/lsm", "{\"action\":\"flush\"}");
        assertThat(flush.statusCode()).isEqualTo(200);
        assertThat(flush.body()).contains("\"action\":\"flush\"");
        assertThat(post("/actuator/lsm", "{\"action\":\"compact\"}").statusCode()).isEqualTo(200);
        assertThat(items.findByCategory("c1")).hasSize(33);
    }

    @Test
    void unknownActionIs400WithTheReason() throws Exception {
        HttpResponse<String> r = post("/actuator/lsm", "{\"action\":\"explode\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("expected compact, flush or checkpoint");
    }

    @Test
    void checkpointWritesAnOpenableCopyUnderTheBackupDir() throws Exception {
        for (int i = 0; i < 50; i++) {
            items.save(new Item("cp" + i, "checkpointed", i));
        }
        HttpResponse<String> r = post("/actuator/lsm", "{\"action\":\"checkpoint\",\"name\":\"nightly-1\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Path copy = dir.resolve("backups").resolve("nightly-1");
        assertThat(r.body()).contains("\"action\":\"checkpoint\"", "\"name\":\"nightly-1\"");
        items.save(new Item("after", "checkpointed", 99)); // not in the copy

        // restore = open the checkpoint directory as a data directory
        try (LsmEngine restored = LsmEngine.open(copy)) {
            LsmKeyValueAdapter adapter = new LsmKeyValueAdapter(restored);
            assertThat(adapter.get("cp7", Item.class.getName(), Item.class)).isNotNull()
                    .extracting(Item::category).isEqualTo("checkpointed");
            assertThat(adapter.get("after", Item.class.getName(), Item.class)).isNull();
        }
        HttpResponse<String> again = post("/actuator/lsm", "{\"action\":\"checkpoint\",\"name\":\"nightly-1\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("already exists");
    }

    @Test
    void checkpointNamesThatAreNotOneSafePathSegmentAreRefused() throws Exception {
        for (String name : List.of("../escape", "..", ".", "a/b", "a\\\\b", "/tmp/x", "", " ", ".hidden", "a..b",
                "x".repeat(101), "na\\u0000me", "caf\\u00e9")) {
            HttpResponse<String> r = post("/actuator/lsm", "{\"action\":\"checkpoint\",\"name\":\"" + name + "\"}");
            assertThat(r.statusCode()).as(name).isEqualTo(400);
            assertThat(r.body()).as(name).containsAnyOf("invalid checkpoint name", "checkpoint needs a name");
        }
        HttpResponse<String> noName = post("/actuator/lsm", "{\"action\":\"checkpoint\"}");
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(noName.body()).contains("checkpoint needs a name");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).isSubsetOf("data", "backups");
        }
        if (Files.isDirectory(dir.resolve("backups"))) {
            try (Stream<Path> made = Files.list(dir.resolve("backups"))) {
                assertThat(made.map(p -> p.getFileName().toString())).doesNotContain("escape", "x", "a", "b", "me");
            }
        }
    }

    @Test
    void healthHasAnLsmComponentWithDetails() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"lsm\"", "\"dataDir\"", "\"free\"");
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void metersArePublished() {
        items.save(new Item("m", "x", 1));
        assertThat(registry.find("lsm.operations").tag("operation", "put").functionCounter()).isNotNull();
        assertThat(registry.find("lsm.operations").tag("operation", "put").functionCounter().count()).isPositive();
        assertThat(registry.find("lsm.live.data.size").gauge()).isNotNull();
        assertThat(registry.find("lsm.space.amplification").gauge()).isNotNull();
        assertThat(registry.find("lsm.level.files").tag("level", "0").tag("name", "lsmEngine").gauge()).isNotNull();
    }
}
