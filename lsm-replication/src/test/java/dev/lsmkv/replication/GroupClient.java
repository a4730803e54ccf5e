package dev.lsmkv.replication;

import dev.lsmkv.engine.WriteBatch;
import java.io.IOException;
import java.util.List;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;

/** A Ratis client of a test group, outside every node: writes, and reads of one chosen node. */
final class GroupClient implements AutoCloseable {

    private final RaftClient client;

    GroupClient(List<Peer> peers, String groupName) {
        RaftGroup group = RaftGroup.valueOf(ReplicationNode.groupId(groupName), peers.stream()
                .map(p -> RaftPeer.newBuilder().setId(p.id()).setAddress(p.address()).build()).toList());
        RaftProperties p = new RaftProperties();
        client = RaftClient.newBuilder()
                .setProperties(p)
                .setRaftGroup(group)
                .setClientRpc(new GrpcFactory(new Parameters()).newRaftClientRpc(ClientId.randomId(), p))
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(100, TimeDuration.valueOf(100, java.util.concurrent.TimeUnit.MILLISECONDS)))
                .build();
    }

    /** Writes {@code key = value}; returns the id of the server that answered (the leader) once committed. */
    String put(byte[] key, byte[] value) throws IOException {
        RaftClientReply r = client.io().send(Messages.write(new WriteBatch().put(key, value).encode(0)));
        if (!r.isSuccess()) {
            throw new IOException("write failed: " + r.getException());
        }
        return r.getServerId().toString();
    }

    /** The value of {@code key} on node {@code id} once it has applied {@code minIndex}. */
    byte[] get(String id, byte[] key, long minIndex) throws IOException {
        RaftClientReply r = client.io().sendStaleRead(Messages.get(key), minIndex, RaftPeerId.valueOf(id));
        if (!r.isSuccess()) {
            throw new IOException("read on " + id + " failed: " + r.getException());
        }
        return Messages.valueOf(r.getMessage());
    }

    /** {appliedIndex, engineAppliedIndex, snapshotsTaken, snapshotsInstalled} of node {@code id}. */
    long[] status(String id) throws IOException {
        RaftClientReply r = client.io().sendStaleRead(Messages.status(), 0, RaftPeerId.valueOf(id));
        if (!r.isSuccess()) {
            throw new IOException("status of " + id + " failed: " + r.getException());
        }
        return Messages.longs(r.getMessage());
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
