package dev.lsmkv.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports for test groups. */
final class TestPorts {

    private TestPorts() {
    }

    /** {@code n} peers n1..nN on 127.0.0.1, each on a port that was free a moment ago. */
    static List<Peer> peers(int n) {
        List<ServerSocket> held = new ArrayList<>();
        List<Peer> peers = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                peers.add(new Peer("n" + i, "127.0.0.1", s.getLocalPort()));
            }
            return peers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    static String specs(List<Peer> peers) {
        return String.join(",", peers.stream().map(Peer::toString).toList());
    }
}
