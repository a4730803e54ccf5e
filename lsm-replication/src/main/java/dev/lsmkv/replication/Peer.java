package dev.lsmkv.replication;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One member of a replication group: its id and the host and port its Raft (gRPC) server listens
 * on. Written {@code id@host:port}, as in {@code lsm.replication.peers}.
 */
public record Peer(String id, String host, int port) {

    public Peer {
        if (id == null || id.isBlank() || !id.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("peer id '" + id + "' must be letters, digits, '_', '.' or '-'");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("peer " + id + " has no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("peer " + id + " has port " + port + ", expected 1 to 65535");
        }
    }

    /** The peer written {@code id@host:port}. */
    public static Peer parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        int at = s.indexOf('@');
        int colon = s.lastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == s.length() - 1) {
            throw new IllegalArgumentException("peer '" + spec + "' is not of the form id@host:port (e.g. n1@127.0.0.1:9871)");
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("peer '" + spec + "' has a port that is not a number", e);
        }
        return new Peer(s.substring(0, at), s.substring(at + 1, colon), port);
    }

    /** The peers of a comma-separated list {@code id@host:port,...}; ids must be unique. */
    public static List<Peer> parseList(String specs) {
        List<Peer> peers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String spec : (specs == null ? "" : specs).split(",")) {
            if (spec.isBlank()) {
                continue;
            }
            Peer p = parse(spec);
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("peer id '" + p.id() + "' appears twice in '" + specs + "'");
            }
            peers.add(p);
        }
        return List.copyOf(peers);
    }

    /** {@code host:port}, the address Ratis dials. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s@%s:%d", id, host, port);
    }
}
