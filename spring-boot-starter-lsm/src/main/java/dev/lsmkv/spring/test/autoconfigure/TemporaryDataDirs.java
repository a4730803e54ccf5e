package dev.lsmkv.spring.test.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary data directories of test contexts, removed when the JVM exits (after every context has closed its engine). */
final class TemporaryDataDirs {

    private TemporaryDataDirs() {
    }

    static Path create() {
        try {
            Path dir = Files.createTempDirectory("lsm-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "lsm-test-dir-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary lsm.data-dir for a test context: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the directory is in the temporary-file area anyway
        }
    }
}
