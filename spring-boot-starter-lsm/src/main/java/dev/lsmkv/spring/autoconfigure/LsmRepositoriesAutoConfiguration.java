package dev.lsmkv.spring.autoconfigure;

import dev.lsmkv.spring.core.LsmKeyValueAdapter;
import dev.lsmkv.spring.repository.config.EnableLsmRepositories;
import dev.lsmkv.spring.repository.support.LsmRepositoryFactoryBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Import;

/**
 * Lsm repositories in the application's packages (those of {@code @SpringBootApplication}),
 * with no annotation, the way Boot enables Redis repositories. Steps aside when the application
 * declares {@link EnableLsmRepositories} itself, and when {@code lsm.repositories.enabled=false}.
 */
@AutoConfiguration(after = LsmAutoConfiguration.class)
@ConditionalOnClass(EnableLsmRepositories.class)
@ConditionalOnBean(LsmKeyValueAdapter.class)
@ConditionalOnBooleanProperty(name = "lsm.repositories.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(LsmRepositoryFactoryBean.class)
@Import(AutoConfiguredLsmRepositoriesRegistrar.class)
public final class LsmRepositoriesAutoConfiguration {
}
