package dev.lsmkv.replication.spring;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.replication.NodeStatus;
import dev.lsmkv.replication.ReplicatedLsmEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of this node in its replication group: UP while it knows a leader (it is one, or follows
 * one), DOWN otherwise (no majority reachable: writes and linearizable reads fail). Details: self,
 * role, leader, term, commitIndex, appliedIndex, lag (committed entries not yet applied here),
 * snapshotIndex, snapshotsTaken, snapshotsInstalled.
 */
public class LsmReplicationHealthIndicator extends AbstractHealthIndicator {

    private final ObjectProvider<LsmEngine> engine;

    public LsmReplicationHealthIndicator(ObjectProvider<LsmEngine> engine) {
        super("lsm replication health check failed");
        this.engine = engine;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!(engine.getIfAvailable() instanceof ReplicatedLsmEngine replicated)) {
            builder.unknown().withDetail("reason", "the LsmEngine bean is not a ReplicatedLsmEngine");
            return;
        }
        NodeStatus s = replicated.node().status();
        if (s.leader() != null) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "no leader known: is a majority of the group running and reachable?");
        }
        builder.withDetail("self", s.self())
                .withDetail("role", s.role())
                .withDetail("leader", s.leader() == null ? "none" : s.leader())
                .withDetail("term", s.term())
                .withDetail("commitIndex", s.commitIndex())
                .withDetail("appliedIndex", s.appliedIndex())
                .withDetail("lag", s.lag())
                .withDetail("snapshotIndex", s.snapshotIndex())
                .withDetail("snapshotsTaken", s.snapshotsTaken())
                .withDetail("snapshotsInstalled", s.snapshotsInstalled());
    }
}
