package dev.lsmkv.spring.autoconfigure.metrics;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.autoconfigure.LsmAutoConfiguration;
import dev.lsmkv.spring.metrics.LsmMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@code lsm.*} meters for every {@link LsmEngine} bean, tagged with the bean name, when
 * Micrometer is present and a registry exists. Boot binds the binder to every registry.
 */
@AutoConfiguration(after = LsmAutoConfiguration.class,
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, LsmMetrics.class})
@ConditionalOnBean({MeterRegistry.class, LsmEngine.class})
public final class LsmMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(LsmMetrics.class)
    MeterBinder lsmMetrics(Map<String, LsmEngine> engines) {
        return registry -> engines.forEach((name, engine) -> new LsmMetrics(engine, name, Tags.empty()).bindTo(registry));
    }
}
