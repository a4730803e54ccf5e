package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.fs.MemFile;
import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.cache.BlockCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: building tables in memory and opening them. */
final class Tables {

    static final Path PATH = Path.of("/db/000042.sst");

    private Tables() {
    }

    record KV(byte[] key, byte[] value) {
    }

    static byte[] ikey(String user, long seq, EntryKind kind) {
        return InternalKey.encode(user.getBytes(StandardCharsets.UTF_8), seq, kind);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String userKey(int i) {
        return String.format("key%08d", i);
    }

    /** n entries key%08d (step 2 so odd numbers are absent), PUT at sequence i+1, value "value-i". */
    static List<KV> sequential(int n) {
        List<KV> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new KV(ikey(userKey(2 * i), i + 1, EntryKind.PUT), bytes("value-" + i)));
        }
        return out;
    }

    static TableOptions options(int blockSize, int restartInterval, Compression c, int bloomBits) {
        return new TableOptions(blockSize, restartInterval, c, bloomBits);
    }

    static byte[] build(List<KV> entries, TableOptions options) throws IOException {
        MemFile f = new MemFile();
        TableBuilder b = new TableBuilder(f, PATH, options);
        for (KV kv : entries) {
            b.add(kv.key(), kv.value());
        }
        b.finish();
        return f.bytes();
    }

    static TableReader open(byte[] file) throws IOException {
        return open(file, null, null);
    }

    static TableReader open(byte[] file, BlockCache cache, TableStats stats) throws IOException {
        return TableReader.open(MemFile.readable(file), PATH, 42, cache, stats);
    }
}
