package dev.lsmkv.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.autoconfigure.LsmProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The {@code lsm} endpoint exposed with nothing else set: reads work, the write operation
 * (compact, flush, checkpoint) does not exist, so an anonymous POST runs nothing. Also checks
 * that a test context without {@code lsm.data-dir} gets a temporary directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=health,lsm", "server.address=127.0.0.1"})
class ActuatorDefaultAccessIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    LsmEngine engine;

    @Autowired
    LsmProperties properties;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readIsAllowedAndEveryWriteIsRefusedByDefault() throws Exception {
        HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/lsm"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("\"levels\"");

        long flushes = engine.stats().flushes();
        for (String action : new String[] {"flush", "compact", "checkpoint"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/lsm"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"" + action + "\",\"name\":\"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(action).isEqualTo(405);
        }
        assertThat(engine.stats().flushes()).isEqualTo(flushes);
    }

    @Test
    void aTestContextWithoutDataDirUsesAFreshTemporaryDirectory() {
        Path dir = properties.getDataDir().toAbsolutePath().normalize();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        assertThat(dir).startsWith(tmp);
        assertThat(dir.getFileName().toString()).startsWith("lsm-test-");
        assertThat(Files.exists(dir.resolve("CURRENT"))).as("the engine runs there").isTrue();
        assertThat(dir).isNotEqualTo(Path.of("lsm-data").toAbsolutePath().normalize());
    }
}
