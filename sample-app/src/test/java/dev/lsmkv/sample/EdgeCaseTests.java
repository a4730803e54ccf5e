package dev.lsmkv.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The rough edges a newcomer finds first, through a real server on 127.0.0.1: HEAD must not count
 * a click, long and internationalised URLs, error pages that are problem+json whatever went
 * wrong, and the actuator answering for itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@DirtiesContext // close the engine before @TempDir removes its directory
class EdgeCaseTests {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void lsm(DynamicPropertyRegistry registry) {
        registry.add("lsm.data-dir", () -> root.resolve("data").toString());
        registry.add("lsm.backup-dir", () -> root.resolve("backups").toString());
    }

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).as(r.uri().toString()).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(Http.json(r).get("status").asInt()).isEqualTo(status);
    }

    @Test
    void headOfAShortLinkAnswersLikeGetButCountsNoClick() {
        String code = http.create("https://example.com/head", "hank", null).get("code").asString();
        HttpResponse<String> head = http.head("/r/" + code);
        assertThat(head.statusCode()).isEqualTo(302);
        assertThat(head.headers().firstValue("Location")).hasValue("https://example.com/head");
        assertThat(http.head("/r/zzzzzzz").statusCode()).isEqualTo(404);
        assertThat(Http.json(http.get("/api/links/" + code)).get("clicks").asLong()).isZero();
        assertThat(Http.json(http.get("/api/links/" + code + "/clicks")).size()).isZero();
        http.get("/r/" + code);
        assertThat(Http.json(http.get("/api/links/" + code)).get("clicks").asLong()).isEqualTo(1);
    }

    @Test
    void aTooLongUrlIsRefusedNamingTheRealLimit() {
        String url = "https://example.com/" + "a".repeat(2 * 1024 * 1024);
        HttpResponse<String> r = http.post("/api/links", "{\"url\":\"" + url + "\",\"owner\":\"ivy\"}");
        assertProblem(r, 400);
        assertThat(Http.json(r).get("errors").get("url").asString()).contains("2048 characters")
                .doesNotContain("absolute http or https");
    }

    @Test
    void internationalisedHostsAreAcceptedAndRedirectInTheirAsciiForm() {
        JsonNode link = http.create("https://bücher.example/straße?q=ä", "ivy", null);
        assertThat(link.get("url").asString()).isEqualTo("https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%A4");
        HttpResponse<String> r = http.get("/r/" + link.get("code").asString());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%A4");
    }

    @Test
    void badUrlsSayWhatIsWrong() {
        assertThat(urlError("ftp://example.com/x")).contains("http or https").contains("ftp");
        assertThat(urlError("/relative/path")).contains("absolute");
        assertThat(urlError("https://")).containsAnyOf("host", "not a valid URL");
        assertThat(urlError("https://exa mple.com/")).contains("not a valid URL");
    }

    private String urlError(String url) {
        HttpResponse<String> r = http.post("/api/links", "{\"url\":\"" + url + "\",\"owner\":\"ivy\"}");
        assertProblem(r, 400);
        return Http.json(r).get("errors").get("url").asString();
    }

    @Test
    void errorsOutsideTheControllersAreProblemJsonToo() {
        assertProblem(http.post("/api/links", "text/plain", "https://example.com/"), 415);
        assertProblem(http.get("/r/"), 404);
        assertProblem(http.get("/r/%00"), 400); // refused by Tomcat before Spring sees it
        assertProblem(http.get("/no/such/page"), 404);
        assertProblem(http.delete("/r/abc"), 405);
    }

    @Test
    void actuatorRequestsGetTheActuatorsAnswerNotTheLinkApis() {
        HttpResponse<String> unknown = http.post("/actuator/lsm", "{\"action\":\"explode\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("expected compact, flush or checkpoint").doesNotContain("url");
        HttpResponse<String> notJson = http.post("/actuator/lsm", "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).doesNotContain("\"url\"", "ttlSeconds", "owner");
        for (String name : List.of("../x", "a/b")) {
            HttpResponse<String> bad = http.post("/actuator/lsm", "{\"action\":\"checkpoint\",\"name\":\"" + name + "\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("invalid checkpoint name");
        }
        HttpResponse<String> checkpoint = http.post("/actuator/lsm", "{\"action\":\"checkpoint\",\"name\":\"edge-1\"}");
        assertThat(checkpoint.statusCode()).as(checkpoint.body()).isEqualTo(200);
        assertThat(root.resolve("backups").resolve("edge-1").resolve("CURRENT")).exists();
    }
}
