package dev.lsmkv.spring.repository.config;

import dev.lsmkv.spring.repository.support.LsmRepositoryFactoryBean;
import org.springframework.data.keyvalue.repository.config.KeyValueRepositoryConfigurationExtension;

/**
 * Repository configuration of the lsm store. Its mapping context bean is named
 * {@value #MAPPING_CONTEXT_BEAN} rather than KeyValue's default {@code keyValueMappingContext},
 * which Spring Data Redis registers as a {@code RedisMappingContext}: with both stores in one
 * application, each keeps its own.
 */
public class LsmRepositoryConfigurationExtension extends KeyValueRepositoryConfigurationExtension {

    /** Name of the mapping context bean shared by the template and the repositories. */
    public static final String MAPPING_CONTEXT_BEAN = "lsmMappingContext";

    /** Name of the template bean repositories use unless told otherwise. */
    public static final String DEFAULT_TEMPLATE_BEAN = "keyValueTemplate";

    @Override
    public String getModuleName() {
        return "LSM";
    }

    @Override
    protected String getModulePrefix() {
        return "lsm";
    }

    @Override
    public String getRepositoryFactoryBeanClassName() {
        return LsmRepositoryFactoryBean.class.getName();
    }

    @Override
    protected String getDefaultKeyValueTemplateRef() {
        return DEFAULT_TEMPLATE_BEAN;
    }

    @Override
    protected String getMappingContextBeanRef() {
        return MAPPING_CONTEXT_BEAN;
    }
}
