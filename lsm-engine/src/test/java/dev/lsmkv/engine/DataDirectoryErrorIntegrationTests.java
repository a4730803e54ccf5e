package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, bug 6: when the data directory could not be created, the error said it was locked
 * by another engine. Now it says it cannot be created and what to check.
 */
class DataDirectoryErrorIntegrationTests {

    @TempDir
    Path tmp;

    @Test
    void parentIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Path dir = file.resolve("db");
        assertThatThrownBy(() -> LsmEngine.open(dir, EngineOptions.defaults()))
                .isInstanceOf(LsmException.class)
                .hasMessageContaining("cannot open " + dir + ": the data directory cannot be created")
                .hasMessageContaining("not a file")
                .hasMessageNotContaining("locked");
    }

    @Test
    void noPermissionToCreateIt() throws IOException {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root may create anywhere");
        Path parent = Files.createDirectory(tmp.resolve("read-only"));
        assumeTrue(Files.getFileStore(parent).supportsFileAttributeView("posix"), "needs POSIX permissions");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path dir = parent.resolve("db");
            assertThatThrownBy(() -> LsmEngine.open(dir, EngineOptions.defaults()))
                    .isInstanceOf(LsmException.class)
                    .hasMessageContaining("the data directory cannot be created")
                    .hasMessageNotContaining("locked");
        } finally {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
