package dev.lsmkv.replication.spring;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.replication.Peer;
import dev.lsmkv.replication.ReplicatedLsmEngine;
import dev.lsmkv.replication.ReplicationConfig;
import dev.lsmkv.spring.autoconfigure.EngineOptionsFactory;
import dev.lsmkv.spring.autoconfigure.LsmAutoConfiguration;
import dev.lsmkv.spring.autoconfigure.LsmEngineOptionsCustomizer;
import dev.lsmkv.spring.autoconfigure.LsmProperties;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code lsm.replication.enabled=true}, the application's {@link LsmEngine} is a node of a
 * replicated group ({@link ReplicatedLsmEngine}) instead of a local engine; everything the starter
 * builds on the engine (adapter, template, repositories, endpoint, metrics) works unchanged. Runs
 * before the starter's {@link LsmAutoConfiguration}, whose engine bean then steps aside.
 */
@AutoConfiguration(before = LsmAutoConfiguration.class)
@ConditionalOnClass({ReplicatedLsmEngine.class, LsmAutoConfiguration.class})
@ConditionalOnBooleanProperty("lsm.replication.enabled")
@EnableConfigurationProperties({LsmReplicationProperties.class, LsmProperties.class})
public final class LsmReplicationAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(LsmEngine.class)
    ReplicatedLsmEngine lsmEngine(LsmProperties lsm, LsmReplicationProperties replication,
            ObjectProvider<LsmEngineOptionsCustomizer> customizers) {
        return ReplicatedLsmEngine.start(config(lsm, replication, customizers.orderedStream().toList()));
    }

    static ReplicationConfig config(LsmProperties lsm, LsmReplicationProperties r, List<LsmEngineOptionsCustomizer> customizers) {
        List<Peer> peers;
        try {
            peers = r.getPeers().stream().map(Peer::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("lsm.replication.peers", r.getPeers(), e.getMessage());
        }
        if (peers.isEmpty()) {
            throw new InvalidConfigurationPropertyValueException("lsm.replication.peers", r.getPeers(),
                    "list every member of the group as id@host:port,... (this node included)");
        }
        if (r.getSelf() == null || peers.stream().noneMatch(p -> p.id().equals(r.getSelf()))) {
            throw new InvalidConfigurationPropertyValueException("lsm.replication.self", r.getSelf(),
                    "must be the id of one of lsm.replication.peers " + peers);
        }
        Path dataDir = EngineOptionsFactory.prepareDataDir(lsm.getDataDir());
        try {
            return ReplicationConfig.builder()
                    .peers(peers)
                    .self(r.getSelf())
                    .dataDir(dataDir)
                    .engineOptions(EngineOptionsFactory.create(lsm, customizers))
                    .readConsistency(r.getReadConsistency())
                    .maxStaleness(r.getMaxStaleness())
                    .electionTimeout(r.getElectionTimeoutMin(), r.getElectionTimeoutMax())
                    .requestTimeout(r.getRequestTimeout())
                    .snapshotThreshold(r.getSnapshotThreshold())
                    .logSegmentSizeBytes(r.getLogSegmentSize().toBytes())
                    .groupName(r.getGroupName())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("lsm.replication", r.getSelf(), e.getMessage());
        }
    }

    /** Health component {@code lsmReplication}: role, leader, commit and applied index, lag. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
    static final class Health {

        @Bean
        @ConditionalOnMissingBean(name = "lsmReplicationHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("lsmReplication")
        LsmReplicationHealthIndicator lsmReplicationHealthIndicator(ObjectProvider<LsmEngine> engine) {
            return new LsmReplicationHealthIndicator(engine);
        }
    }
}
