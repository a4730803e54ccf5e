package dev.lsmkv.engine;

import static dev.lsmkv.engine.AckModel.b;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, bug 5: {@link EngineStats#userBytesWritten()} is documented as the key and value
 * bytes users wrote, but counted 16 more per operation (the write-group sizing overhead), so
 * {@link EngineStats#writeAmplification()} came out too small.
 */
class UserBytesWrittenIntegrationTests {

    @Test
    void countsExactlyTheKeyAndValueBytes() {
        try (LsmEngine db = LsmEngine.open(Path.of("/user-bytes"),
                EngineOptions.builder().fileSystem(new CrashableFileSystem()).build())) {
            db.put(b("key"), b("value"));                              // 3 + 5
            db.put(b("ttl"), b("v"), Duration.ofMinutes(1));           // 3 + 1 (the TTL header is not user data)
            db.delete(b("gone"));                                      // 4
            db.write(new WriteBatch().put(b("a"), b("bc")).delete(b("d"))); // 1 + 2 + 1
            assertThat(db.stats().userBytesWritten()).isEqualTo(8 + 4 + 4 + 4);
        }
    }
}
