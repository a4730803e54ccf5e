package dev.lsmkv.replication;

import dev.lsmkv.engine.LsmException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * One running member of a replication group: a Ratis server (gRPC, on this peer's host and port)
 * whose state machine is the local engine, and a Ratis client that sends this node's writes to the
 * leader and asks it for read indexes. Start with {@link #start}; close to stop both.
 *
 * <p>Thread-safe.
 */
public final class ReplicationNode implements AutoCloseable {

    private final ReplicationConfig config;
    private final LsmStateMachine stateMachine;
    private final RaftGroup group;
    private final RaftPeerId selfId;
    private RaftServer server;
    private RaftClient client;

    private ReplicationNode(ReplicationConfig config, InstantSource clock) {
        this.config = config;
        this.stateMachine = new LsmStateMachine(config.dataDir(), config.engineOptions(), clock);
        List<RaftPeer> peers = config.peers().stream()
                .map(p -> RaftPeer.newBuilder().setId(p.id()).setAddress(p.address()).build())
                .toList();
        this.group = RaftGroup.valueOf(groupId(config.groupName()), peers);
        this.selfId = RaftPeerId.valueOf(config.self());
    }

    /**
     * Starts this node: opens (or restores) its engine, joins the group and returns at once; the
     * group serves writes once a majority of its peers run and have elected a leader.
     *
     * @throws LsmException if the data directory or the port cannot be used
     */
    public static ReplicationNode start(ReplicationConfig config) {
        return start(config, InstantSource.system());
    }

    /** As {@link #start(ReplicationConfig)}, with the clock that fixes TTL expiries when this node leads. */
    public static ReplicationNode start(ReplicationConfig config, InstantSource clock) {
        ReplicationNode node = new ReplicationNode(config, clock);
        try {
            node.startServer();
        } catch (IOException | RuntimeException e) {
            node.close();
            throw new LsmException("replication node " + config.self() + " (" + config.selfPeer().address()
                    + ", data in " + config.dataDir() + ") failed to start: " + e.getMessage(), e);
        }
        return node;
    }

    /** The Raft group id every node derives from the group name. */
    static RaftGroupId groupId(String groupName) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("lsmkv-replication:" + groupName).getBytes(StandardCharsets.UTF_8)));
    }

    private void startServer() throws IOException {
        Files.createDirectories(config.dataDir());
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, Collections.singletonList(config.dataDir().resolve("raft").toFile()));
        GrpcConfigKeys.Server.setHost(p, config.selfPeer().host());
        GrpcConfigKeys.Server.setPort(p, config.selfPeer().port());
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(config.electionTimeoutMin().toMillis()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(config.electionTimeoutMax().toMillis()));
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThreshold());
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, config.snapshotThreshold()));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(config.logSegmentSizeBytes()));
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
        // no snapshot on close: a restart skips the entries its engine already has (LsmStateMachine)
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, false);
        server = RaftServer.newBuilder()
                .setServerId(selfId)
                .setGroup(group)
                .setStateMachine(stateMachine)
                .setProperties(p)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
        server.start();

        RaftProperties cp = new RaftProperties();
        client = RaftClient.newBuilder()
                .setProperties(cp)
                .setRaftGroup(group)
                .setClientId(ClientId.randomId())
                .setLeaderId(null)
                .setClientRpc(new GrpcFactory(new Parameters()).newRaftClientRpc(ClientId.randomId(), cp))
                .setRetryPolicy(UNTIL_DEADLINE)
                .build();
    }

    private static TimeDuration millis(long ms) {
        return TimeDuration.valueOf(ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Replicates an engine batch record with relative TTLs (see {@link Messages}) and returns its log
     * index once the leader has committed and applied it.
     *
     * @throws LsmException if no leader committed it within the request timeout; the write may
     *                      still take effect later (its outcome is unknown)
     */
    long submit(byte[] relativeRecord) {
        RaftClientReply reply = call(() -> client.io().send(Messages.write(relativeRecord)), "write", false);
        return Messages.longs(reply.getMessage())[0];
    }

    /**
     * Waits until this node has applied every entry committed when the call started (read-index
     * through the leader) and returns that applied index. Retried while the group has no leader
     * (an election), up to the request timeout.
     */
    long readBarrier() {
        RaftClientReply reply = call(() -> client.io().sendReadOnly(Messages.barrier(), selfId), "read barrier", true);
        return Messages.longs(reply.getMessage())[0];
    }

    /** A blocking Ratis call. */
    private interface Call {
        RaftClientReply send() throws IOException;
    }

    /**
     * Runs {@code call} on Ratis's blocking API (not the ordered asynchronous one: a request given
     * up on there can hold back every later request of the same client). Ratis retries an attempt
     * on another peer or after a timeout with the same call id (its retry cache applies a write
     * once) until {@link #deadline} passes.
     */
    private RaftClientReply call(Call call, String what, boolean retryWithoutLeader) {
        long deadline = System.nanoTime() + config.requestTimeout().toNanos();
        DEADLINE.set(deadline);
        try {
            while (true) {
                try {
                    RaftClientReply reply = call.send();
                    if (!reply.isSuccess()) {
                        throw new LsmException("replicated " + what + " failed on group " + group.getGroupId() + ": "
                                + reply.getException());
                    }
                    return reply;
                } catch (IOException e) {
                    if (e instanceof StateMachineException sme && sme.getCause() instanceof IllegalArgumentException iae) {
                        throw iae;
                    }
                    Throwable cause = e.getCause() != null && !(e instanceof RaftException) ? e.getCause() : e;
                    boolean noLeader = cause instanceof ReadIndexException || cause instanceof LeaderNotReadyException
                            || cause instanceof NotLeaderException || cause instanceof LeaderSteppingDownException;
                    if (retryWithoutLeader && noLeader && System.nanoTime() < deadline) {
                        sleepQuietly(50);
                        continue;
                    }
                    throw new LsmException("replicated " + what + " failed within " + config.requestTimeout()
                            + " (is a majority of " + config.peers() + " running and reachable?)"
                            + (retryWithoutLeader ? "" : "; its outcome is unknown") + ": " + e, e);
                }
            }
        } finally {
            DEADLINE.remove();
        }
    }

    /** The deadline of the call on this thread, read by the retry policy (Ratis retries in the caller's thread). */
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    /** Retries every 100 ms until the calling thread's deadline. */
    private static final RetryPolicy UNTIL_DEADLINE = event -> {
        Long deadline = DEADLINE.get();
        return deadline != null && System.nanoTime() < deadline
                ? () -> TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)
                : RetryPolicy.NO_RETRY_ACTION;
    };

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LsmException("interrupted while waiting for a leader", e);
        }
    }

    /** The local state machine (engine access for reads). */
    LsmStateMachine stateMachine() {
        return stateMachine;
    }

    public ReplicationConfig config() {
        return config;
    }

    /** This node's view of the group now. */
    public NodeStatus status() {
        try {
            RaftServer.Division d = server.getDivision(group.getGroupId());
            RaftPeerId leader = d.getInfo().getLeaderId();
            SnapshotInfo s = stateMachine.getLatestSnapshot();
            return new NodeStatus(config.self(), d.getInfo().getCurrentRole().name(),
                    leader == null ? null : leader.toString(), d.getInfo().getCurrentTerm(),
                    d.getRaftLog().getLastCommittedIndex(), stateMachine.appliedIndex(),
                    s == null ? -1 : s.getIndex(), stateMachine.snapshotsTaken(), stateMachine.snapshotsInstalled());
        } catch (IOException | RuntimeException e) {
            return new NodeStatus(config.self(), "UNKNOWN", null, 0, 0, stateMachine.appliedIndex(), -1,
                    stateMachine.snapshotsTaken(), stateMachine.snapshotsInstalled());
        }
    }

    /**
     * Stops the client and the server (together: each waits up to seconds for its gRPC channels to
     * drain); the engine is closed and synced. Idempotent.
     */
    @Override
    public synchronized void close() {
        RaftClient c = client;
        RaftServer s = server;
        client = null;
        server = null;
        CompletableFuture<Void> clientClosed = CompletableFuture.runAsync(() -> closeQuietly(c));
        Exception failure = closeQuietly(s);
        clientClosed.join();
        if (failure != null) {
            throw new LsmException("closing replication node " + config.self() + " failed: " + failure.getMessage(), failure);
        }
    }

    private static Exception closeQuietly(AutoCloseable c) {
        if (c == null) {
            return null;
        }
        try {
            c.close();
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
