package dev.lsmkv.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/** The actuator endpoint, health component and meters through a web server on a random port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=health,lsm",
                "management.endpoint.health.show-details=always", "lsm.sync-mode=none"})
class ActuatorIntegrationTests {

    static Path dir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("lsm-actuator-");
        registry.add("lsm.data-dir", dir::toString);
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
        assertThat(stats.body()).contains("\"levels\"", "\"writeAmplification\"", "\"blockCacheHitRatio\"", "\"stalls\"");

        HttpResponse<String> flush = post("/actuator/lsm", "{\"action\":\"flush\"}");
        assertThat(flush.statusCode()).isEqualTo(200);
        assertThat(flush.body()).contains("\"action\":\"flush\"");
        assertThat(post("/actuator/lsm", "{\"action\":\"compact\"}").statusCode()).isEqualTo(200);
        assertThat(post("/actuator/lsm", "{\"action\":\"explode\"}").statusCode()).isEqualTo(400);
        assertThat(items.findByCategory("c1")).hasSize(33);
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
        assertThat(registry.find("lsm.level.files").tag("level", "0").tag("name", "lsmEngine").gauge()).isNotNull();
    }
}
