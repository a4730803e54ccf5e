package dev.lsmkv.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.fs.FaultInjectingFileSystem.Op;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectingFileSystemTests {

    private static final Path DIR = Path.of("/db");

    private CrashableFileSystem mem;
    private FaultInjectingFileSystem fs;

    @BeforeEach
    void setUp() throws IOException {
        mem = new CrashableFileSystem();
        mem.createDirectories(DIR);
        fs = new FaultInjectingFileSystem(mem);
    }

    @Test
    void failNthFailsExactlyThatOperationAndNothingElse() throws IOException {
        IOException boom = new IOException("boom");
        fs.failNth(Op.SYNC, 2, boom);
        try (WritableFile w = fs.create(DIR.resolve("a"))) {
            w.append(bytes("1"));
            w.sync();
            w.append(bytes("2"));
            assertThatThrownBy(w::sync).isSameAs(boom);
            w.append(bytes("3"));
            w.sync();
        }
        fs.syncDirectory(DIR);
        assertThat(fs.count(Op.SYNC)).isEqualTo(3);
        assertThat(fs.count(Op.APPEND)).isEqualTo(3);
        assertThat(read(DIR.resolve("a"))).isEqualTo("123");
    }

    @Test
    void failNthCountsFromWhenArmed() throws IOException {
        fs.list(DIR);
        fs.list(DIR);
        fs.failNth(Op.LIST, 1, new IOException("boom"));
        assertThatThrownBy(() -> fs.list(DIR)).hasMessage("boom");
        assertThat(fs.list(DIR)).isEmpty();
    }

    @Test
    void failedOperationLeavesWrappedFileSystemUntouched() throws IOException {
        writeFile(DIR.resolve("a"), "x");
        fs.failNth(Op.RENAME, 1, new IOException("boom"));
        fs.failNth(Op.DELETE, 1, new IOException("boom"));
        fs.failNth(Op.CREATE, 1, new IOException("boom"));
        assertThatThrownBy(() -> fs.rename(DIR.resolve("a"), DIR.resolve("b"))).hasMessage("boom");
        assertThatThrownBy(() -> fs.delete(DIR.resolve("a"))).hasMessage("boom");
        assertThatThrownBy(() -> fs.create(DIR.resolve("c"))).hasMessage("boom");
        assertThat(mem.list(DIR)).containsExactly("a");
    }

    @Test
    void failAlwaysFailsEveryOperationOfThatKindUntilCleared() throws IOException {
        writeFile(DIR.resolve("a"), "x");
        fs.failAlways(Op.READ, new IOException("bad sector"));
        try (ReadableFile r = fs.openReadable(DIR.resolve("a"))) {
            byte[] buf = new byte[1];
            assertThatThrownBy(() -> r.readFully(0, buf, 0, 1)).hasMessage("bad sector");
            assertThatThrownBy(() -> r.readFully(0, buf, 0, 1)).hasMessage("bad sector");
            fs.clear();
            r.readFully(0, buf, 0, 1);
        }
        assertThat(fs.count(Op.READ)).isEqualTo(3);
        assertThat(fs.count(Op.OPEN)).isEqualTo(1);
    }

    @Test
    void failAfterBytesGivesDiskFullAndWritesWhatFits() throws IOException {
        fs.failAfterBytes(5);
        Path f = DIR.resolve("a");
        try (WritableFile w = fs.create(f)) {
            w.append(bytes("abc"));
            assertThat(fs.usableSpace(DIR)).isEqualTo(2);
            assertThatThrownBy(() -> w.append(bytes("defg")))
                    .isInstanceOf(IOException.class).hasMessage("No space left on device");
            assertThatThrownBy(() -> w.append(bytes("h"))).hasMessage("No space left on device");
        }
        assertThat(read(f)).isEqualTo("abcde");
        fs.clear();
        assertThat(fs.usableSpace(DIR)).isEqualTo(CrashableFileSystem.DEFAULT_USABLE_SPACE);
    }

    @Test
    void diskFullMessageIsExactlyLinuxs() {
        assertThat(FaultInjectingFileSystem.diskFull()).hasMessage("No space left on device")
                .isNotSameAs(FaultInjectingFileSystem.diskFull());
    }

    @Test
    void countersCountEachKind() throws IOException {
        runWorkload();
        assertThat(fs.count(Op.CREATE)).isEqualTo(2);
        assertThat(fs.count(Op.APPEND)).isEqualTo(2);
        assertThat(fs.count(Op.SYNC)).isEqualTo(2);
        assertThat(fs.count(Op.RENAME)).isEqualTo(1);
        assertThat(fs.count(Op.DIR_SYNC)).isEqualTo(1);
        assertThat(fs.count(Op.DELETE)).isEqualTo(1);
        assertThat(fs.count(Op.LIST)).isEqualTo(1);
        assertThat(fs.count(Op.OPEN)).isEqualTo(1);
        assertThat(fs.count(Op.READ)).isEqualTo(1);
        fs.resetCounts();
        assertThat(fs.count(Op.CREATE)).isZero();
    }

    @Test
    void injectionPointCanWalkThroughEveryOperationOfAWorkload() throws IOException {
        runWorkload();
        long syncs = fs.count(Op.SYNC);
        List<Long> failedAt = new ArrayList<>();
        for (int n = 1; n <= syncs; n++) {
            setUp();
            fs.failNth(Op.SYNC, n, new IOException("sync " + n));
            try {
                runWorkload();
            } catch (IOException e) {
                assertThat(e).hasMessage("sync " + n);
                failedAt.add(fs.count(Op.SYNC));
            }
        }
        assertThat(failedAt).containsExactly(1L, 2L);
    }

    @Test
    void resetCountsKeepsPendingFaultOnTheSameOperation() throws IOException {
        fs.list(DIR);
        fs.failNth(Op.LIST, 2, new IOException("boom"));
        fs.resetCounts();
        fs.list(DIR);
        assertThatThrownBy(() -> fs.list(DIR)).hasMessage("boom");
    }

    // ---------------------------------------------------------------- helpers

    /** Writes a file and installs it under a new name, roughly as CURRENT is replaced. */
    private void runWorkload() throws IOException {
        writeFile(DIR.resolve("tmp"), "x");
        fs.rename(DIR.resolve("tmp"), DIR.resolve("CURRENT"));
        fs.syncDirectory(DIR);
        writeFile(DIR.resolve("old"), "y");
        fs.delete(DIR.resolve("old"));
        fs.list(DIR);
        read(DIR.resolve("CURRENT"));
    }

    private void writeFile(Path f, String s) throws IOException {
        try (WritableFile w = fs.create(f)) {
            w.append(bytes(s));
            w.sync();
        }
    }

    private String read(Path f) throws IOException {
        try (ReadableFile r = fs.openReadable(f)) {
            byte[] buf = new byte[(int) r.size()];
            r.readFully(0, buf, 0, buf.length);
            return new String(buf, StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
