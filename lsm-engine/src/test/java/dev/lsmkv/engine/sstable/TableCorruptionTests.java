package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.fs.MemFile;
import static dev.lsmkv.engine.sstable.Tables.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.LsmException;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.cache.BlockCache;
import dev.lsmkv.engine.sstable.Tables.KV;
import dev.lsmkv.engine.util.Coding;
import dev.lsmkv.engine.util.Crc32c;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Damaged tables: every case must be a CorruptionException naming the file, never data or another exception. */
class TableCorruptionTests {

    private static final List<KV> ENTRIES = Tables.sequential(300);
    private static final TableOptions OPTIONS = Tables.options(512, 16, Compression.LZ4, 10);

    private static byte[] table() throws IOException {
        return Tables.build(ENTRIES, OPTIONS);
    }

    /** Opens, scans and point-reads every key. */
    private static void readAll(byte[] file) throws IOException {
        try (TableReader r = Tables.open(file, new BlockCache(1 << 20), new TableStats())) {
            try (InternalIterator it = r.iterator()) {
                int n = 0;
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    assertThat(it.key()).isEqualTo(ENTRIES.get(n).key());
                    assertThat(it.value()).isEqualTo(ENTRIES.get(n).value());
                    n++;
                }
                assertThat(n).isEqualTo(ENTRIES.size());
            }
            for (KV kv : ENTRIES) {
                assertThat(r.get(kv.key()).value()).isEqualTo(kv.value());
            }
        }
    }

    private static void assertCorruption(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(CorruptionException.class)
                .hasMessageContaining(Tables.PATH.toString())
                .satisfies(e -> assertThat(((CorruptionException) e).file()).isEqualTo(Tables.PATH.toString()));
    }

    private static long[] firstDataBlock(byte[] file) throws IOException {
        try (TableReader r = Tables.open(file)) {
            return r.dataBlockHandles()[0];
        }
    }

    private static Footer footer(byte[] file) {
        byte[] f = java.util.Arrays.copyOfRange(file, file.length - Footer.SIZE, file.length);
        return Footer.decode(f, file.length, Tables.PATH);
    }

    /** Rewrites the footer's handle at {@code at} and fixes its checksum, as a forger would. */
    private static void forgeFooterField(byte[] file, int at, long value) {
        int base = file.length - Footer.SIZE;
        Coding.putFixed64(file, base + at, value);
        Coding.putFixed32(file, base + 52, Crc32c.mask(Crc32c.value(file, base, 52)));
    }

    @Test
    void intactTableReadsBack() throws IOException {
        readAll(table());
    }

    @Test
    void flippedByteInDataBlockIsCorruption() throws IOException {
        byte[] file = table();
        long[] h = firstDataBlock(file);
        file[(int) h[0] + 10] ^= 0x01;
        assertCorruption(() -> readAll(file));
    }

    @Test
    void flippedTypeByteOfDataBlockIsCorruption() throws IOException {
        byte[] file = table();
        long[] h = firstDataBlock(file);
        file[(int) (h[0] + h[1])] ^= 0x01;
        assertCorruption(() -> readAll(file));
    }

    @Test
    void flippedByteInIndexIsCorruptionAtOpen() throws IOException {
        byte[] file = table();
        file[(int) footer(file).index().offset() + 3] ^= 0x40;
        assertCorruption(() -> Tables.open(file));
    }

    @Test
    void flippedByteInFilterIsCorruptionAtOpen() throws IOException {
        byte[] file = table();
        file[(int) footer(file).filter().offset() + 5] ^= 0x02;
        assertCorruption(() -> Tables.open(file));
    }

    @Test
    void flippedByteInPropertiesIsCorruptionAtOpen() throws IOException {
        byte[] file = table();
        file[(int) footer(file).properties().offset() + 1] ^= 0x02;
        assertCorruption(() -> Tables.open(file));
    }

    @Test
    void flippedByteInFooterHandleIsCorruption() throws IOException {
        byte[] file = table();
        file[file.length - Footer.SIZE + 33] ^= 0x01;
        assertCorruption(() -> Tables.open(file));
    }

    @Test
    void flippedByteInFooterVersionIsCorruption() throws IOException {
        byte[] file = table();
        file[file.length - 16] ^= 0x04; // version 1 -> 5, checksum now wrong
        assertCorruption(() -> Tables.open(file));
    }

    @Test
    void badMagicIsCorruption() throws IOException {
        byte[] file = table();
        file[file.length - 1] ^= 0x01;
        assertThatThrownBy(() -> Tables.open(file)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("magic");
    }

    @Test
    void everySingleByteFlipIsDetected() throws IOException {
        List<KV> small = Tables.sequential(40);
        byte[] good = Tables.build(small, Tables.options(128, 4, Compression.LZ4, 10));
        for (int i = 0; i < good.length; i++) {
            byte[] file = good.clone();
            file[i] ^= (byte) (1 << (i % 8));
            final int at = i;
            assertThatThrownBy(() -> {
                try (TableReader r = Tables.open(file); InternalIterator it = r.iterator()) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        it.key();
                    }
                }
            }).as("flip at %d of %d", at, good.length).isInstanceOf(CorruptionException.class);
        }
    }

    @Test
    void truncatedFileIsCorruptionAtEveryLength() throws IOException {
        byte[] good = table();
        for (int len = 0; len < good.length; len += (len < 200 || len > good.length - 200) ? 1 : 97) {
            byte[] file = java.util.Arrays.copyOf(good, len);
            assertCorruption(() -> Tables.open(file));
        }
    }

    @Test
    void openClosesFileOnFailure() throws IOException {
        byte[] file = java.util.Arrays.copyOf(table(), 10);
        MemFile.Readable readable = MemFile.readable(file);
        assertThatThrownBy(() -> TableReader.open(readable, Tables.PATH, 1, null, null))
                .isInstanceOf(CorruptionException.class);
        assertThat(readable.closed).isTrue();
    }

    @Test
    void forgedHugeIndexHandleIsCorruption() throws IOException {
        byte[] file = table();
        forgeFooterField(file, 40, Long.MAX_VALUE - 2); // index size
        assertCorruption(() -> Tables.open(file));
    }

    @Test
    void forgedNegativeOffsetIsCorruption() throws IOException {
        byte[] file = table();
        forgeFooterField(file, 16, -1L); // filter offset
        assertCorruption(() -> Tables.open(file));
    }

    @Test
    void forgedHandlePastEndIsCorruption() throws IOException {
        byte[] file = table();
        forgeFooterField(file, 0, file.length - 10); // properties offset into the footer
        assertCorruption(() -> Tables.open(file));
    }

    @Test
    void forgedDataHandleInIndexIsCorruptionAtOpen() throws IOException {
        // An index whose (checksummed) entry points far outside the file: the index is decoded
        // and every handle checked when the table opens, so nothing can read through it.
        byte[] file = table();
        Footer footer = footer(file);
        BlockBuilder index = new BlockBuilder(1);
        dev.lsmkv.engine.util.ByteWriter handle = new dev.lsmkv.engine.util.ByteWriter();
        new BlockHandle(1L << 40, 1L << 30).encodeVarints(handle);
        index.add(InternalKey.lookupKey(bytes("zzz"), 1), handle.toByteArray());
        byte[] contents = index.finish().toByteArray();
        BlockIo.Framed framed = BlockIo.frame(contents, contents.length, Compression.NONE, null);
        MemFile out = new MemFile();
        out.append(file, 0, (int) footer.index().offset());
        out.append(framed.bytes(), 0, framed.length());
        out.append(new Footer(footer.properties(), footer.filter(),
                new BlockHandle(footer.index().offset(), framed.contentsSize())).encode());
        byte[] forged = out.bytes();
        assertCorruption(() -> Tables.open(forged).close());
    }

    @Test
    void damagedDataBlockWithValidChecksumIsOnlyEverCorruption() throws IOException {
        // Garbage that passes the checksum (a writer bug, or a forger): the decoder must still hold.
        byte[] good = Tables.build(ENTRIES, Tables.options(512, 4, Compression.NONE, 0));
        long[] h = firstDataBlock(good);
        Random rnd = new Random(3);
        int detected = 0;
        for (int round = 0; round < 2000; round++) {
            byte[] file = good.clone();
            for (int f = 0; f < 1 + rnd.nextInt(3); f++) {
                file[(int) h[0] + rnd.nextInt((int) h[1])] = (byte) rnd.nextInt(256);
            }
            int end = (int) (h[0] + h[1]);
            Coding.putFixed32(file, end + 1, Crc32c.mask(Crc32c.value(file, (int) h[0], (int) h[1] + 1)));
            try (TableReader r = Tables.open(file); InternalIterator it = r.iterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    it.key();
                    it.value();
                }
                for (int i = 0; i < 20; i++) {
                    r.get(ENTRIES.get(i).key());
                }
            } catch (CorruptionException e) {
                assertThat(e.file()).isEqualTo(Tables.PATH.toString());
                detected++;
            }
        }
        System.out.printf("checksum-valid garbage: %d of 2000 damaged blocks detected by the decoder%n", detected);
        assertThat(detected).isPositive();
    }

    @Test
    void newerFormatVersionIsLsmExceptionSayingSo() throws IOException {
        byte[] file = table();
        int base = file.length - Footer.SIZE;
        Coding.putFixed32(file, base + 48, 2);
        Coding.putFixed32(file, base + 52, Crc32c.mask(Crc32c.value(file, base, 52)));
        assertThatThrownBy(() -> Tables.open(file)).isExactlyInstanceOf(LsmException.class)
                .hasMessageContaining("written by a newer lsmkv");
    }

    @Test
    void iteratorIsInvalidAfterReportingCorruption() throws IOException {
        // Once damage is reported the iterator is invalid, not positioned on half-read data.
        byte[] file = table();
        long[] h = firstDataBlock(file);
        file[(int) h[0] + 3] ^= 0x10;
        try (TableReader r = Tables.open(file); InternalIterator it = r.iterator()) {
            assertCorruption(it::seekToFirst);
            assertThat(it.isValid()).isFalse();
        }
    }
}
