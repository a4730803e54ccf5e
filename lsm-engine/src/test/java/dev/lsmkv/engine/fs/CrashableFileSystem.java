package dev.lsmkv.engine.fs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * An in-memory {@link Vfs} that can lose power: {@link #crash()} keeps only what was
 * made durable, following the contract in {@link Vfs}. Modelled on Pebble's
 * {@code vfs.NewStrictMem} (with {@code CrashClone}) and LevelDB's {@code fault_injection_test}.
 *
 * <p>Model. The tree is made of nodes, like inodes. A file node holds its bytes and its synced
 * length; a directory node holds its live entries (name to node) and the entries it had at its
 * last {@link #syncDirectory}. {@link #create} makes a new node (an existing name is replaced,
 * not truncated in place), {@link #rename} moves a node from one entry to another, and
 * {@link #delete} removes an entry. On {@link #crash()} every directory reachable from the root
 * through synced entries gets its synced entries back and every file is cut to its synced
 * length. So: appends not synced are lost; a created file whose directory was never synced
 * disappears; an unsynced rename is undone (the old name comes back with the bytes synced in
 * that node) and an unsynced delete is undone.
 *
 * <p>Files made by {@link #createPreallocated} grow by zero-filled regions and are written in place,
 * as {@link PreallocatedWritableFile} does: such a file keeps the image it had at its last sync,
 * and a crash brings back that image (with {@link #crashClone(Random)}: each page written since
 * the sync comes back either as written or as it was at the sync, at random, and the length
 * either as it is or as it was at the sync, what a kernel writing pages back in no set order
 * leaves after a power loss).
 *
 * <p>Simplification: directories made by {@link #createDirectories} are durable at once (the
 * engine never syncs the parent of its own directory; tests treat it as pre-existing). Roots are
 * known implicitly.
 *
 * <p>Paths are keyed by {@code toAbsolutePath().normalize()}. Errors mirror NIO: a missing file
 * or parent gives {@link NoSuchFileException}, reading past the end {@link EOFException}.
 *
 * <p>Thread-safety: thread-safe. Every operation, including those on open handles, holds this
 * object's monitor; that is plenty for tests.
 *
 * <p>Invariants:
 * <ol>
 *   <li>0 &lt;= syncedLength &lt;= length for every file node.</li>
 *   <li>Handles opened before a crash (epoch &lt; current epoch) fail with
 *       "file system crashed"; closing them is a no-op.</li>
 *   <li>A path appears in {@code locked} only while its {@link DirectoryLock} is open and no
 *       crash happened since it was taken.</li>
 * </ol>
 */
public final class CrashableFileSystem implements Vfs {

    /** Default for {@link #usableSpace}: 1 TiB. */
    public static final long DEFAULT_USABLE_SPACE = 1L << 40;

    private final Map<String, DirNode> roots = new LinkedHashMap<>();
    private final Set<Path> locked = new HashSet<>();
    private int epoch;
    private long usableSpace = DEFAULT_USABLE_SPACE;

    public CrashableFileSystem() {
    }

    // ---------------------------------------------------------------- crash simulation

    /**
     * Simulates power loss in place: unsynced bytes and unsynced directory changes are dropped,
     * locks vanish, and every handle opened before now fails from here on.
     */
    public synchronized void crash() {
        crash(null);
    }

    private void crash(Random writeback) {
        epoch++;
        locked.clear();
        for (DirNode root : roots.values()) {
            resetToSynced(root, writeback);
        }
    }

    /**
     * Returns a new file system holding what would survive a crash now; this one, and its open
     * handles, carry on untouched (Pebble's {@code CrashClone}).
     */
    public synchronized CrashableFileSystem crashClone() {
        CrashableFileSystem clone = copy();
        clone.crash();
        return clone;
    }

    /**
     * As {@link #crashClone()}, but the pages of preallocated files written since their last sync
     * come back each as written or as synced, and their lengths as they are or as synced, as
     * {@code writeback} picks (see the class comment).
     */
    public synchronized CrashableFileSystem crashClone(Random writeback) {
        CrashableFileSystem clone = copy();
        clone.crash(writeback);
        return clone;
    }

    /**
     * Returns a full, independent copy, unsynced data included, with the same synced marks. Open
     * handles and locks are not carried over.
     */
    public synchronized CrashableFileSystem copy() {
        CrashableFileSystem clone = new CrashableFileSystem();
        clone.usableSpace = usableSpace;
        Map<Node, Node> copies = new IdentityHashMap<>();
        for (Map.Entry<String, DirNode> e : roots.entrySet()) {
            clone.roots.put(e.getKey(), (DirNode) copyNode(e.getValue(), copies));
        }
        return clone;
    }

    /** Sets what {@link #usableSpace} reports. */
    public synchronized void setUsableSpace(long bytes) {
        this.usableSpace = bytes;
    }

    // ---------------------------------------------------------------- Vfs

    @Override
    public synchronized void createDirectories(Path dir) throws IOException {
        Path abs = normalize(dir);
        DirNode current = root(abs);
        for (Path name : abs) {
            String n = name.toString();
            Node child = current.live.get(n);
            if (child == null) {
                DirNode created = new DirNode();
                current.live.put(n, created);
                current.synced.put(n, created);   // durable at once; see the class comment
                current = created;
            } else if (child instanceof DirNode d) {
                current = d;
            } else {
                throw new FileAlreadyExistsException(abs.toString(), null, "a file is in the way");
            }
        }
    }

    @Override
    public synchronized WritableFile create(Path file) throws IOException {
        Path abs = normalize(file);
        return new MemWritableFile(abs, newFile(abs, false), epoch);
    }

    /** A file that grows by zero-filled regions and is written in place (see the class comment). */
    @Override
    public synchronized WritableFile createPreallocated(Path file, boolean mapped) throws IOException {
        Path abs = normalize(file);
        return new MemWritableFile(abs, newFile(abs, true), epoch);
    }

    /** A new, empty file node at {@code abs} (an existing file there is replaced). */
    private FileNode newFile(Path abs, boolean preallocated) throws IOException {
        DirNode parent = parentDir(abs);
        String name = fileName(abs);
        if (parent.live.get(name) instanceof DirNode) {
            throw new FileSystemException(abs.toString(), null, "Is a directory");
        }
        FileNode node = new FileNode();
        if (preallocated) {
            node.durable = new byte[0];
        }
        parent.live.put(name, node);
        return node;
    }

    @Override
    public synchronized ReadableFile openReadable(Path file) throws IOException {
        Path abs = normalize(file);
        Node node = lookup(abs);
        if (node == null) {
            throw new NoSuchFileException(abs.toString());
        }
        if (!(node instanceof FileNode f)) {
            throw new FileSystemException(abs.toString(), null, "Is a directory");
        }
        return new MemReadableFile(abs, f, f.length, epoch);
    }

    @Override
    public synchronized void rename(Path source, Path target) throws IOException {
        Path src = normalize(source);
        Path dst = normalize(target);
        DirNode srcParent = parentDir(src);
        DirNode dstParent = parentDir(dst);
        Node node = srcParent.live.get(fileName(src));
        if (node == null) {
            throw new NoSuchFileException(src.toString());
        }
        if (src.equals(dst)) {
            return;
        }
        Node replaced = dstParent.live.get(fileName(dst));
        if (replaced instanceof DirNode d && !d.live.isEmpty()) {
            throw new DirectoryNotEmptyException(dst.toString());
        }
        if (replaced != null && (replaced instanceof DirNode) != (node instanceof DirNode)) {
            throw new FileSystemException(src.toString(), dst.toString(), "cannot replace a file with a directory or back");
        }
        srcParent.live.remove(fileName(src));
        dstParent.live.put(fileName(dst), node);
    }

    @Override
    public synchronized void delete(Path file) throws IOException {
        Path abs = normalize(file);
        if (abs.getParent() == null) {
            throw new FileSystemException(abs.toString(), null, "cannot delete a root");
        }
        DirNode parent = dirOrNull(abs.getParent());
        if (parent == null) {
            return;
        }
        Node node = parent.live.get(fileName(abs));
        if (node instanceof DirNode d && !d.live.isEmpty()) {
            throw new DirectoryNotEmptyException(abs.toString());
        }
        parent.live.remove(fileName(abs));
    }

    @Override
    public synchronized boolean exists(Path file) {
        try {
            return lookup(normalize(file)) != null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized long size(Path file) throws IOException {
        Path abs = normalize(file);
        Node node = lookup(abs);
        if (node == null) {
            throw new NoSuchFileException(abs.toString());
        }
        return node instanceof FileNode f ? f.length : 0;
    }

    @Override
    public synchronized List<String> list(Path dir) throws IOException {
        return new ArrayList<>(dir(normalize(dir)).live.keySet());
    }

    @Override
    public synchronized void syncDirectory(Path dir) throws IOException {
        DirNode d = dir(normalize(dir));
        d.synced.clear();
        d.synced.putAll(d.live);
    }

    @Override
    public synchronized DirectoryLock lock(Path lockFile) throws IOException {
        Path abs = normalize(lockFile);
        DirNode parent = parentDir(abs);
        String name = fileName(abs);
        Node existing = parent.live.get(name);
        if (existing instanceof DirNode) {
            throw new FileSystemException(abs.toString(), null, "Is a directory");
        }
        if (!locked.add(abs)) {
            throw new IOException("already locked: " + abs);
        }
        if (existing == null) {
            parent.live.put(name, new FileNode());
        }
        int lockEpoch = epoch;
        return () -> {
            synchronized (CrashableFileSystem.this) {
                if (lockEpoch == epoch) {
                    locked.remove(abs);
                }
            }
        };
    }

    @Override
    public synchronized long usableSpace(Path dir) {
        return usableSpace;
    }

    // ---------------------------------------------------------------- tree helpers (REQUIRES: monitor held)

    private static Path normalize(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static String fileName(Path abs) throws IOException {
        Path name = abs.getFileName();
        if (name == null) {
            throw new FileSystemException(abs.toString(), null, "a root has no name");
        }
        return name.toString();
    }

    private DirNode root(Path abs) {
        return roots.computeIfAbsent(abs.getRoot().toString(), r -> new DirNode());
    }

    /** The node at {@code abs}, or null if it or a parent is missing. */
    private Node lookup(Path abs) throws IOException {
        Node current = root(abs);
        for (Path name : abs) {
            if (!(current instanceof DirNode d)) {
                return null;
            }
            current = d.live.get(name.toString());
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private DirNode dirOrNull(Path abs) throws IOException {
        return lookup(abs) instanceof DirNode d ? d : null;
    }

    private DirNode dir(Path abs) throws IOException {
        Node node = lookup(abs);
        if (node == null) {
            throw new NoSuchFileException(abs.toString());
        }
        if (!(node instanceof DirNode d)) {
            throw new NotDirectoryException(abs.toString());
        }
        return d;
    }

    private DirNode parentDir(Path abs) throws IOException {
        Path parent = abs.getParent();
        if (parent == null) {
            throw new FileSystemException(abs.toString(), null, "a root has no parent");
        }
        DirNode d = dirOrNull(parent);
        if (d == null) {
            throw new NoSuchFileException(abs.toString(), null, "parent directory missing");
        }
        return d;
    }

    private static void resetToSynced(DirNode dir, Random writeback) {
        dir.live.clear();
        dir.live.putAll(dir.synced);
        for (Node child : dir.live.values()) {
            if (child instanceof DirNode d) {
                resetToSynced(d, writeback);
            } else {
                FileNode f = (FileNode) child;
                if (f.durable == null) {
                    f.length = f.syncedLength;
                } else {
                    resetPreallocated(f, writeback);
                }
            }
        }
    }

    /** A page of a preallocated file: what comes back after a crash is decided page by page. */
    static final int PAGE = 4096;

    /**
     * A preallocated file after a crash: its image at the last sync, or, with {@code writeback},
     * each page written since as written or as synced (zeros past the synced image), and the
     * length as it is or as synced.
     */
    private static void resetPreallocated(FileNode f, Random writeback) {
        int length = writeback != null && writeback.nextBoolean() ? f.length : f.syncedLength;
        byte[] image = new byte[Math.max(64, length)];
        System.arraycopy(f.durable, 0, image, 0, Math.min(length, f.syncedLength));
        if (writeback != null) {
            for (int page = f.dirtyFrom - f.dirtyFrom % PAGE; page < Math.min(length, f.length); page += PAGE) {
                if (writeback.nextBoolean()) {
                    int end = Math.min(page + PAGE, Math.min(length, f.length));
                    System.arraycopy(f.data, page, image, page, end - page);
                }
            }
        }
        f.data = image;
        f.length = length;
        f.syncedLength = length;
        f.durable = Arrays.copyOf(image, length);
        f.dirtyFrom = length;
    }

    private static Node copyNode(Node node, Map<Node, Node> copies) {
        Node done = copies.get(node);
        if (done != null) {
            return done;
        }
        if (node instanceof FileNode f) {
            FileNode c = new FileNode();
            c.data = Arrays.copyOf(f.data, f.data.length);
            c.length = f.length;
            c.syncedLength = f.syncedLength;
            c.durable = f.durable == null ? null : f.durable.clone();
            c.dirtyFrom = f.dirtyFrom;
            copies.put(node, c);
            return c;
        }
        DirNode d = (DirNode) node;
        DirNode c = new DirNode();
        copies.put(node, c);
        d.live.forEach((name, child) -> c.live.put(name, copyNode(child, copies)));
        d.synced.forEach((name, child) -> c.synced.put(name, copyNode(child, copies)));
        return c;
    }

    private void checkAlive(int handleEpoch, Path path) throws IOException {
        if (handleEpoch != epoch) {
            throw new IOException("file system crashed: " + path);
        }
    }

    // ---------------------------------------------------------------- nodes and handles

    private sealed interface Node permits FileNode, DirNode {
    }

    private static final class FileNode implements Node {
        byte[] data = new byte[64];
        int length;
        int syncedLength;
        /** A preallocated file's bytes at its last sync ({@code syncedLength} of them); null for an appended file. */
        byte[] durable;
        /** A preallocated file's first byte written since its last sync. */
        int dirtyFrom;
    }

    private static final class DirNode implements Node {
        final Map<String, Node> live = new LinkedHashMap<>();
        final Map<String, Node> synced = new LinkedHashMap<>();
    }

    private final class MemWritableFile implements WritableFile {
        private final Path path;
        private final FileNode node;
        private final int handleEpoch;
        private long appended;
        private boolean closed;

        MemWritableFile(Path path, FileNode node, int handleEpoch) {
            this.path = path;
            this.node = node;
            this.handleEpoch = handleEpoch;
        }

        @Override
        public void append(byte[] data, int offset, int length) throws IOException {
            synchronized (CrashableFileSystem.this) {
                checkOpen();
                Objects.checkFromIndexSize(offset, length, data.length);
                if (node.durable != null) {
                    appendInPlace(data, offset, length);
                    return;
                }
                int needed = node.length + length;
                if (needed < 0) {
                    throw new IOException("file too large for the in-memory file system: " + path);
                }
                if (needed > node.data.length) {
                    node.data = Arrays.copyOf(node.data, Math.max(needed, node.data.length * 2));
                }
                System.arraycopy(data, offset, node.data, node.length, length);
                node.length = needed;
                appended += length;
            }
        }

        /** A preallocated file's append: zero-filled regions ahead, the bytes written over them. */
        private void appendInPlace(byte[] data, int offset, int length) throws IOException {
            long end = appended + length;
            if (end > Integer.MAX_VALUE - PreallocatedWritableFile.REGION_BYTES) {
                throw new IOException("file too large for the in-memory file system: " + path);
            }
            if (end > node.length) {
                long region = PreallocatedWritableFile.REGION_BYTES;
                int newLength = (int) ((end + region - 1) / region * region);
                if (newLength > node.data.length) {
                    node.data = Arrays.copyOf(node.data, newLength);
                }
                Arrays.fill(node.data, node.length, newLength, (byte) 0);
                node.dirtyFrom = Math.min(node.dirtyFrom, node.length);
                node.length = newLength;
            }
            System.arraycopy(data, offset, node.data, (int) appended, length);
            node.dirtyFrom = (int) Math.min(node.dirtyFrom, appended);
            appended = end;
        }

        @Override
        public void sync() throws IOException {
            synchronized (CrashableFileSystem.this) {
                checkOpen();
                if (node.durable != null) {
                    node.durable = Arrays.copyOf(node.durable, node.length);
                    int from = Math.min(node.dirtyFrom, node.syncedLength);
                    System.arraycopy(node.data, from, node.durable, from, node.length - from);
                    node.dirtyFrom = node.length;
                }
                node.syncedLength = node.length;
            }
        }

        @Override
        public long size() {
            synchronized (CrashableFileSystem.this) {
                return appended;
            }
        }

        /** Closing a preallocated file truncates its zeros, as {@link PreallocatedWritableFile#close()} does (not synced). */
        @Override
        public void close() {
            synchronized (CrashableFileSystem.this) {
                if (!closed && node.durable != null && handleEpoch == epoch && node.length > appended) {
                    node.length = (int) appended;
                }
                closed = true;
            }
        }

        private void checkOpen() throws IOException {
            checkAlive(handleEpoch, path);
            if (closed) {
                throw new IOException("file closed: " + path);
            }
        }
    }

    private final class MemReadableFile implements ReadableFile {
        private final Path path;
        private final FileNode node;
        private final long sizeAtOpen;
        private final int handleEpoch;
        private boolean closed;

        MemReadableFile(Path path, FileNode node, long sizeAtOpen, int handleEpoch) {
            this.path = path;
            this.node = node;
            this.sizeAtOpen = sizeAtOpen;
            this.handleEpoch = handleEpoch;
        }

        @Override
        public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
            synchronized (CrashableFileSystem.this) {
                checkAlive(handleEpoch, path);
                if (closed) {
                    throw new IOException("file closed: " + path);
                }
                Objects.checkFromIndexSize(offset, length, dst.length);
                if (position < 0) {
                    throw new IllegalArgumentException("negative position " + position + " in " + path);
                }
                if (position + length > node.length) {
                    throw new EOFException("end of file " + path + " at " + node.length + " reading "
                            + length + " bytes at " + position);
                }
                System.arraycopy(node.data, (int) position, dst, offset, length);
            }
        }

        @Override
        public long size() {
            return sizeAtOpen;
        }

        @Override
        public void close() {
            synchronized (CrashableFileSystem.this) {
                closed = true;
            }
        }
    }
}
