package dev.lsmkv.spring.autoconfigure;

import dev.lsmkv.spring.repository.config.EnableLsmRepositories;
import dev.lsmkv.spring.repository.config.LsmRepositoryConfigurationExtension;
import java.lang.annotation.Annotation;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.boot.autoconfigure.data.AbstractRepositoryConfigurationSourceSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/**
 * Registers the lsm repositories of the auto-configuration packages (those of
 * {@code @SpringBootApplication}), as {@link EnableLsmRepositories} would; imported by
 * {@link LsmRepositoriesAutoConfiguration}. Not to be confused with
 * {@code dev.lsmkv.spring.repository.config.LsmRepositoriesRegistrar}, which {@code @EnableLsmRepositories}
 * imports and which scans the packages the annotation names.
 */
class AutoConfiguredLsmRepositoriesRegistrar extends AbstractRepositoryConfigurationSourceSupport {

    private BeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        super.setBeanFactory(beanFactory);
        this.beanFactory = beanFactory;
    }

    /**
     * Scans only when there are auto-configuration packages to scan: a context assembled without
     * {@code @SpringBootApplication} / {@code @AutoConfigurationPackage} gets the store but no
     * repositories, instead of failing to start.
     */
    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry,
            BeanNameGenerator generator) {
        if (AutoConfigurationPackages.has(beanFactory)) {
            super.registerBeanDefinitions(metadata, registry, generator);
        }
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (AutoConfigurationPackages.has(beanFactory)) {
            super.registerBeanDefinitions(metadata, registry);
        }
    }

    @Override
    protected Class<? extends Annotation> getAnnotation() {
        return EnableLsmRepositories.class;
    }

    @Override
    protected Class<?> getConfiguration() {
        return EnableLsmRepositoriesConfiguration.class;
    }

    @Override
    protected RepositoryConfigurationExtension getRepositoryConfigurationExtension() {
        return new LsmRepositoryConfigurationExtension();
    }

    @EnableLsmRepositories
    private static final class EnableLsmRepositoriesConfiguration {
    }
}
