package dev.lsmkv.spring.compat;

import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import dev.lsmkv.spring.autoconfigure.LsmAutoConfiguration;
import dev.lsmkv.spring.autoconfigure.LsmRepositoriesAutoConfiguration;
import dev.lsmkv.spring.compat.domain.CompatDomain;
import dev.lsmkv.spring.core.JacksonEntityCodec;
import dev.lsmkv.spring.core.LsmKeyValueAdapter;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.keyvalue.core.KeyValueTemplate;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;

/**
 * How the compatibility tests wire the lsm store, the way a user would: a real engine in a
 * temporary directory (fsync off for speed) with an adapter and a template over it, or a Boot
 * context with the starter's auto-configurations and {@code lsm.data-dir} pointing at the
 * directory. Reopening the same directory is a real restart.
 */
final class CompatStore implements AutoCloseable {

    static final EngineOptions OPTIONS = EngineOptions.builder().syncMode(SyncMode.NONE).build();

    private final Path dir;
    private LsmEngine engine;

    CompatStore(Path dir) {
        this.dir = dir;
        this.engine = LsmEngine.open(dir, OPTIONS);
    }

    LsmEngine engine() {
        return engine;
    }

    /** Closes the engine and opens the same directory again (an application restart). */
    LsmEngine restart() {
        engine.close();
        engine = LsmEngine.open(dir, OPTIONS);
        return engine;
    }

    /** {@code new LsmKeyValueAdapter(engine)}: JSON codec, no mapping context. */
    LsmKeyValueAdapter plainAdapter() {
        return new LsmKeyValueAdapter(engine);
    }

    /** The adapter as the starter builds it: JSON codec and the template's mapping context. */
    LsmKeyValueAdapter adapter(KeyValueMappingContext<?, ?> mappingContext) {
        return new LsmKeyValueAdapter(engine, JacksonEntityCodec.json(), mappingContext);
    }

    /** A template over an adapter that shares the template's mapping context (the starter's wiring). */
    KeyValueTemplate template() {
        KeyValueMappingContext<?, ?> context = new KeyValueMappingContext<>();
        return new KeyValueTemplate(adapter(context), context);
    }

    /** A template over {@code new LsmKeyValueAdapter(engine)} (the template makes its own mapping context). */
    KeyValueTemplate plainTemplate() {
        return new KeyValueTemplate(plainAdapter());
    }

    @Override
    public void close() {
        engine.close();
    }

    /**
     * A Boot context runner with the starter's store and repository auto-configurations, scanning
     * {@link CompatDomain}'s package for repositories, with the store in {@code dir}. Every
     * context of one runner opens the same directory, so two runs are an application restart.
     */
    static ApplicationContextRunner bootRunner(Path dir) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LsmAutoConfiguration.class,
                        LsmRepositoriesAutoConfiguration.class))
                .withUserConfiguration(DomainPackage.class)
                .withPropertyValues("lsm.data-dir=" + dir, "lsm.sync-mode=none");
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = CompatDomain.class)
    static class DomainPackage {
    }
}
