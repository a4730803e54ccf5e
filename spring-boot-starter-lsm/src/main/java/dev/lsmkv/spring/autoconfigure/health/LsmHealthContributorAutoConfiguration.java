package dev.lsmkv.spring.autoconfigure.health;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.actuate.LsmHealthIndicator;
import dev.lsmkv.spring.autoconfigure.LsmAutoConfiguration;
import dev.lsmkv.spring.autoconfigure.LsmProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** Health component {@code lsm}, when Boot's health support is present ({@code management.health.lsm.enabled}). */
@AutoConfiguration(after = LsmAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(LsmEngine.class)
public final class LsmHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "lsmHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("lsm")
    LsmHealthIndicator lsmHealthIndicator(LsmEngine engine, ObjectProvider<LsmProperties> properties) {
        LsmProperties p = properties.getIfAvailable();
        return new LsmHealthIndicator(engine, p == null ? null : p.getDataDir().toAbsolutePath().normalize());
    }
}
