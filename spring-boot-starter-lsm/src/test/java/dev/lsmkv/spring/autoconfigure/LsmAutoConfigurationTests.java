package dev.lsmkv.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import dev.lsmkv.spring.actuate.LsmEndpoint;
import dev.lsmkv.spring.actuate.LsmEndpointWebExtension;
import dev.lsmkv.spring.actuate.LsmHealthIndicator;
import dev.lsmkv.spring.autoconfigure.health.LsmHealthContributorAutoConfiguration;
import dev.lsmkv.spring.autoconfigure.metrics.LsmMetricsAutoConfiguration;
import dev.lsmkv.spring.core.JacksonEntityCodec;
import dev.lsmkv.spring.core.LsmKeyValueAdapter;
import dev.lsmkv.spring.domain.Person;
import dev.lsmkv.spring.domain.PersonRepository;
import dev.lsmkv.spring.empty.EmptyMarker;
import dev.lsmkv.spring.repository.config.EnableLsmRepositories;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.keyvalue.core.KeyValueTemplate;
import org.springframework.data.map.MapKeyValueAdapter;
import org.springframework.util.unit.DataSize;

/** Conditions, back-offs and property binding of the starter's auto-configurations. */
class LsmAutoConfigurationTests {

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LsmAutoConfiguration.class, LsmRepositoriesAutoConfiguration.class,
                    LsmEndpointAutoConfiguration.class, LsmHealthContributorAutoConfiguration.class,
                    LsmMetricsAutoConfiguration.class))
            .withBean(LsmEngine.class, () -> LsmEngine.open(newEngineDir())); // closed with its context

    /** A fresh directory for each context's engine (field initializers run before {@code dir} is set). */
    private Path newEngineDir() {
        try {
            return java.nio.file.Files.createTempDirectory(dir, "engine");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ApplicationContextRunner withDomain() {
        return runner.withUserConfiguration(DomainConfig.class);
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Person.class)
    static class DomainConfig {
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = EmptyMarker.class)
    static class EmptyConfig {
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = EmptyMarker.class)
    @EnableLsmRepositories(basePackageClasses = Person.class)
    static class ExplicitRepositoriesConfig {
    }

    @Configuration(proxyBeanMethods = false)
    static class UserAdapterAndTemplateConfig {
        @Bean
        LsmKeyValueAdapter myAdapter(LsmEngine engine) {
            return new LsmKeyValueAdapter(engine);
        }

        @Bean
        KeyValueTemplate keyValueTemplate() {
            return new KeyValueTemplate(new MapKeyValueAdapter());
        }
    }

    // ---------------------------------------------------------------- beans and back-off

    @Test
    void runWhenDefaultShouldCreateAdapterTemplateAndRepositories() {
        withDomain().run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(LsmKeyValueAdapter.class).hasBean("keyValueTemplate")
                    .hasBean("lsmMappingContext").hasSingleBean(PersonRepository.class);
            assertThat(ctx.getBean("keyValueTemplate", KeyValueTemplate.class).getKeyValueAdapter())
                    .isSameAs(ctx.getBean(LsmKeyValueAdapter.class));
        });
    }

    @Test
    void runWhenCodecIsCborShouldWriteCborAndStillReadJson() {
        Person json = new Person(1L, "json@x.org", 30, "Oslo");
        Person cbor = new Person(2L, "cbor@x.org", 40, "Rome");
        LsmEngine shared = LsmEngine.open(dir.resolve("shared")); // one store across the three contexts
        try {
        ApplicationContextRunner store = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LsmAutoConfiguration.class, LsmRepositoriesAutoConfiguration.class))
                .withBean(LsmEngine.class, () -> shared, bd -> bd.setDestroyMethodName(""))
                .withUserConfiguration(DomainConfig.class);
        store.run(ctx -> {
            assertThat(ctx.getBean(LsmKeyValueAdapter.class).getCodec().name()).isEqualTo("json");
            ctx.getBean(PersonRepository.class).save(json);
        });
        store.withPropertyValues("lsm.codec=cbor").run(ctx -> {
            assertThat(ctx.getBean(LsmKeyValueAdapter.class).getCodec().id()).isEqualTo(JacksonEntityCodec.CBOR_ID);
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.save(cbor);
            assertThat(repo.findById(1L)).contains(json);
            byte[] stored = ctx.getBean(LsmEngine.class).get(dev.lsmkv.spring.core.LsmKeys.dataKey("people", 2L));
            assertThat(stored[0] & 0x3f).isEqualTo(JacksonEntityCodec.CBOR_ID); // low 6 bits: codec id (docs/spring.md 8.1)
        });
        store.withPropertyValues("lsm.codec=json").run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            assertThat(repo.findById(2L)).contains(cbor); // back to JSON: CBOR values still read
            assertThat(repo.findByEmail("cbor@x.org")).contains(cbor);
        });
        } finally {
            shared.close();
        }
    }

    @Test
    void runWhenUserDefinesAdapterAndTemplateShouldBackOff() {
        withDomain().withUserConfiguration(UserAdapterAndTemplateConfig.class).run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(LsmKeyValueAdapter.class).hasBean("myAdapter");
            assertThat(ctx.getBean("keyValueTemplate", KeyValueTemplate.class).getKeyValueAdapter())
                    .isInstanceOf(MapKeyValueAdapter.class);
        });
    }

    @Test
    void runWhenUserDefinesEngineShouldUseIt() {
        withDomain().run(ctx -> assertThat(ctx.getBean(LsmKeyValueAdapter.class).getEngine())
                .isSameAs(ctx.getBean(LsmEngine.class)));
    }

    @Test
    void runWhenPackageHasNoRepositoriesShouldCreateNone() {
        runner.withUserConfiguration(EmptyConfig.class)
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(PersonRepository.class));
    }

    @Test
    void runWhenEnableLsmRepositoriesIsDeclaredShouldUseItsPackages() {
        runner.withUserConfiguration(ExplicitRepositoriesConfig.class)
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(PersonRepository.class));
    }

    @Test
    void runWhenRepositoriesDisabledShouldCreateNone() {
        withDomain().withPropertyValues("lsm.repositories.enabled=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(LsmKeyValueAdapter.class)
                        .doesNotHaveBean(PersonRepository.class));
    }

    @Test
    void runWhenSpringDataKeyValueIsAbsentShouldBackOff() {
        runner.withClassLoader(new FilteredClassLoader(KeyValueTemplate.class))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(LsmKeyValueAdapter.class));
    }

    // ---------------------------------------------------------------- optional integrations

    @Test
    void runWhenActuatorIsAbsentShouldCreateNoEndpointOrHealth() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(LsmEndpoint.class)
                        .doesNotHaveBean(LsmHealthIndicator.class));
    }

    @Test
    void runWhenEndpointIsExposedShouldCreateIt() {
        runner.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=lsm")
                .run(ctx -> assertThat(ctx).hasSingleBean(LsmEndpoint.class).hasSingleBean(LsmEndpointWebExtension.class));
    }

    @Test
    void runWhenBackupDirIsInsideTheDataDirShouldFailNamingTheProperty() {
        runner.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=lsm", "lsm.data-dir=" + dir,
                        "lsm.backup-dir=" + dir.resolve("backups"))
                .run(ctx -> assertThat(ctx.getStartupFailure()).rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("lsm.backup-dir").hasMessageContaining("outside lsm.data-dir"));
        runner.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=lsm", "lsm.data-dir=" + dir.resolve("data"),
                        "lsm.backup-dir=" + dir.resolve("backups"))
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(LsmEndpoint.class));
    }

    @Test
    void runWhenEndpointIsNotExposedShouldNotCreateIt() {
        runner.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
                .run(ctx -> assertThat(ctx).doesNotHaveBean(LsmEndpoint.class));
    }

    @Test
    void runWhenHealthIndicatorIsDisabledShouldNotCreateIt() {
        runner.withPropertyValues("management.health.lsm.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(LsmHealthIndicator.class));
        runner.run(ctx -> assertThat(ctx).hasBean("lsmHealthIndicator"));
    }

    @Test
    void runWhenMeterRegistryIsPresentShouldPublishLsmMeters() {
        runner.withBean(SimpleMeterRegistry.class).run(ctx -> {
            MeterRegistry registry = ctx.getBean(MeterRegistry.class);
            ctx.getBean("lsmMetrics", io.micrometer.core.instrument.binder.MeterBinder.class).bindTo(registry);
            assertThat(registry.find("lsm.operations").tag("operation", "put").tag("name", "lsmEngine").functionCounter())
                    .isNotNull();
            assertThat(registry.find("lsm.level.files").tag("level", "0").gauge()).isNotNull();
        });
    }

    @Test
    void runWhenMicrometerIsAbsentShouldNotCreateBinder() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean("lsmMetrics"));
        runner.run(ctx -> assertThat(ctx).doesNotHaveBean("lsmMetrics")); // no registry either
    }

    // ---------------------------------------------------------------- properties

    @Test
    void propertiesBindWithDefaults() {
        runner.run(ctx -> {
            LsmProperties p = ctx.getBean(LsmProperties.class);
            assertThat(p.getDataDir()).isEqualTo(Path.of("./lsm-data"));
            assertThat(p.getSyncMode()).isEqualTo(SyncMode.ALWAYS);
            assertThat(p.getMemtableSize()).isEqualTo(DataSize.ofMegabytes(64));
            assertThat(p.getBlockCacheSize()).isEqualTo(DataSize.ofMegabytes(64));
            assertThat(p.getCompression()).isEqualTo(Compression.LZ4);
        });
    }

    @Test
    void propertiesBindFromStrings() {
        runner.withPropertyValues("lsm.data-dir=/tmp/x", "lsm.sync-mode=periodic", "lsm.sync-interval=250ms",
                "lsm.memtable-size=8MB", "lsm.block-cache-size=0", "lsm.compression=none",
                "lsm.compaction.level0-compaction-trigger=6", "lsm.compaction.target-file-size=2MB",
                "lsm.keyspaces.sessions.time-to-live=30m").run(ctx -> {
                    LsmProperties p = ctx.getBean(LsmProperties.class);
                    assertThat(p.getDataDir()).isEqualTo(Path.of("/tmp/x"));
                    assertThat(p.getSyncMode()).isEqualTo(SyncMode.PERIODIC);
                    assertThat(p.getSyncInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(p.getMemtableSize()).isEqualTo(DataSize.ofMegabytes(8));
                    assertThat(p.getBlockCacheSize().toBytes()).isZero();
                    assertThat(p.getCompression()).isEqualTo(Compression.NONE);
                    assertThat(p.getCompaction().getLevel0CompactionTrigger()).isEqualTo(6);
                    assertThat(p.getCompaction().getTargetFileSize()).isEqualTo(DataSize.ofMegabytes(2));
                    assertThat(p.getKeyspaces().get("sessions").getTimeToLive()).isEqualTo(Duration.ofMinutes(30));
                    var options = EngineOptionsFactory.create(p, java.util.List.of());
                    assertThat(options.memtableSizeBytes()).isEqualTo(8L << 20);
                    assertThat(options.syncMode()).isEqualTo(SyncMode.PERIODIC);
                    assertThat(options.level0CompactionTrigger()).isEqualTo(6);
                });
    }

    @Test
    void movedCompactionKeysStillBindToTheirNewPlaces() {
        runner.withPropertyValues("lsm.compaction.block-size=8KB", "lsm.compaction.block-restart-interval=8",
                "lsm.compaction.bloom-bits-per-key=12", "lsm.compaction.max-open-files=50",
                "lsm.compaction.max-immutable-memtables=3").run(ctx -> {
                    LsmProperties p = ctx.getBean(LsmProperties.class);
                    assertThat(p.getTable().getBlockSize()).isEqualTo(DataSize.ofKilobytes(8));
                    assertThat(p.getTable().getBlockRestartInterval()).isEqualTo(8);
                    assertThat(p.getTable().getBloomBitsPerKey()).isEqualTo(12);
                    assertThat(p.getTable().getMaxOpenFiles()).isEqualTo(50);
                    assertThat(p.getMaxImmutableMemtables()).isEqualTo(3);
                    var options = EngineOptionsFactory.create(p, java.util.List.of());
                    assertThat(options.blockSizeBytes()).isEqualTo(8192);
                    assertThat(options.bloomBitsPerKey()).isEqualTo(12);
                    assertThat(options.maxImmutableMemtables()).isEqualTo(3);
                    assertThat(options.maxOpenFiles()).isEqualTo(50);
                });
    }

    @Test
    void maxOpenFilesLeftUnsetOrEmptyTakesTheEngineDefault() {
        runner.run(ctx -> {
            LsmProperties p = ctx.getBean(LsmProperties.class);
            assertThat(p.getTable().getMaxOpenFiles()).isNull();
            assertThat(EngineOptionsFactory.create(p, java.util.List.of()).maxOpenFiles())
                    .isEqualTo(EngineOptions.defaultMaxOpenFiles());
        });
        runner.withPropertyValues("lsm.table.max-open-files=").run(ctx -> {
            LsmProperties p = ctx.getBean(LsmProperties.class);
            assertThat(EngineOptionsFactory.create(p, java.util.List.of()).maxOpenFiles())
                    .isEqualTo(EngineOptions.defaultMaxOpenFiles());
        });
    }

    @Test
    void walMmapWritesIsOnByDefaultAndCanBeTurnedOff() {
        runner.run(ctx -> assertThat(EngineOptionsFactory.create(ctx.getBean(LsmProperties.class), java.util.List.of())
                .walMmapWrites()).isTrue());
        runner.withPropertyValues("lsm.wal-mmap-writes=false").run(ctx -> assertThat(
                EngineOptionsFactory.create(ctx.getBean(LsmProperties.class), java.util.List.of()).walMmapWrites())
                .isFalse());
    }

    @Test
    void walPreallocateIsOnByDefaultAndCanBeTurnedOff() {
        runner.run(ctx -> assertThat(EngineOptionsFactory.create(ctx.getBean(LsmProperties.class), java.util.List.of())
                .walPreallocate()).isTrue());
        runner.withPropertyValues("lsm.wal-preallocate=false").run(ctx -> assertThat(
                EngineOptionsFactory.create(ctx.getBean(LsmProperties.class), java.util.List.of()).walPreallocate())
                .isFalse());
    }

    @Test
    void mmapReadsIsOffByDefaultAndReachesTheEngineWhenSet() {
        runner.run(ctx -> assertThat(EngineOptionsFactory.create(ctx.getBean(LsmProperties.class), java.util.List.of())
                .mmapReads()).isFalse());
        runner.withPropertyValues("lsm.table.mmap-reads=true").run(ctx -> {
            assertThat(EngineOptionsFactory.create(ctx.getBean(LsmProperties.class), java.util.List.of()).mmapReads())
                    .isTrue();
            LsmEngine engine = ctx.getBean(LsmEngine.class);
            engine.put("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
            engine.flush(); // the get reads the table through its mapping
            assertThat(engine.get("k".getBytes(StandardCharsets.UTF_8))).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void newTableAndMemtableKeysBind() {
        runner.withPropertyValues("lsm.table.block-size=16KB", "lsm.table.bloom-bits-per-key=0",
                "lsm.max-immutable-memtables=4", "lsm.backup-dir=/var/backups/lsm").run(ctx -> {
                    LsmProperties p = ctx.getBean(LsmProperties.class);
                    assertThat(p.getTable().getBlockSize()).isEqualTo(DataSize.ofKilobytes(16));
                    assertThat(p.getCompaction().getBlockSize()).as("the deprecated getter reads the same value")
                            .isEqualTo(DataSize.ofKilobytes(16));
                    assertThat(p.getTable().getBloomBitsPerKey()).isZero();
                    assertThat(p.getMaxImmutableMemtables()).isEqualTo(4);
                    assertThat(p.getBackupDir()).isEqualTo(Path.of("/var/backups/lsm"));
                });
    }

    @Test
    void theMemtablePointIndexIsOnByDefaultAndCanBeTurnedOff() {
        runner.run(ctx -> assertThat(EngineOptionsFactory.create(ctx.getBean(LsmProperties.class), java.util.List.of())
                .memtablePointIndex()).as("the starter's default (the engine's is off)").isTrue());
        runner.withPropertyValues("lsm.memtable-point-index=false").run(ctx -> assertThat(
                EngineOptionsFactory.create(ctx.getBean(LsmProperties.class), java.util.List.of()).memtablePointIndex())
                .isFalse());
        assertThat(dev.lsmkv.engine.EngineOptions.defaults().memtablePointIndex()).isFalse();
    }

    /** Runs the real engine bean method (no user engine) so option and directory checks apply. */
    private ApplicationContextRunner engineRunner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LsmAutoConfiguration.class));
    }

    @Test
    void runWhenSyncModeIsUnknownShouldFailNamingTheProperty() {
        engineRunner().withPropertyValues("lsm.data-dir=" + dir, "lsm.sync-mode=sometimes").run(ctx ->
                assertThat(ctx).getFailure().rootCause().hasMessageContaining("sometimes")
                        .hasMessageContaining("SyncMode"));
        engineRunner().withPropertyValues("lsm.data-dir=" + dir, "lsm.sync-mode=sometimes").run(ctx ->
                assertThat(ctx.getStartupFailure()).hasStackTraceContaining("lsm.sync-mode"));
    }

    @Test
    void runWhenMemtableSizeIsNegativeShouldFailNamingTheProperty() {
        engineRunner().withPropertyValues("lsm.data-dir=" + dir, "lsm.memtable-size=-1MB").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("lsm.memtable-size");
        });
    }

    @Test
    void runWhenCompactionKnobIsOutOfRangeShouldFailNamingTheProperty() {
        engineRunner().withPropertyValues("lsm.data-dir=" + dir, "lsm.compaction.level-size-multiplier=1").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("lsm.compaction.level-size-multiplier"));
    }

    @Test
    void runWhenDataDirIsNotWritableShouldFailNamingTheProperty() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        engineRunner().withPropertyValues("lsm.data-dir=" + file.resolve("sub")).run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("lsm.data-dir"));
    }
}
