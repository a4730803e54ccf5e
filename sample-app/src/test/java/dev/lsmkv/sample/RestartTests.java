package dev.lsmkv.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Whole application runs (random port) on one data directory, one after the other: what the
 * first wrote, the second finds. Also the demo-data flag and the clicks keyspace's default TTL.
 */
class RestartTests {

    @TempDir
    Path dataDir;

    private static ConfigurableApplicationContext start(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--lsm.data-dir=" + dir));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(String[]::new));
    }

    private static Http http(ConfigurableApplicationContext context) {
        return new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void linksSurviveARestartOnTheSameDataDirectory() {
        String code;
        String expiring;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            Http http = http(first);
            code = http.create("https://example.com/kept", "restart-owner", null).get("code").asString();
            expiring = http.create("https://example.com/kept-for-an-hour", "restart-owner", 3600L)
                    .get("code").asString();
            assertThat(http.get("/r/" + code).statusCode()).isEqualTo(302);
            assertThat(http.get("/r/" + code).statusCode()).isEqualTo(302);
        }
        try (ConfigurableApplicationContext second = start(dataDir)) {
            Http http = http(second);
            JsonNode link = Http.json(http.get("/api/links/" + code));
            assertThat(link.get("url").asString()).isEqualTo("https://example.com/kept");
            assertThat(link.get("clicks").asLong()).isEqualTo(2);
            assertThat(http.get("/api/links/" + expiring).statusCode()).isEqualTo(200);
            assertThat(http.get("/r/" + code).statusCode()).isEqualTo(302);
            JsonNode page = Http.json(http.get("/api/links?owner=restart-owner"));
            assertThat(page.get("totalElements").asLong()).isEqualTo(2);
            assertThat(Http.json(http.get("/api/links/" + code + "/clicks")).size()).isEqualTo(3);
        }
    }

    @Test
    void demoDataIsLoadedOnceInTheBackground() throws Exception {
        try (ConfigurableApplicationContext first = start(dataDir, "--sample.demo-links=40")) {
            awaitDemoLinks(http(first), 40);
        }
        try (ConfigurableApplicationContext second = start(dataDir, "--sample.demo-links=40")) {
            Thread.sleep(1000);
            assertThat(demoLinks(http(second))).isEqualTo(40); // not loaded twice
        }
    }

    @Test
    void clickEventsLiveForTheKeyspaceDefaultTimeToLive() throws Exception {
        try (ConfigurableApplicationContext app = start(dataDir, "--lsm.keyspaces.clicks.time-to-live=1s")) {
            Http http = http(app);
            String code = http.create("https://example.com/clicked", "ttl-owner", null).get("code").asString();
            http.get("/r/" + code);
            assertThat(Http.json(http.get("/api/links/" + code + "/clicks")).size()).isEqualTo(1);
            Thread.sleep(1500);
            assertThat(Http.json(http.get("/api/links/" + code + "/clicks")).size()).isZero();
            assertThat(Http.json(http.get("/api/links/" + code)).get("clicks").asLong()).isEqualTo(1); // link stays
        }
    }

    private static void awaitDemoLinks(Http http, long expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (demoLinks(http) < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(demoLinks(http)).isEqualTo(expected);
    }

    private static long demoLinks(Http http) {
        long total = 0;
        for (String owner : DemoData.OWNERS) {
            total += Http.json(http.get("/api/links?owner=" + owner)).get("totalElements").asLong();
        }
        return total;
    }
}
