package dev.lsmkv.cli;

import dev.lsmkv.engine.iterator.UserIterator;
import dev.lsmkv.engine.tool.EntryFormat;
import dev.lsmkv.engine.tool.StoreReader;
import dev.lsmkv.engine.tool.StoreState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scan", description = {"Print the live entries of [--from, --to) in key order.",
    "One per line: KEY = VALUE, with (expires INSTANT) for an entry with a time to live. Deleted and expired "
        + "entries never show. The number of entries goes to stderr."})
final class ScanCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The data directory.")
    Path dir;

    @Option(names = "--from", paramLabel = "K", description = "First key (inclusive); with --keyspace an id.")
    String from;

    @Option(names = "--to", paramLabel = "K", description = "Key to stop before (exclusive); with --keyspace an id.")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N entries.")
    long limit = Long.MAX_VALUE;

    @Mixin
    FormatOptions format = new FormatOptions();

    @Mixin
    KeyspaceOptions keyspace = new KeyspaceOptions();

    @Override
    int run() throws IOException {
        if (limit < 0) {
            throw new CliException(ExitCodes.USAGE, "--limit must not be negative, was " + limit);
        }
        byte[] lo;
        byte[] hi;
        if (keyspace.keyspace != null) {
            byte[] prefix = StarterLayout.dataPrefix(keyspace.keyspace);
            lo = from != null ? StarterLayout.entityKey(keyspace.keyspace, from, keyspace.idType) : prefix;
            if (to != null) {
                hi = StarterLayout.entityKey(keyspace.keyspace, to, keyspace.idType);
            } else {
                hi = Arrays.copyOf(prefix, prefix.length);
                hi[hi.length - 1]++; // the next kind: just past every entity key of the keyspace
            }
        } else {
            lo = from == null ? null : format.keyFormat.parse(from, "--from");
            hi = to == null ? null : format.keyFormat.parse(to, "--to");
        }
        long shown = 0;
        try (Stores.ReadSession s = Stores.read(dir, err())) {
            StoreState state = s.inspector().readState();
            try (StoreReader reader = StoreReader.open(s.inspector(), state, true, System.currentTimeMillis());
                    UserIterator it = reader.scan(lo, hi)) {
                for (String note : reader.notes()) {
                    err().println("note: " + note);
                }
                while (shown < limit && it.next()) {
                    byte[] k = it.key();
                    byte[] v = it.value();
                    String line = keyspace.keyspace != null
                            ? idOf(k) + " = " + StarterLayout.describeEntity(v)
                            : format.keyFormat.format(k) + " = " + format.value().apply(v);
                    long expires = it.expiresAtMillis();
                    out().println(expires == 0 ? line : line + "  (expires " + EntryFormat.expiry(expires) + ")");
                    shown++;
                }
            }
        }
        err().println(shown + (shown == 1 ? " entry" : " entries"));
        return ExitCodes.OK;
    }

    private static String idOf(byte[] entityKey) {
        String described = StarterLayout.describeKey(entityKey);
        if (described == null) {
            return ByteFormat.escapedUtf8(entityKey);
        }
        return described.substring(described.indexOf("/data/") + "/data/".length());
    }
}
