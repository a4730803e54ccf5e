package dev.lsmkv.replication;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;

/**
 * The node's Ratis snapshots: each is an engine checkpoint in {@code snapshots/snapshot.TERM_INDEX/}.
 * Ratis sends the files of the latest one to a follower whose next log entry was purged, and on
 * that follower writes them under {@code snapshot-tmp/}, then renames the whole directory into
 * {@code snapshots/} (with an {@code .md5} file beside each file, which restore skips).
 *
 * <p>Thread-safety: {@link #refresh()} is called by the state machine's single updater thread;
 * {@link #getLatestSnapshot()} may be called from any thread.
 */
final class SnapshotStore implements StateMachineStorage {

    private static final Pattern NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");

    private final Path dir;
    private final Path tmpDir;
    private volatile FileListSnapshotInfo latest;

    SnapshotStore(Path dir, Path tmpDir) {
        this.dir = dir;
        this.tmpDir = tmpDir;
    }

    @Override
    public void init(RaftStorage raftStorage) throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(tmpDir);
        refresh();
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return latest;
    }

    @Override
    public void format() {
    }

    /** Keeps only the latest snapshot: the log before it is purged, so an older one is of no use. */
    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
        FileListSnapshotInfo keep = latest;
        if (keep == null) {
            return;
        }
        Path kept = dirOf(keep.getTermIndex());
        try (Stream<Path> children = Files.list(dir)) {
            for (Path p : children.toList()) {
                if (!p.equals(kept)) {
                    deleteRecursively(p);
                }
            }
        }
    }

    @Override
    public File getSnapshotDir() {
        return dir.toFile();
    }

    @Override
    public File getTmpDir() {
        return tmpDir.toFile();
    }

    /** The directory of the snapshot at {@code ti}. */
    Path dirOf(TermIndex ti) {
        return dir.resolve("snapshot." + ti.getTerm() + "_" + ti.getIndex());
    }

    /** Re-reads the snapshot directory and returns the latest snapshot, or null. */
    FileListSnapshotInfo refresh() throws IOException {
        TermIndex best = null;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                for (Path p : children.toList()) {
                    Matcher m = NAME.matcher(p.getFileName().toString());
                    if (m.matches() && Files.isDirectory(p)) {
                        TermIndex ti = TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                        if (best == null || ti.getIndex() > best.getIndex()) {
                            best = ti;
                        }
                    }
                }
            }
        }
        if (best == null) {
            latest = null;
            return null;
        }
        List<FileInfo> files = new ArrayList<>();
        for (Path f : filesOf(dirOf(best))) {
            files.add(new FileInfo(f, null)); // Ratis digests each file while sending it
        }
        latest = new FileListSnapshotInfo(files, best);
        return latest;
    }

    /** The engine files of the snapshot directory {@code snapshotDir}, sorted, without Ratis's .md5 files. */
    static List<Path> filesOf(Path snapshotDir) throws IOException {
        try (Stream<Path> walk = Files.walk(snapshotDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".md5"))
                    .sorted()
                    .toList();
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw new IOException("cannot delete " + p + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
