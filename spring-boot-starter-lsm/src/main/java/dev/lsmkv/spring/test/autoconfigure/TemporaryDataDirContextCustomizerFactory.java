package dev.lsmkv.spring.test.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every test context whose environment has no {@code lsm.data-dir} a fresh temporary data
 * directory, so that start.spring.io's generated
 * {@code @SpringBootTest contextLoads()} neither writes into the application's real
 * {@code ./lsm-data} nor fails because the running application holds its lock.
 *
 * <p>Detection: Spring's TestContext framework (JUnit's {@code SpringExtension}, behind
 * {@code @SpringBootTest} and every test slice) is the only caller of a
 * {@link ContextCustomizerFactory} registered in {@code META-INF/spring.factories}; an
 * application started any other way never runs this class. The check runs once the
 * environment is complete (application.properties/yaml, profiles, test properties, dynamic
 * properties, environment variables), so any {@code lsm.data-dir} set anywhere wins.
 */
class TemporaryDataDirContextCustomizerFactory implements ContextCustomizerFactory {

    static final String PROPERTY_SOURCE = "lsmTemporaryDataDir";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new TemporaryDataDirCustomizer();
    }

    /** Stateless, so equal for every test class: it never splits Spring's context cache. */
    static final class TemporaryDataDirCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            ConfigurableEnvironment environment = context.getEnvironment();
            if (environment.containsProperty("lsm.data-dir")) {
                return;
            }
            Path dir = TemporaryDataDirs.create();
            // last: a source added later (a @DynamicPropertySource, for example) still wins
            environment.getPropertySources().addLast(
                    new MapPropertySource(PROPERTY_SOURCE, Map.of("lsm.data-dir", dir.toString())));
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }
}
