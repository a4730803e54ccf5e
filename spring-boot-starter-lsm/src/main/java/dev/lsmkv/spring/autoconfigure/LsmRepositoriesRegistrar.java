package dev.lsmkv.spring.autoconfigure;

import dev.lsmkv.spring.repository.config.EnableLsmRepositories;
import dev.lsmkv.spring.repository.config.LsmRepositoryConfigurationExtension;
import java.lang.annotation.Annotation;
import org.springframework.boot.autoconfigure.data.AbstractRepositoryConfigurationSourceSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/** Scans the auto-configuration packages for lsm repositories, as {@link EnableLsmRepositories} would. */
class LsmRepositoriesRegistrar extends AbstractRepositoryConfigurationSourceSupport {

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
