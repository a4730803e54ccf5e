package dev.lsmkv.spring.test.autoconfigure;

import java.nio.file.Path;
import java.util.Arrays;
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
        Path dir = TemporaryDataDirs.create();
        String[] properties = Arrays.copyOf(config.getPropertySourceProperties(),
                config.getPropertySourceProperties().length + 2);
        properties[properties.length - 2] = "lsm.data-dir=" + dir;
        properties[properties.length - 1] = "lsm.sync-mode=none";
        return new MergedContextConfiguration(config.getTestClass(), config.getLocations(), config.getClasses(),
                config.getContextInitializerClasses(), config.getActiveProfiles(),
                config.getPropertySourceDescriptors(), properties, config.getContextCustomizers(),
                config.getContextLoader(), null, config.getParent());
    }
}
