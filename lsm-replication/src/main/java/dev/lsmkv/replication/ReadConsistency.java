package dev.lsmkv.replication;

/** How reads through {@link ReplicatedLsmEngine} relate to writes acknowledged anywhere in the group. */
public enum ReadConsistency {
    /**
     * Every read first asks the leader for its commit index (Raft read-index), waits until this node
     * has applied it, then reads the local engine: a read sees every write acknowledged before it
     * started, on any node. Costs one round trip to the leader per read.
     */
    LINEARIZABLE,
    /**
     * A read uses the local engine as soon as a read-index barrier no older than
     * {@code maxStaleness} has completed on this node: it sees every write acknowledged more than
     * {@code maxStaleness} before it started, and possibly later ones. At most one barrier per
     * {@code maxStaleness} interval reaches the leader.
     */
    BOUNDED_STALENESS
}
