package dev.lsmkv.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.EOFException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedReadableFileTests {

    @TempDir
    Path dir;

    private Path fileOf(int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path file = dir.resolve("f" + size);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void readsTheSameBytesAsPositionalReads() throws Exception {
        Path file = fileOf(100_000);
        try (ReadableFile mapped = NioFileSystem.INSTANCE.openMapped(file);
                ReadableFile plain = NioFileSystem.INSTANCE.openReadable(file)) {
            assertThat(mapped).isInstanceOf(MappedReadableFile.class);
            assertThat(mapped.size()).isEqualTo(100_000);
            Random random = new Random(1);
            for (int i = 0; i < 1000; i++) {
                int length = random.nextInt(5000);
                long position = random.nextInt(100_000 - length + 1);
                byte[] a = new byte[length + 3];
                byte[] b = new byte[length + 3];
                mapped.readFully(position, a, 3, length);
                plain.readFully(position, b, 3, length);
                assertThat(a).as("read of %d at %d", length, position).isEqualTo(b);
            }
            byte[] last = new byte[1];
            mapped.readFully(99_999, last, 0, 1);
            assertThat(last[0]).isEqualTo(Files.readAllBytes(file)[99_999]);
        }
    }

    @Test
    void aReadPastTheEndIsAnEofNamingTheFile() throws Exception {
        Path file = fileOf(1000);
        try (ReadableFile mapped = NioFileSystem.INSTANCE.openMapped(file)) {
            assertThatThrownBy(() -> mapped.readFully(990, new byte[20], 0, 20))
                    .isInstanceOf(EOFException.class).hasMessageContaining(file.toString());
            assertThatThrownBy(() -> mapped.readFully(-1, new byte[1], 0, 1)).isInstanceOf(EOFException.class);
            assertThatThrownBy(() -> mapped.readFully(Long.MAX_VALUE, new byte[1], 0, 1)).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aReadAfterCloseThrowsAndCloseIsIdempotent() throws Exception {
        Path file = fileOf(1000);
        ReadableFile mapped = NioFileSystem.INSTANCE.openMapped(file);
        mapped.close();
        mapped.close();
        assertThatThrownBy(() -> mapped.readFully(0, new byte[1], 0, 1)).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void anEmptyFileIsOpenedForPositionalReads() throws Exception {
        Path file = dir.resolve("empty");
        Files.write(file, new byte[0]);
        try (ReadableFile f = NioFileSystem.INSTANCE.openMapped(file)) {
            assertThat(f).isNotInstanceOf(MappedReadableFile.class);
            assertThat(f.size()).isZero();
        }
    }

    @Test
    void closeReleasesTheMappingSoADeletedFileLeavesTheProcess() throws Exception {
        Path maps = Path.of("/proc/self/maps");
        assumeThat(Files.isReadable(maps)).as("Linux: /proc/self/maps lists the process's mappings").isTrue();
        assumeThat(MappedReadableFile.unmapsOnClose()).as("jdk.unsupported's Unsafe.invokeCleaner").isTrue();
        Path file = fileOf(200_000);
        String name = file.toAbsolutePath().toString();
        ReadableFile mapped = NioFileSystem.INSTANCE.openMapped(file);
        mapped.readFully(0, new byte[10], 0, 10);
        assertThat(Files.readString(maps)).as("mapped while open").contains(name);
        Files.delete(file);
        mapped.close();
        assertThat(Files.readString(maps)).as("unmapped by close, not at a later GC").doesNotContain(name);
    }
}
