package dev.lsmkv.spring.test.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Bootstraps a {@link DataLsmTest}: gives the context {@code lsm.data-dir} pointing at a new
 * temporary directory unless the test sets one.
 */
class DataLsmTestContextBootstrapper extends TestSliceTestContextBootstrapper<DataLsmTest> {

    @Override
    protected MergedContextConfiguration processMergedContextConfiguration(MergedContextConfiguration merged) {
        MergedContextConfiguration config = super.processMergedContextConfiguration(merged);
        boolean hasDir = Arrays.stream(config.getPropertySourceProperties())
                .anyMatch(p -> p.startsWith("lsm.data-dir=") || p.startsWith("lsm.dataDir="));
        if (hasDir) {
            return config;
        }
        Path dir = tempDir();
        String[] properties = Arrays.copyOf(config.getPropertySourceProperties(),
                config.getPropertySourceProperties().length + 2);
        properties[properties.length - 2] = "lsm.data-dir=" + dir;
        properties[properties.length - 1] = "lsm.sync-mode=none";
        return new MergedContextConfiguration(config.getTestClass(), config.getLocations(), config.getClasses(),
                config.getContextInitializerClasses(), config.getActiveProfiles(),
                config.getPropertySourceDescriptors(), properties, config.getContextCustomizers(),
                config.getContextLoader(), null, config.getParent());
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("lsm-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
