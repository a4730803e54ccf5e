package dev.lsmkv.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.LsmEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The endpoint's actions called directly: what is refused, and why. */
class LsmEndpointTests {

    @TempDir
    Path dir;

    @TempDir
    Path engineDir;

    private LsmEngine engine;

    @BeforeEach
    void open() {
        engine = LsmEngine.open(engineDir);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void defaultAccessIsReadOnly() {
        assertThat(LsmEndpoint.class.getAnnotation(Endpoint.class).defaultAccess()).isEqualTo(Access.READ_ONLY);
    }

    @Test
    void checkpointWithoutABackupDirIsRefusedNamingTheProperty() {
        LsmEndpoint endpoint = new LsmEndpoint(engine);
        assertThatThrownBy(() -> endpoint.run("checkpoint", "x"))
                .isInstanceOf(InvalidEndpointRequestException.class)
                .hasMessageContaining("set lsm.backup-dir")
                .satisfies(e -> assertThat(((InvalidEndpointRequestException) e).getReason()).contains("lsm.backup-dir"));
    }

    @Test
    void unsafeNamesAreRefusedBeforeAnythingIsCreated() throws Exception {
        Path backups = dir.resolve("backups");
        LsmEndpoint endpoint = new LsmEndpoint(engine, backups);
        for (String name : new String[] {"..", "../x", "a/b", "a\\b", "/abs", ".dot", "a..b", "with space", "x".repeat(101)}) {
            assertThatThrownBy(() -> endpoint.run("checkpoint", name)).as(name)
                    .isInstanceOf(InvalidEndpointRequestException.class).hasMessageContaining("invalid checkpoint name");
        }
        assertThat(Files.exists(backups)).isFalse();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void unknownActionNamesTheActionsThereAre() {
        LsmEndpoint endpoint = new LsmEndpoint(engine);
        assertThatThrownBy(() -> endpoint.run("explode", null))
                .hasMessageContaining("unknown action 'explode': expected compact, flush or checkpoint");
    }

    @Test
    void webExtensionAnswersARefusalWith400AndTheReasonInTheBody() {
        LsmEndpointWebExtension web = new LsmEndpointWebExtension(new LsmEndpoint(engine));
        WebEndpointResponse<?> refused = web.run("explode", null);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getBody().toString()).contains("expected compact, flush or checkpoint");
        WebEndpointResponse<?> flushed = web.run("Flush", null);
        assertThat(flushed.getStatus()).isEqualTo(200);
        assertThat(flushed.getBody().toString()).contains("action=flush");
    }
}
