package dev.lsmkv.replication;

import dev.lsmkv.engine.EngineOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one node of a replication group needs: the group's peers, which one this node is,
 * its data directory, the options of its local engine and the Raft timings. Immutable; build it
 * with {@link #builder()}.
 *
 * <p>A node's data directory holds {@code engine/} (the local {@link dev.lsmkv.engine.LsmEngine}),
 * {@code raft/} (the Ratis log and metadata), {@code snapshots/} (the latest engine checkpoint,
 * sent to followers that lag behind the log) and {@code snapshot-tmp/}. See docs/replication.md.
 */
public final class ReplicationConfig {

    private final List<Peer> peers;
    private final String self;
    private final Path dataDir;
    private final EngineOptions engineOptions;
    private final ReadConsistency readConsistency;
    private final Duration maxStaleness;
    private final Duration electionTimeoutMin;
    private final Duration electionTimeoutMax;
    private final Duration requestTimeout;
    private final long snapshotThreshold;
    private final long logSegmentSizeBytes;
    private final String groupName;

    private ReplicationConfig(Builder b) {
        this.peers = List.copyOf(Objects.requireNonNull(b.peers, "peers must be set (id@host:port,...)"));
        this.self = Objects.requireNonNull(b.self, "self must be set to the id of one peer");
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir must be set");
        this.engineOptions = Objects.requireNonNull(b.engineOptions, "engineOptions must not be null");
        this.readConsistency = Objects.requireNonNull(b.readConsistency, "readConsistency must not be null");
        this.maxStaleness = positive(b.maxStaleness, "maxStaleness");
        this.electionTimeoutMin = positive(b.electionTimeoutMin, "electionTimeoutMin");
        this.electionTimeoutMax = positive(b.electionTimeoutMax, "electionTimeoutMax");
        this.requestTimeout = positive(b.requestTimeout, "requestTimeout");
        this.snapshotThreshold = b.snapshotThreshold;
        this.logSegmentSizeBytes = b.logSegmentSizeBytes;
        this.groupName = Objects.requireNonNull(b.groupName, "groupName must not be null");
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("a replication group needs at least one peer (id@host:port,...)");
        }
        if (peers.stream().noneMatch(p -> p.id().equals(self))) {
            throw new IllegalArgumentException("self '" + self + "' is not the id of any peer in " + peers);
        }
        if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
            throw new IllegalArgumentException("electionTimeoutMax (" + electionTimeoutMax
                    + ") must be greater than electionTimeoutMin (" + electionTimeoutMin + ")");
        }
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("snapshotThreshold must be at least 1 log entry, was " + snapshotThreshold);
        }
        if (logSegmentSizeBytes < 16 * 1024) {
            throw new IllegalArgumentException("logSegmentSizeBytes must be at least 16 KiB, was " + logSegmentSizeBytes);
        }
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name + " must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Peer> peers() { return peers; }
    public String self() { return self; }
    public Peer selfPeer() { return peers.stream().filter(p -> p.id().equals(self)).findFirst().orElseThrow(); }
    public Path dataDir() { return dataDir; }
    public EngineOptions engineOptions() { return engineOptions; }
    public ReadConsistency readConsistency() { return readConsistency; }
    public Duration maxStaleness() { return maxStaleness; }
    public Duration electionTimeoutMin() { return electionTimeoutMin; }
    public Duration electionTimeoutMax() { return electionTimeoutMax; }
    public Duration requestTimeout() { return requestTimeout; }
    public long snapshotThreshold() { return snapshotThreshold; }
    public long logSegmentSizeBytes() { return logSegmentSizeBytes; }
    public String groupName() { return groupName; }

    /** Builds a {@link ReplicationConfig}; {@code peers}, {@code self} and {@code dataDir} are required. */
    public static final class Builder {
        private List<Peer> peers;
        private String self;
        private Path dataDir;
        private EngineOptions engineOptions = EngineOptions.defaults();
        private ReadConsistency readConsistency = ReadConsistency.LINEARIZABLE;
        private Duration maxStaleness = Duration.ofMillis(100);
        private Duration electionTimeoutMin = Duration.ofMillis(1000);
        private Duration electionTimeoutMax = Duration.ofMillis(2000);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private long snapshotThreshold = 100_000;
        private long logSegmentSizeBytes = 8L * 1024 * 1024;
        private String groupName = "lsmkv";

        private Builder() {
        }

        /** Every member of the group, this node included; the same list on every node. */
        public Builder peers(List<Peer> peers) { this.peers = peers; return this; }
        /** Every member of the group written {@code id@host:port,...}. */
        public Builder peers(String specs) { this.peers = Peer.parseList(specs); return this; }
        /** The id of this node among the peers. */
        public Builder self(String self) { this.self = self; return this; }
        /** The node's own directory (engine, Raft log, snapshots); never shared between nodes. */
        public Builder dataDir(Path dataDir) { this.dataDir = dataDir; return this; }
        public Builder engineOptions(EngineOptions engineOptions) { this.engineOptions = engineOptions; return this; }
        public Builder readConsistency(ReadConsistency readConsistency) { this.readConsistency = readConsistency; return this; }
        /** For {@link ReadConsistency#BOUNDED_STALENESS}: how old a read's view may be. */
        public Builder maxStaleness(Duration maxStaleness) { this.maxStaleness = maxStaleness; return this; }
        /** A follower that hears nothing from a leader for a random time in [min, max) starts an election. */
        public Builder electionTimeout(Duration min, Duration max) {
            this.electionTimeoutMin = min;
            this.electionTimeoutMax = max;
            return this;
        }
        /** How long a write or a read barrier may take, retries and leader changes included, before it fails. */
        public Builder requestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; return this; }
        /** A snapshot (engine checkpoint) is taken, and the log before it purged, every this many log entries. */
        public Builder snapshotThreshold(long entries) { this.snapshotThreshold = entries; return this; }
        /** The size of one Raft log segment file; only whole closed segments are purged after a snapshot. */
        public Builder logSegmentSizeBytes(long bytes) { this.logSegmentSizeBytes = bytes; return this; }
        /** The group's name; its Raft group id is derived from it, so every node must use the same. */
        public Builder groupName(String groupName) { this.groupName = groupName; return this; }

        public ReplicationConfig build() {
            return new ReplicationConfig(this);
        }
    }
}
