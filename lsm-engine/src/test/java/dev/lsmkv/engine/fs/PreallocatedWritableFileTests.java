package dev.lsmkv.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogReader;
import dev.lsmkv.engine.wal.LogWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreallocatedWritableFileTests {

    private static final int REGION = PreallocatedWritableFile.REGION_BYTES;

    @TempDir
    Path dir;

    private static void onLinuxIfMapped(boolean mapped) {
        if (mapped) {
            assumeThat(NioFileSystem.mapsWrites()).as("mapped writes are used on Linux only").isTrue();
        }
    }

    @ParameterizedTest(name = "mapped: {0}")
    @ValueSource(booleans = {true, false})
    void appendsAcrossRegionsReadBackExactlyAndCloseTruncatesTheZeroes(boolean mapped) throws Exception {
        onLinuxIfMapped(mapped);
        Path file = dir.resolve("f");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (WritableFile out = NioFileSystem.INSTANCE.createPreallocated(file, mapped)) {
            assertThat(out).isInstanceOf(PreallocatedWritableFile.class);
            // small appends, one straddling the first region's end, one larger than a whole region
            for (int length : new int[] {1, 200, REGION - 300, 1000, 2 * REGION + 17, 0, 5}) {
                byte[] data = new byte[length + 4];
                random.nextBytes(data);
                out.append(data, 2, length);
                expected.write(data, 2, length);
                assertThat(out.size()).isEqualTo(expected.size());
            }
            // before the close the file ends in the preallocated zeros of its last region
            long onDisk = Files.size(file);
            assertThat(onDisk % REGION).isZero();
            assertThat(onDisk).isGreaterThan(out.size());
            byte[] whole = Files.readAllBytes(file);
            assertThat(Arrays.copyOf(whole, expected.size())).isEqualTo(expected.toByteArray());
            for (long i = out.size(); i < onDisk; i++) {
                assertThat(whole[(int) i]).as("byte %d", i).isZero();
            }
            out.sync();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    }

    @ParameterizedTest(name = "mapped: {0}")
    @ValueSource(booleans = {true, false})
    void aLogNotClosedReadsToACleanEndOverItsZeroes(boolean mapped) throws Exception {
        // What a crash leaves: the records, then zeros to the end of the region.
        onLinuxIfMapped(mapped);
        Path file = dir.resolve("000001.log");
        List<byte[]> records = new ArrayList<>();
        Random random = new Random(11);
        WritableFile out = NioFileSystem.INSTANCE.createPreallocated(file, mapped);
        try {
            LogWriter log = new LogWriter(out, file, LogFormat.WAL_MAGIC);
            for (int i = 0; i < 3000; i++) {
                byte[] record = new byte[random.nextInt(i % 100 == 0 ? 70_000 : 600)];
                random.nextBytes(record);
                records.add(record);
                log.addRecord(record);
                log.flush();
            }
            assertThat(Files.size(file)).isGreaterThan(out.size());
            Path copy = dir.resolve("000002.log");
            Files.copy(file, copy);
            try (LogReader reader = new LogReader(NioFileSystem.INSTANCE.openReadable(copy), copy, LogFormat.WAL_MAGIC)) {
                for (byte[] record : records) {
                    assertThat(reader.readRecord()).isEqualTo(record);
                }
                assertThat(reader.readRecord()).isNull();
                assertThat(reader.stoppedAtTornTail()).as("zeros are a clean end, not a torn tail").isFalse();
                assertThat(reader.endOfLastRecord()).isEqualTo(out.size());
            }
        } finally {
            out.close();
        }
    }

    @Test
    void aFileSystemThatRefusesTheMappingGetsWriteCallsAndTheSameFile() throws Exception {
        onLinuxIfMapped(true);
        Path file = dir.resolve("f");
        int[] maps = {0};
        PreallocatedWritableFile.Mapper refusesTheSecond = (f, start) -> {
            if (++maps[0] >= 2) {
                throw new IOException("Operation not supported (as a network file system says)");
            }
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                return ch.map(FileChannel.MapMode.READ_WRITE, start, REGION);
            }
        };
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(5);
        try (WritableFile out = new PreallocatedWritableFile(file, new RandomAccessFile(file.toFile(), "rw"),
                refusesTheSecond)) {
            for (int i = 0; i < 40; i++) { // 40 x ~60 KiB: past the first region, then through write calls
                byte[] data = new byte[60_000 + random.nextInt(1000)];
                random.nextBytes(data);
                out.append(data, 0, data.length);
                expected.write(data, 0, data.length);
            }
            out.sync();
            assertThat(maps[0]).as("the second region's mapping was refused, and none tried after it").isEqualTo(2);
            assertThat(out.size()).isEqualTo(expected.size());
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    }

    @ParameterizedTest(name = "mapped: {0}")
    @ValueSource(booleans = {true, false})
    void anInterruptedWriterStillAppendsAndKeepsItsInterrupt(boolean mapped) throws Exception {
        onLinuxIfMapped(mapped);
        Path file = dir.resolve("f");
        byte[] data = new byte[REGION / 2 + 1];
        new Random(3).nextBytes(data);
        try (WritableFile out = NioFileSystem.INSTANCE.createPreallocated(file, mapped)) {
            Thread.currentThread().interrupt();
            try {
                for (int i = 0; i < 5; i++) {
                    out.append(data); // preallocates (and maps) a new region every second append
                }
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            out.sync();
            assertThat(out.size()).isEqualTo(5L * data.length);
        }
        byte[] whole = Files.readAllBytes(file);
        assertThat(whole).hasSize(5 * data.length);
        for (int i = 0; i < 5; i++) {
            assertThat(Arrays.copyOfRange(whole, i * data.length, (i + 1) * data.length)).isEqualTo(data);
        }
    }
}
