package dev.lsmkv.replication.spring;

import dev.lsmkv.replication.ReadConsistency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Replication of the lsm store over a Raft group (Apache Ratis), under {@code lsm.replication.}.
 * The node keeps its engine, Raft log and snapshots under {@code lsm.data-dir}.
 */
@ConfigurationProperties("lsm.replication")
public class LsmReplicationProperties {

    /** Whether the store is one node of a replicated group instead of a local engine. */
    private boolean enabled;

    /** Every member of the group, this node included, as id@host:port; the same list on every node. */
    private List<String> peers = new ArrayList<>();

    /** Id of this node among the peers. */
    private String self;

    /** How reads relate to writes acknowledged on other nodes: linearizable (read-index) or bounded-staleness. */
    private ReadConsistency readConsistency = ReadConsistency.LINEARIZABLE;

    /** How old a read's view may be when read-consistency is bounded-staleness. */
    private Duration maxStaleness = Duration.ofMillis(100);

    /** Shortest time without a leader's heartbeat after which a follower starts an election. */
    private Duration electionTimeoutMin = Duration.ofMillis(1000);

    /** Longest time without a leader's heartbeat after which a follower starts an election. */
    private Duration electionTimeoutMax = Duration.ofMillis(2000);

    /** How long a write or a read barrier may wait, leader changes included, before it fails. */
    private Duration requestTimeout = Duration.ofSeconds(10);

    /** Log entries between two snapshots (engine checkpoints); the log before a snapshot is purged. */
    private long snapshotThreshold = 100_000;

    /** Size of one Raft log segment file. */
    private DataSize logSegmentSize = DataSize.ofMegabytes(8);

    /** Name of the group; every node must use the same. */
    private String groupName = "lsmkv";

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public List<String> getPeers() { return peers; }
    public void setPeers(List<String> peers) { this.peers = peers; }
    public String getSelf() { return self; }
    public void setSelf(String self) { this.self = self; }
    public ReadConsistency getReadConsistency() { return readConsistency; }
    public void setReadConsistency(ReadConsistency readConsistency) { this.readConsistency = readConsistency; }
    public Duration getMaxStaleness() { return maxStaleness; }
    public void setMaxStaleness(Duration maxStaleness) { this.maxStaleness = maxStaleness; }
    public Duration getElectionTimeoutMin() { return electionTimeoutMin; }
    public void setElectionTimeoutMin(Duration electionTimeoutMin) { this.electionTimeoutMin = electionTimeoutMin; }
    public Duration getElectionTimeoutMax() { return electionTimeoutMax; }
    public void setElectionTimeoutMax(Duration electionTimeoutMax) { this.electionTimeoutMax = electionTimeoutMax; }
    public Duration getRequestTimeout() { return requestTimeout; }
    public void setRequestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; }
    public long getSnapshotThreshold() { return snapshotThreshold; }
    public void setSnapshotThreshold(long snapshotThreshold) { this.snapshotThreshold = snapshotThreshold; }
    public DataSize getLogSegmentSize() { return logSegmentSize; }
    public void setLogSegmentSize(DataSize logSegmentSize) { this.logSegmentSize = logSegmentSize; }
    public String getGroupName() { return groupName; }
    public void setGroupName(String groupName) { this.groupName = groupName; }
}
