package dev.lsmkv.replication.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.replication.Peer;
import dev.lsmkv.replication.ReplicatedLsmEngine;
import dev.lsmkv.replication.spring.app.Note;
import dev.lsmkv.replication.spring.app.NoteApp;
import dev.lsmkv.replication.spring.app.NoteRepository;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import dev.lsmkv.spring.autoconfigure.LsmAutoConfiguration;

/** Three application contexts, one node each, sharing a repository's data through the group. */
class LsmReplicationAutoConfigurationIntegrationTests {

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LsmReplicationAutoConfiguration.class, LsmAutoConfiguration.class));

    private static List<Peer> freePeers() throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        List<Peer> peers = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                peers.add(new Peer("n" + i, "127.0.0.1", s.getLocalPort()));
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return peers;
    }

    @Test
    void runWhenDisabledShouldKeepTheLocalEngine() {
        runner.withPropertyValues("lsm.data-dir=" + dir.resolve("local"), "lsm.sync-mode=none").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(LsmEngine.class);
            assertThat(context.getBean(LsmEngine.class)).isNotInstanceOf(ReplicatedLsmEngine.class);
        });
    }

    @Test
    void runWhenSelfIsNotAPeerShouldFailNamingTheProperty() {
        runner.withPropertyValues("lsm.data-dir=" + dir.resolve("bad"), "lsm.replication.enabled=true",
                "lsm.replication.peers=n1@127.0.0.1:1", "lsm.replication.self=n9").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("lsm.replication.self");
                });
    }

    /** Spring Boot's system property that picks the logging system ({@code none}: leave logging alone). */
    private static final String LOGGING_SYSTEM = org.springframework.boot.logging.LoggingSystem.SYSTEM_PROPERTY;

    @Test
    void saveOnOneNodeIsFoundOnAnother() throws Exception {
        List<Peer> peers = freePeers();
        String specs = String.join(",", peers.stream().map(Peer::toString).toList());
        List<CompletableFuture<ConfigurableApplicationContext>> starting = new ArrayList<>();
        // Three Spring Boot start-ups at once each reset Logback's one shared LoggerContext, which
        // is not thread-safe (one run failed in LoggerContext.reset with an ArrayList index error):
        // the contexts leave logging as it is.
        String loggingSystem = System.setProperty(LOGGING_SYSTEM, org.springframework.boot.logging.LoggingSystem.NONE);
        for (Peer p : peers) { // together: each context's start-up needs a leader, so a majority running
            starting.add(CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(NoteApp.class)
                    .web(WebApplicationType.NONE)
                    .properties("lsm.data-dir=" + dir.resolve(p.id()), "lsm.sync-mode=none",
                            "lsm.replication.enabled=true", "lsm.replication.peers=" + specs,
                            "lsm.replication.self=" + p.id(),
                            "lsm.replication.election-timeout-min=300ms", "lsm.replication.election-timeout-max=600ms",
                            "lsm.replication.request-timeout=30s", "spring.main.banner-mode=off")
                    .run()));
        }
        List<ConfigurableApplicationContext> contexts = new ArrayList<>();
        try {
            try {
                for (CompletableFuture<ConfigurableApplicationContext> f : starting) {
                    contexts.add(f.get());
                }
            } finally {
                if (loggingSystem == null) {
                    System.clearProperty(LOGGING_SYSTEM);
                } else {
                    System.setProperty(LOGGING_SYSTEM, loggingSystem);
                }
            }
            assertThat(contexts.get(0).getBean(LsmEngine.class)).isInstanceOf(ReplicatedLsmEngine.class);
            contexts.get(0).getBean(NoteRepository.class).save(new Note("1", "hello"));
            contexts.get(1).getBean(NoteRepository.class).save(new Note("2", "world"));
            NoteRepository third = contexts.get(2).getBean(NoteRepository.class);
            assertThat(third.findById("1")).contains(new Note("1", "hello"));
            assertThat(third.findAll()).containsExactlyInAnyOrder(new Note("1", "hello"), new Note("2", "world"));
            for (ConfigurableApplicationContext ctx : contexts) { // counts writes made through every node
                assertThat(ctx.getBean(NoteRepository.class).count()).isEqualTo(2);
            }
            assertThat(contexts.get(1).getBean(NoteRepository.class).findByText("hello")).containsExactly(new Note("1", "hello"));
            third.deleteById("1");
            assertThat(contexts.get(0).getBean(NoteRepository.class).findById("1")).isEmpty();
            assertThat(contexts.get(1).getBean(NoteRepository.class).count()).isEqualTo(1);

            LsmReplicationHealthIndicator health = contexts.get(1).getBean(LsmReplicationHealthIndicator.class);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Health h = health.health(true);
                assertThat(h.getStatus()).isEqualTo(Status.UP);
                assertThat(h.getDetails()).containsKeys("role", "leader", "commitIndex", "appliedIndex", "lag")
                        .containsEntry("self", "n2");
            });
        } finally {
            contexts.parallelStream().forEach(ConfigurableApplicationContext::close);
            for (CompletableFuture<ConfigurableApplicationContext> f : starting) {
                f.thenAccept(ConfigurableApplicationContext::close);
            }
        }
    }
}
