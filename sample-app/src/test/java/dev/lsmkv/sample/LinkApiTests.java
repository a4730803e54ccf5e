package dev.lsmkv.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Every endpoint of the sample through a real server on a random port, bad inputs included. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // close the engine before @TempDir removes its directory
class LinkApiTests {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void lsm(DynamicPropertyRegistry registry) {
        registry.add("lsm.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static String owner() {
        return "owner-" + UUID.randomUUID();
    }

    @Test
    void createAnswers201WithLocationAndTheLink() {
        HttpResponse<String> r = http.post("/api/links",
                "{\"url\":\"https://example.com/a?b=c\",\"owner\":\"alice\",\"ttlSeconds\":3600}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode link = Http.json(r);
        String code = link.get("code").asString();
        assertThat(code).matches("[0-9A-Za-z]{7}");
        assertThat(r.headers().firstValue("Location")).hasValue("http://127.0.0.1:" + port + "/api/links/" + code);
        assertThat(link.get("url").asString()).isEqualTo("https://example.com/a?b=c");
        assertThat(link.get("owner").asString()).isEqualTo("alice");
        assertThat(link.get("clicks").asLong()).isZero();
        assertThat(link.get("ttlSeconds").asLong()).isEqualTo(3600);
        assertThat(link.get("shortUrl").asString()).endsWith("/r/" + code);
        Instant created = Instant.parse(link.get("createdAt").asString());
        assertThat(Instant.parse(link.get("expiresAt").asString())).isEqualTo(created.plusSeconds(3600));
    }

    @Test
    void createWithoutTtlNeverExpires() {
        JsonNode link = http.create("https://example.com/", "alice", null);
        assertThat(link.get("ttlSeconds").isNull()).isTrue();
        assertThat(link.get("expiresAt").isNull()).isTrue();
    }

    @Test
    void badUrlIs400NamingTheField() {
        for (String url : List.of("not a url", "ftp://example.com/x", "https://", "/relative/path", "")) {
            HttpResponse<String> r = http.post("/api/links", "{\"url\":\"" + url + "\",\"owner\":\"alice\"}");
            assertThat(r.statusCode()).as(url).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/problem+json"));
            JsonNode errors = Http.json(r).get("errors");
            assertThat(errors.has("url")).as(url).isTrue();
            assertThat(errors.has("owner")).isFalse();
        }
    }

    @Test
    void missingOwnerIs400NamingTheField() {
        for (String body : List.of("{\"url\":\"https://example.com/\"}",
                "{\"url\":\"https://example.com/\",\"owner\":\"  \"}")) {
            HttpResponse<String> r = http.post("/api/links", body);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Http.json(r).get("errors").has("owner")).isTrue();
        }
        JsonNode both = Http.json(http.post("/api/links", "{}")).get("errors");
        assertThat(both.has("url")).isTrue();
        assertThat(both.has("owner")).isTrue();
    }

    @Test
    void otherBadBodiesAre400() {
        HttpResponse<String> negativeTtl = http.post("/api/links",
                "{\"url\":\"https://example.com/\",\"owner\":\"a\",\"ttlSeconds\":-5}");
        assertThat(negativeTtl.statusCode()).isEqualTo(400);
        assertThat(Http.json(negativeTtl).get("errors").has("ttlSeconds")).isTrue();
        HttpResponse<String> textTtl = http.post("/api/links",
                "{\"url\":\"https://example.com/\",\"owner\":\"a\",\"ttlSeconds\":\"soon\"}");
        assertThat(textTtl.statusCode()).isEqualTo(400);
        assertThat(Http.json(textTtl).get("errors").has("ttlSeconds")).isTrue();
        assertThat(http.post("/api/links", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void getReturnsTheLinkWithClicks() {
        String code = http.create("https://example.com/get", "bob", null).get("code").asString();
        http.get("/r/" + code);
        http.get("/r/" + code);
        HttpResponse<String> r = http.get("/api/links/" + code);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode link = Http.json(r);
        assertThat(link.get("code").asString()).isEqualTo(code);
        assertThat(link.get("url").asString()).isEqualTo("https://example.com/get");
        assertThat(link.get("clicks").asLong()).isEqualTo(2);
    }

    @Test
    void followRedirectsWith302AndCountsTheClick() {
        String code = http.create("https://example.com/target?q=1", "carol", 3600L).get("code").asString();
        HttpResponse<String> r = http.get("/r/" + code);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("https://example.com/target?q=1");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(Http.json(http.get("/api/links/" + code)).get("clicks").asLong()).isEqualTo(1);
        JsonNode events = Http.json(http.get("/api/links/" + code + "/clicks"));
        assertThat(events.size()).isEqualTo(1);
        assertThat(events.get(0).get("code").asString()).isEqualTo(code);
    }

    @Test
    void concurrentClicksAreAllCounted() throws Exception {
        String code = http.create("https://example.com/busy", "dave", null).get("code").asString();
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    Http client = new Http(port);
                    for (int i = 0; i < perThread; i++) {
                        assertThat(client.get("/r/" + code).statusCode()).isEqualTo(302);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(Http.json(http.get("/api/links/" + code)).get("clicks").asLong()).isEqualTo(threads * perThread);
    }

    @Test
    void listByOwnerIsASpringDataPage() {
        String owner = owner();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            codes.add(http.create("https://example.com/" + i, owner, null).get("code").asString());
        }
        http.create("https://example.com/other", owner(), null);

        JsonNode first = Http.json(http.get("/api/links?owner=" + owner + "&page=0&size=2&sort=createdAt,asc"));
        assertThat(first.get("totalElements").asLong()).isEqualTo(5);
        assertThat(first.get("totalPages").asInt()).isEqualTo(3);
        assertThat(first.get("number").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("content").size()).isEqualTo(2);
        assertThat(first.get("content").get(0).get("code").asString()).isEqualTo(codes.get(0));
        assertThat(first.get("content").get(1).get("code").asString()).isEqualTo(codes.get(1));
        assertThat(first.get("content").get(0).get("owner").asString()).isEqualTo(owner);

        JsonNode last = Http.json(http.get("/api/links?owner=" + owner + "&page=2&size=2&sort=createdAt,asc"));
        assertThat(last.get("content").size()).isEqualTo(1);
        assertThat(last.get("content").get(0).get("code").asString()).isEqualTo(codes.get(4));
        assertThat(last.get("last").asBoolean()).isTrue();

        // default sort: newest first; sort by clicks descending
        JsonNode newest = Http.json(http.get("/api/links?owner=" + owner));
        assertThat(newest.get("content").get(0).get("code").asString()).isEqualTo(codes.get(4));
        http.get("/r/" + codes.get(2));
        JsonNode byClicks = Http.json(http.get("/api/links?owner=" + owner + "&sort=clicks,desc&size=1"));
        assertThat(byClicks.get("content").get(0).get("code").asString()).isEqualTo(codes.get(2));

        JsonNode nobody = Http.json(http.get("/api/links?owner=" + owner()));
        assertThat(nobody.get("totalElements").asLong()).isZero();
        assertThat(nobody.get("content").size()).isZero();
    }

    @Test
    void listWithBadParametersIs400NamingTheParameter() {
        assertThat(Http.json(http.get("/api/links")).get("errors").has("owner")).isTrue();
        assertThat(Http.json(http.get("/api/links?owner=a&size=0")).get("errors").has("size")).isTrue();
        assertThat(Http.json(http.get("/api/links?owner=a&size=1000")).get("errors").has("size")).isTrue();
        assertThat(Http.json(http.get("/api/links?owner=a&page=-1")).get("errors").has("page")).isTrue();
        assertThat(Http.json(http.get("/api/links?owner=a&page=x")).get("errors").has("page")).isTrue();
        assertThat(Http.json(http.get("/api/links?owner=a&sort=password")).get("errors").has("sort")).isTrue();
        assertThat(http.get("/api/links?owner=a&sort=clicks,sideways").statusCode()).isEqualTo(400);
    }

    @Test
    void deleteAnswers204AndTheLinkIsGone() {
        String code = http.create("https://example.com/bye", "erin", null).get("code").asString();
        assertThat(http.delete("/api/links/" + code).statusCode()).isEqualTo(204);
        assertThat(http.get("/api/links/" + code).statusCode()).isEqualTo(404);
        assertThat(http.get("/r/" + code).statusCode()).isEqualTo(404);
        assertThat(http.delete("/api/links/" + code).statusCode()).isEqualTo(404);
        assertThat(Http.json(http.get("/api/links?owner=erin")).get("content").toString()).doesNotContain(code);
    }

    @Test
    void unknownCodesAre404() {
        for (String code : List.of("zzzzzzz", "0000000", "no-such-code", "x")) {
            assertThat(http.get("/api/links/" + code).statusCode()).as(code).isEqualTo(404);
            assertThat(http.get("/r/" + code).statusCode()).as(code).isEqualTo(404);
        }
        HttpResponse<String> r = http.get("/r/zzzzzzz");
        assertThat(Http.json(r).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void expiredLinksAre404AndClicksDoNotExtendTheirLife() throws Exception {
        String owner = owner();
        JsonNode link = http.create("https://example.com/soon-gone", owner, 2L);
        String code = link.get("code").asString();
        Instant expiresAt = Instant.parse(link.get("expiresAt").asString());
        Thread.sleep(1000);
        assertThat(http.get("/r/" + code).statusCode()).isEqualTo(302); // re-saves the link
        assertThat(Http.json(http.get("/api/links?owner=" + owner)).get("totalElements").asLong()).isEqualTo(1);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 300);
        assertThat(http.get("/api/links/" + code).statusCode()).isEqualTo(404);
        assertThat(http.get("/r/" + code).statusCode()).isEqualTo(404);
        assertThat(Http.json(http.get("/api/links?owner=" + owner)).get("totalElements").asLong()).isZero();
    }

    @Test
    void actuatorExposesLsmStatsActionsHealthAndMetrics() {
        http.create("https://example.com/stats", "frank", null);
        HttpResponse<String> stats = http.get("/actuator/lsm");
        assertThat(stats.statusCode()).isEqualTo(200);
        JsonNode s = Http.json(stats);
        assertThat(s.get("levels").isArray()).isTrue();
        assertThat(s.has("memtableBytes")).isTrue();
        assertThat(s.has("writeAmplification")).isTrue();
        assertThat(s.has("spaceAmplification")).isTrue();
        assertThat(s.has("blockCacheHitRatio")).isTrue();

        HttpResponse<String> flush = http.post("/actuator/lsm", "{\"action\":\"flush\"}");
        assertThat(flush.statusCode()).isEqualTo(200);
        assertThat(Http.json(flush).get("stats").get("totalFiles").asInt()).isPositive();
        HttpResponse<String> compact = http.post("/actuator/lsm", "{\"action\":\"compact\"}");
        assertThat(compact.statusCode()).isEqualTo(200);
        assertThat(Http.json(compact).get("stats").get("spaceAmplification").asDouble())
                .as("one sorted run after a full compaction").isEqualTo(1.0);

        JsonNode health = Http.json(http.get("/actuator/health"));
        assertThat(health.get("components").get("lsm").get("status").asString()).isEqualTo("UP");

        JsonNode metrics = Http.json(http.get("/actuator/metrics"));
        assertThat(metrics.get("names").toString()).contains("\"lsm.");
    }

    @Test
    void statusPageIsServedAtTheRoot() {
        HttpResponse<String> page = http.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("text/html"));
        assertThat(page.body()).contains("actuator/lsm", "flush", "compact", "checkpoint");
        // the figures that read as bugs on a young store are explained on the page
        assertThat(page.body()).contains("What these figures mean", "memtableEntries", "dataBytes", "spaceAmplification",
                "It stays 0 while everything is still in the memtable", "rel=\"icon\" href=\"favicon.svg\"");
        HttpResponse<String> icon = http.get("/favicon.svg");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("image/svg+xml"));
        JsonNode stats = Http.json(http.get("/actuator/lsm"));
        assertThat(stats.has("memtableEntries")).isTrue();
        assertThat(stats.get("dataBytes").asLong()).isGreaterThanOrEqualTo(stats.get("memtableBytes").asLong());
        JsonNode engine = Http.json(http.get("/api/engine"));
        assertThat(engine.get("memtableSizeBytes").asLong()).isEqualTo(64L * 1024 * 1024);
        assertThat(engine.get("keyspaceTimeToLive").get("clicks").asString()).isEqualTo("PT168H");
    }
}
