package dev.lsmkv.spring.autoconfigure;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.actuate.LsmEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code lsm} actuator endpoint, when actuator is present and the endpoint is available. */
@AutoConfiguration(after = LsmAutoConfiguration.class)
@ConditionalOnClass({ConditionalOnAvailableEndpoint.class, LsmEndpoint.class})
@ConditionalOnBean(LsmEngine.class)
public final class LsmEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    LsmEndpoint lsmEndpoint(LsmEngine engine) {
        return new LsmEndpoint(engine);
    }
}
