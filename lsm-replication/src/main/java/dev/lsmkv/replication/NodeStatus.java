package dev.lsmkv.replication;

/**
 * What one node knows of its group at a moment, for health checks and metrics.
 *
 * @param self               this node's id
 * @param role               LEADER, FOLLOWER, CANDIDATE, LISTENER, or UNKNOWN before the server starts
 * @param leader             the id of the leader this node follows, or null when it knows none
 * @param term               the current Raft term
 * @param commitIndex        the last log index this node knows to be committed
 * @param appliedIndex       the last log index applied to this node's engine
 * @param snapshotIndex      the log index of this node's latest snapshot, or -1
 * @param snapshotsTaken     snapshots this node has taken since it started
 * @param snapshotsInstalled snapshots this node has received from a leader since it started
 */
public record NodeStatus(String self, String role, String leader, long term, long commitIndex, long appliedIndex,
        long snapshotIndex, long snapshotsTaken, long snapshotsInstalled) {

    /** Committed entries this node has not applied yet. */
    public long lag() {
        return Math.max(0, commitIndex - appliedIndex);
    }
}
