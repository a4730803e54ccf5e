package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.fs.MemFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.CorruptionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TableLayout}: the inspection view of a table agrees with what was written, block by block. */
class TableLayoutTests {

    @Test
    void readsEveryBlockBackInOrder() throws IOException {
        List<Tables.KV> kvs = Tables.sequential(500);
        byte[] file = Tables.build(kvs, Tables.options(512, 16, Compression.LZ4, 10));
        try (TableLayout t = TableLayout.open(MemFile.readable(file), Tables.PATH)) {
            assertThat(t.formatVersion()).isEqualTo(1);
            assertThat(t.fileSize()).isEqualTo(file.length);
            assertThat(t.properties().entries()).isEqualTo(500);
            assertThat(t.filterBits()).isPositive();
            assertThat(t.filterProbes()).isBetween(1, 30);
            assertThat(t.index()).hasSize((int) t.properties().dataBlocks()).hasSizeGreaterThan(5);
            List<Tables.KV> read = new ArrayList<>();
            long expectedOffset = 0;
            for (int i = 0; i < t.index().size(); i++) {
                TableLayout.DataBlock b = t.readDataBlock(i);
                assertThat(b.handle().offset()).isEqualTo(expectedOffset); // blocks lie end to end
                expectedOffset = b.handle().offset() + b.handle().size() + TableLayout.BLOCK_TRAILER_SIZE;
                for (TableLayout.BlockEntry e : b.entries()) {
                    read.add(new Tables.KV(e.internalKey(), e.storedValue()));
                }
            }
            assertThat(read).hasSameSizeAs(kvs);
            for (int i = 0; i < kvs.size(); i++) {
                assertThat(read.get(i).key()).isEqualTo(kvs.get(i).key());
                assertThat(read.get(i).value()).isEqualTo(kvs.get(i).value());
            }
        }
    }

    @Test
    void damagedDataBlockFailsAloneNamingFileAndOffset() throws IOException {
        byte[] file = Tables.build(Tables.sequential(500), Tables.options(512, 16, Compression.NONE, 10));
        long offset;
        try (TableLayout t = TableLayout.open(MemFile.readable(file), Tables.PATH)) {
            offset = t.index().get(3).block().offset();
        }
        file[(int) offset + 7] ^= 0x10;
        try (TableLayout t = TableLayout.open(MemFile.readable(file), Tables.PATH)) {
            assertThatThrownBy(() -> t.readDataBlock(3)).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(Tables.PATH.toString()).hasMessageContaining("data block 3 at offset " + offset)
                    .hasMessageContaining("checksum mismatch");
            assertThat(t.readDataBlock(2).entries()).isNotEmpty();
            assertThat(t.readDataBlock(4).entries()).isNotEmpty();
        }
    }

    @Test
    void truncatedTableFailsAtOpen() throws IOException {
        byte[] file = Tables.build(Tables.sequential(50), Tables.options(512, 16, Compression.NONE, 10));
        byte[] cut = java.util.Arrays.copyOf(file, file.length - 1);
        assertThatThrownBy(() -> TableLayout.open(MemFile.readable(cut), Tables.PATH))
                .isInstanceOf(CorruptionException.class).hasMessageContaining(Tables.PATH.toString());
    }
}
