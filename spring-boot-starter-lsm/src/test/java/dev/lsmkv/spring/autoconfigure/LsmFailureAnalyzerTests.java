package dev.lsmkv.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.LsmException;
import dev.lsmkv.engine.util.Coding;
import dev.lsmkv.engine.util.Crc32c;
import dev.lsmkv.engine.wal.LogFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

/**
 * Start-up failures end in Boot's "APPLICATION FAILED TO START" summary with an action: the
 * analyzer against the exceptions the engine really throws, and whole applications started with
 * a locked directory or bad property values (bound by the real binder).
 */
@ExtendWith(OutputCaptureExtension.class)
class LsmFailureAnalyzerTests {

    @TempDir
    Path dir;

    private final LsmFailureAnalyzer analyzer = new LsmFailureAnalyzer(new MockEnvironment().withProperty("lsm.data-dir", "/srv/app/data"));

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("wrapped", failure));
        assertThat(analysis).as("analyzed: %s", failure).isNotNull();
        assertThat(analysis.getDescription()).contains("/srv/app/data").contains(failure.getMessage());
        return analysis;
    }

    @Test
    void lockedDirectorySaysToStopTheOtherEngineOrMoveTheDirectory() {
        try (LsmEngine first = LsmEngine.open(dir)) {
            Throwable second = catchThrowable(() -> LsmEngine.open(dir).close());
            assertThat(second).isInstanceOf(LsmException.class);
            assertThat(analyze(second).getAction()).contains("Another engine has this directory open")
                    .contains("lsm.data-dir");
        }
    }

    @Test
    void corruptFileSaysToRestoreFromABackup() throws Exception {
        try (LsmEngine db = LsmEngine.open(dir)) {
            db.put(b("k"), b("v"));
            db.flush();
        }
        Path manifest = only("MANIFEST-");
        byte[] bytes = Files.readAllBytes(manifest);
        for (int i = LogFormat.HEADER_SIZE; i < LogFormat.HEADER_SIZE + 12; i++) {
            bytes[i] ^= (byte) 0x5A; // inside the header record: its checksum no longer matches
        }
        Files.write(manifest, bytes);
        Throwable failure = catchThrowable(() -> LsmEngine.open(dir).close());
        assertThat(failure).isInstanceOf(CorruptionException.class);
        assertThat(analyze(failure).getAction()).contains("failed verification").contains("Restore the data directory from a backup")
                .contains("checkpoint");
    }

    @Test
    void newerFormatVersionSaysToRunTheNewerVersion() throws Exception {
        try (LsmEngine db = LsmEngine.open(dir)) {
            db.put(b("k"), b("in the wal"));
        }
        Path wal = only(".log");
        byte[] bytes = Files.readAllBytes(wal);
        int length = (bytes[4] & 0xFF) | (bytes[5] & 0xFF) << 8;
        int type = bytes[6] & 0xFF;
        Coding.putFixed32(bytes, LogFormat.HEADER_SIZE + 8, LogFormat.PREALLOCATED_WAL_VERSION + 1);
        Coding.putFixed32(bytes, 0, Crc32c.mask(Crc32c.value(type, bytes, LogFormat.HEADER_SIZE, length)));
        Files.write(wal, bytes);
        Throwable failure = catchThrowable(() -> LsmEngine.open(dir).close());
        assertThat(failure).isInstanceOf(LsmException.class).isNotInstanceOf(CorruptionException.class);
        assertThat(analyze(failure).getAction()).contains("written by a newer lsmkv");
    }

    @Test
    void directoryThatIsNotAStoreSaysToUseAnEmptyOne() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Throwable failure = catchThrowable(() -> LsmEngine.open(dir).close());
        assertThat(analyze(failure).getAction()).contains("empty or new directory");
    }

    @Test
    void otherExceptionsAreLeftToOtherAnalyzers() {
        assertThat(analyzer.analyze(new IllegalArgumentException("not ours"))).isNull();
    }

    // ---------------------------------------------------------------- whole applications

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(LsmAutoConfiguration.class)
    static class StoreOnly {
    }

    private static void start(String... args) {
        SpringApplication app = new SpringApplication(StoreOnly.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        Throwable failure = catchThrowable(() -> app.run(args).close());
        assertThat(failure).as("start-up fails").isNotNull();
    }

    @Test
    void applicationOnALockedDirectoryPrintsTheSummaryWithTheAction(CapturedOutput output) {
        try (LsmEngine running = LsmEngine.open(dir)) {
            start("--lsm.data-dir=" + dir);
        }
        assertThat(output).contains("APPLICATION FAILED TO START", "Description:", "the directory is locked",
                "Action:", "Another engine has this directory open");
    }

    @Test
    void badPropertyValuesPrintTheSummaryNamingTheProperty(CapturedOutput output) {
        start("--lsm.data-dir=" + dir, "--lsm.memtable-size=-1MB");
        assertThat(output).contains("APPLICATION FAILED TO START", "lsm.memtable-size", "Action:");
        start("--lsm.data-dir=" + dir, "--lsm.sync-mode=sometimes");
        assertThat(output).contains("lsm.sync-mode", "sometimes");
        start("--lsm.data-dir=" + dir, "--lsm.table.block-size=3GB");
        assertThat(output).contains("lsm.table.block-size");
        assertThat(output.toString().split("APPLICATION FAILED TO START", -1)).hasSize(4);
    }

    private Path only(String part) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(part)).findFirst().orElseThrow();
        }
    }
}
