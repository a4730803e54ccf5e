package dev.lsmkv.spring.autoconfigure;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.core.EntityCodec;
import dev.lsmkv.spring.core.JacksonEntityCodec;
import dev.lsmkv.spring.core.LsmKeyValueAdapter;
import dev.lsmkv.spring.core.LsmKeyValueTemplate;
import dev.lsmkv.spring.repository.config.LsmRepositoryConfigurationExtension;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.keyvalue.core.KeyValueTemplate;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;

/**
 * The lsm store: the engine over {@code lsm.data-dir} (closed with the context), the Spring Data
 * adapter over it, its mapping context and the {@code keyValueTemplate}. Each bean steps aside
 * for one the application defines.
 */
@AutoConfiguration
@ConditionalOnClass({LsmEngine.class, KeyValueTemplate.class})
@EnableConfigurationProperties(LsmProperties.class)
public final class LsmAutoConfiguration {

    /** Name of the template bean (fixed by the public contract). */
    public static final String TEMPLATE_BEAN = LsmRepositoryConfigurationExtension.DEFAULT_TEMPLATE_BEAN;

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LsmEngine lsmEngine(LsmProperties properties, ObjectProvider<LsmEngineOptionsCustomizer> customizers) {
        var options = EngineOptionsFactory.create(properties, customizers.orderedStream().toList());
        Path dir = EngineOptionsFactory.prepareDataDir(properties.getDataDir());
        return LsmEngine.open(dir, options);
    }

    @Bean(LsmRepositoryConfigurationExtension.MAPPING_CONTEXT_BEAN)
    @ConditionalOnMissingBean(name = LsmRepositoryConfigurationExtension.MAPPING_CONTEXT_BEAN)
    KeyValueMappingContext<?, ?> lsmMappingContext() {
        return new KeyValueMappingContext<>();
    }

    @Bean
    @ConditionalOnMissingBean
    LsmKeyValueAdapter lsmKeyValueAdapter(LsmEngine engine, LsmProperties properties,
            ObjectProvider<EntityCodec> codec,
            @Qualifier(LsmRepositoryConfigurationExtension.MAPPING_CONTEXT_BEAN) KeyValueMappingContext<?, ?> mappingContext) {
        EntityCodec writer = codec.getIfAvailable(() -> switch (properties.getCodec()) {
            case JSON -> JacksonEntityCodec.json();
            case CBOR -> JacksonEntityCodec.cbor();
        });
        LsmKeyValueAdapter adapter = new LsmKeyValueAdapter(engine, writer, mappingContext);
        // values written before lsm.codec changed stay readable (JSON always is)
        adapter.addReadCodec(JacksonEntityCodec.cbor());
        properties.getKeyspaces().forEach((name, keyspace) ->
                adapter.setKeyspaceTimeToLive(name, keyspace.getTimeToLive()));
        return adapter;
    }

    @Bean(TEMPLATE_BEAN)
    @ConditionalOnMissingBean(name = TEMPLATE_BEAN)
    LsmKeyValueTemplate keyValueTemplate(LsmKeyValueAdapter adapter,
            @Qualifier(LsmRepositoryConfigurationExtension.MAPPING_CONTEXT_BEAN) KeyValueMappingContext<?, ?> mappingContext) {
        return new LsmKeyValueTemplate(adapter, mappingContext);
    }

    /**
     * Reconciles every mapped keyspace once the context's singletons exist (repositories have put
     * their entities into the mapping context by then): indexes of newly {@code @Indexed}
     * properties are built, those of removed ones dropped, counts built, with progress in the log.
     */
    @Bean
    static SmartInitializingSingleton lsmKeyspaceInitializer(ObjectProvider<LsmKeyValueAdapter> adapters) {
        return () -> adapters.orderedStream().forEach(LsmKeyValueAdapter::initializeKeyspaces);
    }
}
