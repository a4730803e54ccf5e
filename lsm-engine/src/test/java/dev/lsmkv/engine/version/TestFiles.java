package dev.lsmkv.engine.version;

import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalKey;
import java.nio.charset.StandardCharsets;

/** Builds file metadata over string user keys for the tests of this package. */
final class TestFiles {

    private TestFiles() {
    }

    static byte[] key(String userKey) {
        return userKey.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ikey(String userKey, long sequence) {
        return InternalKey.encode(key(userKey), sequence, EntryKind.PUT);
    }

    /** A file over [smallest@200, largest@100] of {@code size} bytes. */
    static FileMetaData file(long number, String smallest, String largest, long size) {
        return new FileMetaData(number, size, ikey(smallest, 200), ikey(largest, 100), 10, 1, 100, 200,
                FileMetaData.NO_EXPIRY);
    }

    static FileMetaData file(long number, String smallest, String largest) {
        return file(number, smallest, largest, 1000);
    }
}
