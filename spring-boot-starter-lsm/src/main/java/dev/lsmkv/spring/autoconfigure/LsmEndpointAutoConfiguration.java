package dev.lsmkv.spring.autoconfigure;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.actuate.LsmEndpoint;
import dev.lsmkv.spring.actuate.LsmEndpointWebExtension;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * The {@code lsm} actuator endpoint, when actuator is present and the endpoint is available.
 * Its checkpoints go under {@code lsm.backup-dir}, which must not lie inside {@code lsm.data-dir}
 * (the engine owns every file there).
 */
@AutoConfiguration(after = LsmAutoConfiguration.class)
@ConditionalOnClass({ConditionalOnAvailableEndpoint.class, LsmEndpoint.class})
@ConditionalOnBean(LsmEngine.class)
public final class LsmEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    LsmEndpoint lsmEndpoint(LsmEngine engine, ObjectProvider<LsmProperties> properties) {
        LsmProperties p = properties.getIfAvailable();
        return new LsmEndpoint(engine, p == null ? null : backupDir(p));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(LsmEndpoint.class)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.web.WebEndpointResponse")
    @ConditionalOnAvailableEndpoint(endpoint = LsmEndpoint.class)
    LsmEndpointWebExtension lsmEndpointWebExtension(LsmEndpoint endpoint) {
        return new LsmEndpointWebExtension(endpoint);
    }

    static Path backupDir(LsmProperties p) {
        if (p.getBackupDir() == null) {
            return null;
        }
        Path backup = p.getBackupDir().toAbsolutePath().normalize();
        Path data = p.getDataDir().toAbsolutePath().normalize();
        if (backup.startsWith(data)) {
            throw new InvalidConfigurationPropertyValueException("lsm.backup-dir", p.getBackupDir(),
                    "must be outside lsm.data-dir (" + data + "): the engine owns every file in its directory");
        }
        return backup;
    }
}
