package dev.lsmkv.spring.repository.config;

import java.lang.annotation.Annotation;
import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/** Registers the repositories found by {@link EnableLsmRepositories}. */
class LsmRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

    @Override
    protected Class<? extends Annotation> getAnnotation() {
        return EnableLsmRepositories.class;
    }

    @Override
    protected RepositoryConfigurationExtension getExtension() {
        return new LsmRepositoryConfigurationExtension();
    }
}
