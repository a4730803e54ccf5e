package dev.lsmkv.engine.wal;

import dev.lsmkv.engine.fs.MemFile;
import static dev.lsmkv.engine.wal.LogFormat.BLOCK_SIZE;
import static dev.lsmkv.engine.wal.LogFormat.HEADER_SIZE;
import static dev.lsmkv.engine.wal.LogFormat.WAL_MAGIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.LsmException;
import dev.lsmkv.engine.fs.NioFileSystem;
import dev.lsmkv.engine.fs.ReadableFile;
import dev.lsmkv.engine.fs.WritableFile;
import dev.lsmkv.engine.util.Coding;
import dev.lsmkv.engine.util.Crc32c;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One edge case per test, in the spirit of LevelDB's log_test. */
class LogTests {

    private static final Path PATH = Path.of("000007.log");
    /** The file header record: 7-byte header + magic fixed64 + version fixed32. */
    private static final int FILE_HEADER = HEADER_SIZE + 12;

    private final Random random = new Random(42);

    // ---------------------------------------------------------------- helpers

    /** A log holding {@code payloads}; {@code ends} (if not null) gets each record's end offset. */
    private static MemFile write(List<byte[]> payloads, List<Long> ends) throws IOException {
        MemFile file = new MemFile();
        try (LogWriter writer = new LogWriter(file, PATH, WAL_MAGIC)) {
            for (byte[] p : payloads) {
                writer.addRecord(p);
                if (ends != null) {
                    ends.add(writer.size());
                }
            }
        }
        return file;
    }

    private static MemFile write(byte[]... payloads) throws IOException {
        return write(List.of(payloads), null);
    }

    private static List<byte[]> readAll(MemFile file) throws IOException {
        try (LogReader reader = new LogReader(file, PATH, WAL_MAGIC)) {
            return drain(reader);
        }
    }

    private static List<byte[]> drain(LogReader reader) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (byte[] r = reader.readRecord(); r != null; r = reader.readRecord()) {
            out.add(r);
        }
        return out;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A file holding only a header record with {@code magic} and {@code version}, framed by hand. */
    private static MemFile withFileHeader(long magic, int version) throws IOException {
        byte[] payload = new byte[12];
        Coding.putFixed64(payload, 0, magic);
        Coding.putFixed32(payload, 8, version);
        MemFile raw = new MemFile();
        // Frame it by hand, the way the writer frames a FULL record.
        byte[] rec = new byte[HEADER_SIZE + 12];
        Coding.putFixed32(rec, 0, Crc32c.mask(
                Crc32c.value(LogFormat.FULL, payload, 0, 12)));
        Coding.putFixed16(rec, 4, 12);
        rec[6] = LogFormat.FULL;
        System.arraycopy(payload, 0, rec, HEADER_SIZE, 12);
        raw.appendRaw(rec);
        return raw;
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void readsEmptyRecord() throws IOException {
        assertThat(readAll(write(new byte[0]))).containsExactly(new byte[0]);
    }

    @Test
    void readsSmallRecords() throws IOException {
        MemFile file = write(ascii("foo"), ascii("bar"), new byte[0], ascii("xxxx"));
        assertThat(readAll(file)).containsExactly(ascii("foo"), ascii("bar"), new byte[0], ascii("xxxx"));
    }

    @Test
    void readsManyRecordsOfMixedSizes() throws IOException {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            payloads.add(randomBytes(i % 7 == 0 ? random.nextInt(3 * BLOCK_SIZE) : random.nextInt(300)));
        }
        assertThat(readAll(write(payloads, null))).containsExactlyElementsOf(payloads);
    }

    @Test
    void writesRecordThatFillsBlockExactly() throws IOException {
        byte[] fill = randomBytes(BLOCK_SIZE - FILE_HEADER - HEADER_SIZE);
        MemFile file = write(fill, ascii("next"));
        // The second record starts the second block: no trailer, no empty fragment.
        assertThat(file.size()).isEqualTo(BLOCK_SIZE + HEADER_SIZE + 4);
        assertThat(file.bytes()[BLOCK_SIZE + 6]).isEqualTo((byte) LogFormat.FULL);
        assertThat(readAll(file)).containsExactly(fill, ascii("next"));
    }

    @ParameterizedTest
    @ValueSource(ints = {BLOCK_SIZE - 8, BLOCK_SIZE - 7, BLOCK_SIZE - 6, BLOCK_SIZE - 1, BLOCK_SIZE,
            BLOCK_SIZE + 1, 2 * BLOCK_SIZE - 14, 2 * BLOCK_SIZE - 13, 2 * BLOCK_SIZE, 3 * BLOCK_SIZE + 5})
    void readsRecordsStraddlingBlockBoundaries(int size) throws IOException {
        byte[] a = randomBytes(size);
        byte[] b = randomBytes(size);
        MemFile file = write(a, ascii("x"), b, ascii("y"));
        assertThat(readAll(file)).containsExactly(a, ascii("x"), b, ascii("y"));
    }

    @Test
    void readsMultiMebibyteRecord() throws IOException {
        byte[] big = randomBytes(5 << 20);
        assertThat(readAll(write(ascii("small"), big, ascii("after")))).containsExactly(ascii("small"), big, ascii("after"));
    }

    @Test
    void zeroFillsTrailerWhenFewerThanSevenBytesRemain() throws IOException {
        byte[] fill = randomBytes(BLOCK_SIZE - FILE_HEADER - HEADER_SIZE - 3); // leaves 3 bytes
        MemFile file = write(fill, ascii("next"));
        byte[] bytes = file.bytes();
        assertThat(bytes[BLOCK_SIZE - 3]).isZero();
        assertThat(bytes[BLOCK_SIZE - 2]).isZero();
        assertThat(bytes[BLOCK_SIZE - 1]).isZero();
        assertThat(file.size()).isEqualTo(BLOCK_SIZE + HEADER_SIZE + 4);
        assertThat(readAll(file)).containsExactly(fill, ascii("next"));
    }

    @Test
    void writesEmptyFirstFragmentWhenExactlySevenBytesRemain() throws IOException {
        byte[] fill = randomBytes(BLOCK_SIZE - FILE_HEADER - 2 * HEADER_SIZE); // leaves 7 bytes
        MemFile file = write(fill, ascii("next"));
        byte[] bytes = file.bytes();
        assertThat(Coding.getFixed16(bytes, BLOCK_SIZE - HEADER_SIZE + 4)).isZero();
        assertThat(bytes[BLOCK_SIZE - 1]).isEqualTo((byte) LogFormat.FIRST);
        assertThat(bytes[BLOCK_SIZE + 6]).isEqualTo((byte) LogFormat.LAST);
        assertThat(readAll(file)).containsExactly(fill, ascii("next"));
    }

    @Test
    void readsLogWrittenThroughNioFileSystem(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("MANIFEST-000001");
        byte[] big = randomBytes(100_000);
        try (WritableFile out = NioFileSystem.INSTANCE.create(path);
                LogWriter writer = new LogWriter(out, path, LogFormat.MANIFEST_MAGIC)) {
            writer.addRecord(ascii("edit-1"));
            writer.sync();
            writer.addRecord(big);
            writer.flush();
        }
        try (ReadableFile in = NioFileSystem.INSTANCE.openReadable(path);
                LogReader reader = new LogReader(in, path, LogFormat.MANIFEST_MAGIC)) {
            assertThat(drain(reader)).containsExactly(ascii("edit-1"), big);
            assertThat(reader.stoppedAtTornTail()).isFalse();
            assertThat(reader.endOfLastRecord()).isEqualTo(in.size());
        }
    }

    // ---------------------------------------------------------------- the writer

    @Test
    void flushIssuesExactlyOneAppend() throws IOException {
        MemFile file = new MemFile();
        LogWriter writer = new LogWriter(file, PATH, WAL_MAGIC);
        writer.addRecord(ascii("a"));
        writer.addRecord(randomBytes(3 * BLOCK_SIZE));
        writer.addRecord(ascii("c"));
        assertThat(file.appends).isZero();
        writer.flush();
        assertThat(file.appends).isEqualTo(1);
        assertThat(file.size()).isEqualTo(writer.size());
    }

    @Test
    void flushWithNothingBufferedDoesNotAppend() throws IOException {
        MemFile file = new MemFile();
        LogWriter writer = new LogWriter(file, PATH, WAL_MAGIC);
        writer.flush();
        writer.flush();
        assertThat(file.appends).isEqualTo(1); // the header record, once
    }

    @Test
    void sizeCountsWrittenAndBufferedBytes() throws IOException {
        MemFile file = new MemFile();
        LogWriter writer = new LogWriter(file, PATH, WAL_MAGIC);
        assertThat(writer.size()).isEqualTo(FILE_HEADER);
        writer.flush();
        writer.addRecord(new byte[10]);
        assertThat(file.size()).isEqualTo(FILE_HEADER);
        assertThat(writer.size()).isEqualTo(FILE_HEADER + HEADER_SIZE + 10);
    }

    @Test
    void syncFlushesThenSyncs() throws IOException {
        MemFile file = new MemFile();
        LogWriter writer = new LogWriter(file, PATH, WAL_MAGIC);
        writer.addRecord(ascii("a"));
        writer.sync();
        assertThat(file.appends).isEqualTo(1);
        assertThat(file.syncs).isEqualTo(1);
        assertThat(readAll(file)).containsExactly(ascii("a"));
    }

    @Test
    void closeFlushesWithoutSyncing() throws IOException {
        MemFile file = new MemFile();
        LogWriter writer = new LogWriter(file, PATH, WAL_MAGIC);
        writer.addRecord(ascii("a"));
        writer.close();
        assertThat(file.closed).isTrue();
        assertThat(file.syncs).isZero();
        assertThat(readAll(file)).containsExactly(ascii("a"));
    }

    @Test
    void addRecordHonorsOffsetAndLength() throws IOException {
        MemFile file = new MemFile();
        try (LogWriter writer = new LogWriter(file, PATH, WAL_MAGIC)) {
            writer.addRecord(ascii("xxhelloyy"), 2, 5);
        }
        assertThat(readAll(file)).containsExactly(ascii("hello"));
    }

    @Test
    void writerRefusesNonEmptyFile() {
        MemFile file = new MemFile(new byte[5]);
        assertThatThrownBy(() -> new LogWriter(file, PATH, WAL_MAGIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 bytes");
    }

    @Test
    void failedAppendMakesLaterFlushesFail() throws IOException {
        MemFile file = new MemFile();
        LogWriter writer = new LogWriter(file, PATH, WAL_MAGIC);
        file.failNextAppend = new IOException("disk full");
        assertThatThrownBy(writer::flush).hasMessage("disk full");
        writer.addRecord(ascii("a"));
        assertThatThrownBy(writer::flush).isInstanceOf(IOException.class).hasMessageContaining("failed earlier");
        writer.close();
        assertThat(file.closed).isTrue();
    }

    @Test
    void headerAndOneRecordHaveTheDocumentedBytes() throws IOException {
        MemFile file = write(ascii("0123456789"));
        // Must match the worked example in docs/file-formats.md ("Log files"), byte for byte.
        assertThat(HexFormat.of().formatHex(file.bytes())).isEqualTo(
                "1e3f17c1" + "0c00" + "01" + "4c534d4b5657414c" + "01000000"
                        + "bbd71c12" + "0a00" + "01" + "30313233343536373839");
    }

    @Test
    void magicsSpellTheirNamesInAscii() {
        byte[] b = new byte[8];
        Coding.putFixed64(b, 0, LogFormat.WAL_MAGIC);
        assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("LSMKVWAL");
        Coding.putFixed64(b, 0, LogFormat.MANIFEST_MAGIC);
        assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("LSMKVMAN");
    }

    // ---------------------------------------------------------------- header record

    @Test
    void readsEmptyFileAsNoRecords() throws IOException {
        try (LogReader reader = new LogReader(new MemFile(), PATH, WAL_MAGIC)) {
            assertThat(reader.readRecord()).isNull();
            assertThat(reader.stoppedAtTornTail()).isFalse();
            assertThat(reader.endOfLastRecord()).isZero();
            assertThat(reader.formatVersion()).isZero();
        }
    }

    @Test
    void readsTornHeaderRecordAsNoRecords() throws IOException {
        MemFile whole = write();
        for (int cut = 1; cut < FILE_HEADER; cut++) {
            try (LogReader reader = new LogReader(whole.prefix(cut), PATH, WAL_MAGIC)) {
                assertThat(reader.readRecord()).as("cut at %d", cut).isNull();
                assertThat(reader.stoppedAtTornTail()).isTrue();
                assertThat(reader.endOfLastRecord()).isZero();
            }
        }
    }

    @Test
    void readsHeaderOnlyLogAsNoRecords() throws IOException {
        try (LogReader reader = new LogReader(write(), PATH, WAL_MAGIC)) {
            assertThat(reader.readRecord()).isNull();
            assertThat(reader.stoppedAtTornTail()).isFalse();
            assertThat(reader.endOfLastRecord()).isEqualTo(FILE_HEADER);
            assertThat(reader.formatVersion()).isEqualTo(LogFormat.FORMAT_VERSION);
        }
    }

    @Test
    void rejectsWrongMagic() throws IOException {
        MemFile file = write(ascii("edit"));
        assertThatThrownBy(() -> new LogReader(file, PATH, LogFormat.MANIFEST_MAGIC))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(PATH.toString())
                .hasMessageContaining("bad magic: expected 0x4e414d564b4d534c (\"LSMKVMAN\"), found 0x4c4157564b4d534c (\"LSMKVWAL\")");
        assertThat(file.closed).isTrue();
    }

    @Test
    void rejectsNewerFormatVersionAsUpgradeNotCorruption() throws IOException {
        MemFile file = withFileHeader(WAL_MAGIC, 3);
        assertThatThrownBy(() -> new LogReader(file, PATH, WAL_MAGIC))
                .isInstanceOf(LsmException.class)
                .isNotInstanceOf(CorruptionException.class)
                .hasMessageContaining("newer version of lsmkv")
                .hasMessageContaining("found format version 3, this version reads up to 2")
                .hasMessageContaining("Upgrade");
        // a MANIFEST has no version 2
        MemFile manifest = withFileHeader(LogFormat.MANIFEST_MAGIC, 2);
        assertThatThrownBy(() -> new LogReader(manifest, PATH, LogFormat.MANIFEST_MAGIC))
                .isInstanceOf(LsmException.class)
                .hasMessageContaining("found format version 2, this version reads up to 1");
    }

    @Test
    void rejectsFormatVersionZero() throws IOException {
        assertThatThrownBy(() -> new LogReader(withFileHeader(WAL_MAGIC, 0), PATH, WAL_MAGIC))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("bad format version 0");
    }

    @Test
    void rejectsHeaderRecordOfWrongLength() throws IOException {
        MemFile file = new MemFile();
        try (LogWriter writer = new LogWriter(file, PATH, WAL_MAGIC)) {
            writer.addRecord(ascii("x"));
        }
        // A log whose first record is "x": written by someone else's writer, not ours.
        byte[] bytes = file.bytes();
        MemFile forged = new MemFile(Arrays.copyOfRange(bytes, FILE_HEADER, bytes.length));
        assertThatThrownBy(() -> new LogReader(forged, PATH, WAL_MAGIC))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("too short for a magic");
    }

    // ---------------------------------------------------------------- torn tails

    @Test
    void readsEveryPrefixAsTheRecordsWhollyBeforeTheCut() throws IOException {
        List<byte[]> payloads = List.of(ascii("first"), new byte[0], randomBytes(300), ascii("last record"));
        List<Long> ends = new ArrayList<>();
        MemFile whole = write(payloads, ends);
        for (int cut = 0; cut <= whole.size(); cut++) {
            assertPrefixReads(whole, cut, payloads, ends);
        }
    }

    @Test
    void readsEveryPrefixOfRecordThatStraddlesBlocks() throws IOException {
        // The last record starts 50 bytes before the end of the first block and runs 200 bytes into the second.
        byte[] fill = randomBytes(BLOCK_SIZE - FILE_HEADER - HEADER_SIZE - 50);
        List<byte[]> payloads = List.of(fill, randomBytes(50 - HEADER_SIZE + 200 - HEADER_SIZE));
        List<Long> ends = new ArrayList<>();
        MemFile whole = write(payloads, ends);
        assertThat(whole.size()).isEqualTo(BLOCK_SIZE + 200);
        for (int cut = ends.get(0).intValue(); cut <= whole.size(); cut++) {
            assertPrefixReads(whole, cut, payloads, ends);
        }
    }

    @Test
    void readsEveryPrefixAcrossATrailer() throws IOException {
        byte[] fill = randomBytes(BLOCK_SIZE - FILE_HEADER - HEADER_SIZE - 4); // leaves a 4-byte trailer
        List<byte[]> payloads = List.of(fill, ascii("after the trailer"));
        List<Long> ends = new ArrayList<>();
        MemFile whole = write(payloads, ends);
        for (int cut = ends.get(0).intValue(); cut <= whole.size(); cut++) {
            assertPrefixReads(whole, cut, payloads, ends);
        }
    }

    private static void assertPrefixReads(MemFile whole, int cut, List<byte[]> payloads, List<Long> ends)
            throws IOException {
        List<byte[]> expected = new ArrayList<>();
        long expectedEnd = cut >= FILE_HEADER ? FILE_HEADER : 0;
        for (int i = 0; i < payloads.size(); i++) {
            if (ends.get(i) <= cut) {
                expected.add(payloads.get(i));
                expectedEnd = ends.get(i);
            }
        }
        // Clean iff the cut falls at a record's end or in the zeroed trailer after it.
        boolean clean = cut == 0 || cut == expectedEnd
                || cut > expectedEnd && (BLOCK_SIZE - expectedEnd % BLOCK_SIZE) < HEADER_SIZE
                        && cut <= expectedEnd + (BLOCK_SIZE - expectedEnd % BLOCK_SIZE);
        try (LogReader reader = new LogReader(whole.prefix(cut), PATH, WAL_MAGIC)) {
            assertThat(drain(reader)).as("cut at %d", cut).containsExactlyElementsOf(expected);
            assertThat(reader.endOfLastRecord()).as("cut at %d", cut).isEqualTo(expectedEnd);
            assertThat(reader.stoppedAtTornTail()).as("cut at %d", cut).isEqualTo(!clean);
        }
    }

    @Test
    void readsBadChecksumInLastRecordAsTornTail() throws IOException {
        List<Long> ends = new ArrayList<>();
        MemFile file = write(List.of(ascii("one"), ascii("two")), ends);
        file.xorByte(ends.get(1).intValue() - 1, 0x01); // last payload byte
        try (LogReader reader = new LogReader(file, PATH, WAL_MAGIC)) {
            assertThat(drain(reader)).containsExactly(ascii("one"));
            assertThat(reader.stoppedAtTornTail()).isTrue();
            assertThat(reader.endOfLastRecord()).isEqualTo(ends.get(0));
        }
    }

    @Test
    void readsBadTypeInLastRecordAsTornTail() throws IOException {
        List<Long> ends = new ArrayList<>();
        MemFile file = write(List.of(ascii("one"), ascii("two")), ends);
        file.setByte(ends.get(0).intValue() + 6, 9);
        try (LogReader reader = new LogReader(file, PATH, WAL_MAGIC)) {
            assertThat(drain(reader)).containsExactly(ascii("one"));
            assertThat(reader.stoppedAtTornTail()).isTrue();
        }
    }

    @Test
    void readsForgedLengthAtTailAsTornTailWithoutAllocating() throws IOException {
        List<Long> ends = new ArrayList<>();
        MemFile file = write(List.of(ascii("one"), ascii("two")), ends);
        file.setByte(ends.get(0).intValue() + 4, 0xFF);
        file.setByte(ends.get(0).intValue() + 5, 0xFF);
        try (LogReader reader = new LogReader(file, PATH, WAL_MAGIC)) {
            assertThat(drain(reader)).containsExactly(ascii("one"));
            assertThat(reader.stoppedAtTornTail()).isTrue();
        }
    }

    @Test
    void readsFragmentedRecordCutAtBlockBoundaryAsTornTail() throws IOException {
        byte[] big = randomBytes(3 * BLOCK_SIZE);
        MemFile whole = write(ascii("before"), big);
        try (LogReader reader = new LogReader(whole.prefix(2 * BLOCK_SIZE), PATH, WAL_MAGIC)) {
            assertThat(drain(reader)).containsExactly(ascii("before"));
            assertThat(reader.stoppedAtTornTail()).isTrue();
        }
    }

    @Test
    void readsZeroFilledTailAsCleanEnd() throws IOException {
        List<Long> ends = new ArrayList<>();
        MemFile file = write(List.of(ascii("one"), ascii("two")), ends);
        file.appendRaw(new byte[BLOCK_SIZE + 1000]); // preallocated space
        try (LogReader reader = new LogReader(file, PATH, WAL_MAGIC)) {
            assertThat(drain(reader)).containsExactly(ascii("one"), ascii("two"));
            assertThat(reader.stoppedAtTornTail()).isFalse();
            assertThat(reader.endOfLastRecord()).isEqualTo(ends.get(1));
        }
    }

    @Test
    void readsZeroedTailOfFragmentedRecordAsTornTail() throws IOException {
        byte[] big = randomBytes(2 * BLOCK_SIZE);
        MemFile whole = write(ascii("before"), big);
        byte[] bytes = whole.bytes();
        Arrays.fill(bytes, BLOCK_SIZE, bytes.length, (byte) 0); // a crash zeroed the later blocks
        try (LogReader reader = new LogReader(new MemFile(bytes), PATH, WAL_MAGIC)) {
            assertThat(drain(reader)).containsExactly(ascii("before"));
            assertThat(reader.stoppedAtTornTail()).isTrue();
        }
    }

    @Test
    void readsGarbageTailAsTornTail() throws IOException {
        MemFile file = write(ascii("one"));
        file.appendRaw(randomBytes(3 * BLOCK_SIZE));
        try (LogReader reader = new LogReader(file, PATH, WAL_MAGIC)) {
            assertThat(drain(reader)).containsExactly(ascii("one"));
            assertThat(reader.stoppedAtTornTail()).isTrue();
        }
    }

    // ---------------------------------------------------------------- mid-file corruption

    @Test
    void throwsOnBadChecksumInMiddleRecordNamingFileAndOffset() throws IOException {
        List<Long> ends = new ArrayList<>();
        MemFile file = write(List.of(ascii("one"), ascii("two"), ascii("three"), ascii("four")), ends);
        long second = ends.get(0);
        file.xorByte((int) second + HEADER_SIZE, 0x20); // first payload byte of "two"
        try (LogReader reader = new LogReader(file, PATH, WAL_MAGIC)) {
            assertThat(reader.readRecord()).isEqualTo(ascii("one"));
            assertThatThrownBy(reader::readRecord)
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(PATH.toString())
                    .hasMessageContaining("checksum mismatch")
                    .hasMessageContaining("at offset " + second + ",")
                    .hasMessageContaining("valid record follows at offset " + ends.get(1));
            assertThatThrownBy(reader::readRecord).isInstanceOf(CorruptionException.class);
        }
    }

    @Test
    void throwsOnImpossibleLengthInMiddleRecord() throws IOException {
        List<Long> ends = new ArrayList<>();
        MemFile file = write(List.of(ascii("one"), ascii("two"), ascii("three")), ends);
        file.setByte(ends.get(0).intValue() + 5, 0xFF);
        try (LogReader reader = new LogReader(file, PATH, WAL_MAGIC)) {
            assertThat(reader.readRecord()).isEqualTo(ascii("one"));
            assertThatThrownBy(reader::readRecord).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("impossible record length").hasMessageContaining("at offset " + ends.get(0));
        }
    }

    @Test
    void throwsOnBadTypeInMiddleRecord() throws IOException {
        List<Long> ends = new ArrayList<>();
        MemFile file = write(List.of(ascii("one"), ascii("two"), ascii("three")), ends);
        file.setByte(ends.get(0).intValue() + 6, 0x17);
        try (LogReader reader = new LogReader(file, PATH, WAL_MAGIC)) {
            reader.readRecord();
            assertThatThrownBy(reader::readRecord).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("bad record type 23");
        }
    }

    @Test
    void throwsOnCorruptionInEarlierBlockWithValidRecordsInLaterBlock() throws IOException {
        byte[] big = randomBytes(2 * BLOCK_SIZE);
        MemFile file = write(ascii("one"), big, ascii("three"));
        file.xorByte(BLOCK_SIZE + 100, 0xFF); // inside the MIDDLE fragment of big
        try (LogReader reader = new LogReader(file, PATH, WAL_MAGIC)) {
            reader.readRecord();
            assertThatThrownBy(reader::readRecord).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("at offset " + BLOCK_SIZE + " (within the record that starts at offset "
                            + (FILE_HEADER + HEADER_SIZE + 3) + ")");
        }
    }

    @Test
    void throwsOnZeroedSpaceFollowedByValidRecords() throws IOException {
        List<Long> ends = new ArrayList<>();
        MemFile file = write(List.of(ascii("one"), randomBytes(40_000), ascii("three")), ends);
        byte[] bytes = file.bytes();
        Arrays.fill(bytes, ends.get(0).intValue(), BLOCK_SIZE, (byte) 0);
        try (LogReader reader = new LogReader(new MemFile(bytes), PATH, WAL_MAGIC)) {
            reader.readRecord();
            assertThatThrownBy(reader::readRecord).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("zero-filled space");
        }
    }

    /** 200 records of 300 bytes (several 4 KiB pages) in a WAL of {@code version}. */
    private MemFile walOfVersion(int version, List<byte[]> payloads) throws IOException {
        MemFile file = new MemFile();
        try (LogWriter writer = new LogWriter(file, PATH, WAL_MAGIC, version)) {
            for (int i = 0; i < 200; i++) {
                byte[] p = randomBytes(300);
                payloads.add(p);
                writer.addRecord(p);
            }
        }
        return file;
    }

    @Test
    void aPreallocatedWalWithAPageNeverWrittenBackEndsThereAsATornTail() throws IOException {
        // A power loss: page 3 still zeros on disk, pages after it written back.
        List<byte[]> payloads = new ArrayList<>();
        byte[] bytes = walOfVersion(LogFormat.PREALLOCATED_WAL_VERSION, payloads).bytes();
        int page = 3 * LogFormat.PAGE_SIZE;
        Arrays.fill(bytes, page, page + LogFormat.PAGE_SIZE, (byte) 0);
        try (LogReader reader = new LogReader(new MemFile(bytes), PATH, WAL_MAGIC)) {
            assertThat(reader.formatVersion()).isEqualTo(LogFormat.PREALLOCATED_WAL_VERSION);
            List<byte[]> read = drain(reader);
            assertThat(read).isNotEmpty().hasSizeLessThan(payloads.size());
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.get(i)).isEqualTo(payloads.get(i));
            }
            assertThat(reader.stoppedAtTornTail()).isTrue();
            assertThat(reader.endOfLastRecord()).isLessThanOrEqualTo(page);
        }
        // the same damage in a version-1 log is corruption, as before
        List<byte[]> plain = new ArrayList<>();
        byte[] v1 = walOfVersion(LogFormat.FORMAT_VERSION, plain).bytes();
        Arrays.fill(v1, page, page + LogFormat.PAGE_SIZE, (byte) 0);
        try (LogReader reader = new LogReader(new MemFile(v1), PATH, WAL_MAGIC)) {
            assertThatThrownBy(() -> drain(reader)).isInstanceOf(CorruptionException.class);
        }
    }

    @Test
    void aPreallocatedWalWithAPageWrittenBackBeforeItsLastAppendsEndsThereAsATornTail() throws IOException {
        // A power loss: page 3 on disk as written back when the records ended mid-page (zeros after
        // them, the preallocated space), later pages written back after more appends.
        List<byte[]> payloads = new ArrayList<>();
        byte[] bytes = walOfVersion(LogFormat.PREALLOCATED_WAL_VERSION, payloads).bytes();
        int pageEnd = 4 * LogFormat.PAGE_SIZE;
        int header = HEADER_SIZE + LogFormat.FILE_HEADER_PAYLOAD_SIZE;
        int recordsBefore = (3 * LogFormat.PAGE_SIZE + 500 - header) / (HEADER_SIZE + 300) + 1;
        int cut = header + recordsBefore * (HEADER_SIZE + 300); // a record boundary inside page 3
        assertThat(cut).isBetween(3 * LogFormat.PAGE_SIZE, pageEnd - 1);
        byte[] v1 = walOfVersion(LogFormat.FORMAT_VERSION, new ArrayList<>()).bytes();
        Arrays.fill(bytes, cut, pageEnd, (byte) 0);
        Arrays.fill(v1, cut, pageEnd, (byte) 0);
        try (LogReader reader = new LogReader(new MemFile(bytes), PATH, WAL_MAGIC)) {
            List<byte[]> read = drain(reader);
            assertThat(read).hasSize(recordsBefore);
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.get(i)).isEqualTo(payloads.get(i));
            }
            assertThat(reader.stoppedAtTornTail()).isTrue();
            assertThat(reader.endOfLastRecord()).isEqualTo(cut);
        }
        // the same damage in a version-1 log is corruption
        try (LogReader reader = new LogReader(new MemFile(v1), PATH, WAL_MAGIC)) {
            assertThatThrownBy(() -> drain(reader)).isInstanceOf(CorruptionException.class);
        }
    }

    @Test
    void aPreallocatedWalWhosePageEndsInFewerZeroesThanAnUnwrittenTailIsCorruption() throws IOException {
        // A damaged record, then fewer than UNWRITTEN_TAIL_MIN zeros before the page end, then records:
        // not what an unwritten page tail leaves (documented: reported, not dropped).
        List<byte[]> payloads = new ArrayList<>();
        byte[] bytes = walOfVersion(LogFormat.PREALLOCATED_WAL_VERSION, payloads).bytes();
        int pageEnd = 4 * LogFormat.PAGE_SIZE;
        bytes[pageEnd - 200] ^= 0x5a;
        Arrays.fill(bytes, pageEnd - (LogFormat.UNWRITTEN_TAIL_MIN - 1), pageEnd, (byte) 0);
        try (LogReader reader = new LogReader(new MemFile(bytes), PATH, WAL_MAGIC)) {
            assertThatThrownBy(() -> drain(reader)).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("so this is not a torn tail");
        }
        // with UNWRITTEN_TAIL_MIN zeros it is taken for a page written back mid-append: a torn tail
        Arrays.fill(bytes, pageEnd - LogFormat.UNWRITTEN_TAIL_MIN, pageEnd, (byte) 0);
        try (LogReader reader = new LogReader(new MemFile(bytes), PATH, WAL_MAGIC)) {
            assertThat(drain(reader)).isNotEmpty().hasSizeLessThan(payloads.size());
            assertThat(reader.stoppedAtTornTail()).isTrue();
        }
    }

    @Test
    void aPreallocatedWalWithDamageNoUnwrittenPageTailExplainsIsStillCorruption() throws IOException {
        List<byte[]> payloads = new ArrayList<>();
        MemFile file = walOfVersion(LogFormat.PREALLOCATED_WAL_VERSION, payloads);
        file.xorByte(3 * LogFormat.PAGE_SIZE + 100, 0x5a); // one flipped byte, valid records after it
        try (LogReader reader = new LogReader(new MemFile(file.bytes()), PATH, WAL_MAGIC)) {
            assertThatThrownBy(() -> drain(reader)).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("so this is not a torn tail");
        }
    }

    @Test
    void throwsOnFragmentedRecordMissingItsLast() throws IOException {
        // FIRST of a big record, then (the rest lost) a whole FULL record: framed by two writers and spliced.
        MemFile big = write(ascii("one"), randomBytes(BLOCK_SIZE));
        MemFile small = write(ascii("one"), ascii("two"));
        byte[] spliced = new byte[BLOCK_SIZE + HEADER_SIZE + 3];
        System.arraycopy(big.bytes(), 0, spliced, 0, BLOCK_SIZE);
        System.arraycopy(small.bytes(), FILE_HEADER + HEADER_SIZE + 3, spliced, BLOCK_SIZE, HEADER_SIZE + 3);
        try (LogReader reader = new LogReader(new MemFile(spliced), PATH, WAL_MAGIC)) {
            reader.readRecord();
            assertThatThrownBy(reader::readRecord).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("record starting at offset " + (FILE_HEADER + HEADER_SIZE + 3)
                            + " has no LAST fragment: a FULL record follows at offset " + BLOCK_SIZE);
        }
    }

    @Test
    void throwsOnOrphanFragmentFollowedByValidRecords() throws IOException {
        List<Long> ends = new ArrayList<>();
        MemFile file = write(List.of(ascii("one"), ascii("two"), ascii("three")), ends);
        // Retype "two" as a MIDDLE fragment, with a right checksum.
        int at = ends.get(0).intValue();
        byte[] bytes = file.bytes();
        bytes[at + 6] = LogFormat.MIDDLE;
        Coding.putFixed32(bytes, at, Crc32c.mask(
                Crc32c.value(LogFormat.MIDDLE, bytes, at + HEADER_SIZE, 3)));
        try (LogReader reader = new LogReader(new MemFile(bytes), PATH, WAL_MAGIC)) {
            reader.readRecord();
            assertThatThrownBy(reader::readRecord).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("MIDDLE fragment without a FIRST before it at offset " + at);
        }
    }

    @Test
    void throwsOnDamagedHeaderRecordFollowedByValidRecords() throws IOException {
        MemFile file = write(ascii("one"));
        file.xorByte(HEADER_SIZE, 0x01); // a magic byte
        assertThatThrownBy(() -> new LogReader(file, PATH, WAL_MAGIC))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("at offset 0,");
        assertThat(file.closed).isTrue();
    }
}
