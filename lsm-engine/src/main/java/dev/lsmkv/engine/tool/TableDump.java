package dev.lsmkv.engine.tool;

import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.sstable.TableLayout;
import dev.lsmkv.engine.sstable.TableProperties;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints an SSTable the way the format draws it (docs/file-formats.md, "SSTable"): footer,
 * properties, filter, index, then each data block with its entries. Every block is read from
 * disk and checksum-verified; a damaged data block is printed as such and the dump goes on with
 * the next one.
 */
public final class TableDump {

    private TableDump() {
    }

    /**
     * Dumps the table {@code file} to {@code out}.
     *
     * @param entries iff false, blocks are listed without their entries
     * @return the number of data blocks that failed verification (0 for a sound table)
     * @throws dev.lsmkv.engine.CorruptionException if the footer, index, filter or properties are
     *         damaged (nothing past them can be located)
     */
    public static int dump(Vfs fs, Path file, EntryFormat format, boolean entries, PrintWriter out)
            throws IOException {
        try (TableLayout t = TableLayout.open(fs.openReadable(file), file)) {
            TableProperties p = t.properties();
            out.printf(Locale.ROOT, "table %s: %d bytes, format version %d%n", file, t.fileSize(), t.formatVersion());
            out.printf(Locale.ROOT, "footer: properties %s, filter %s, index %s (offset+size, each block followed by a %d-byte trailer)%n",
                    t.propertiesHandle(), t.filterHandle(), t.indexHandle(), TableLayout.BLOCK_TRAILER_SIZE);
            out.printf(Locale.ROOT, "properties: entries %d, tombstones %d, data blocks %d, raw key bytes %d, raw value bytes %d, "
                    + "compression %s%n", p.entries(), p.tombstones(), p.dataBlocks(), p.rawKeyBytes(),
                    p.rawValueBytes(), p.compression());
            out.printf(Locale.ROOT, "  sequences %d..%d, earliest expiry %s%n", p.minSequence(), p.maxSequence(),
                    EntryFormat.expiry(p.earliestExpiryMillis()));
            if (p.entries() > 0) {
                out.printf(Locale.ROOT, "  smallest %s%n  largest  %s%n", key(format, p.smallestKey()), key(format, p.largestKey()));
            }
            out.println(t.filterBits() == 0 ? "filter: none"
                    : String.format(Locale.ROOT, "filter: bloom, %d bits, %d probes", t.filterBits(),
                            t.filterProbes()));
            List<TableLayout.IndexEntry> index = t.index();
            out.printf(Locale.ROOT, "index: %d data blocks%n", index.size());
            for (int i = 0; i < index.size(); i++) {
                TableLayout.IndexEntry e = index.get(i);
                out.printf(Locale.ROOT, "  #%d %s separator %s%n", i, e.block(), key(format, e.separator()));
            }
            int bad = 0;
            for (int i = 0; i < index.size(); i++) {
                TableLayout.DataBlock b;
                try {
                    b = t.readDataBlock(i);
                } catch (dev.lsmkv.engine.CorruptionException e) {
                    bad++;
                    out.printf(Locale.ROOT, "data block #%d at %s: CORRUPT: %s%n", i, index.get(i).block(), e.getMessage());
                    continue;
                }
                out.printf(Locale.ROOT, "data block #%d at %s: %s, %d bytes uncompressed, %d restart points, %d entries%n", i,
                        b.handle(), b.compressionType() == 0 ? "raw" : b.compressionType() == 1 ? "LZ4"
                                : "type " + b.compressionType(), b.uncompressedSize(), b.restarts(), b.entries().size());
                if (entries) {
                    for (TableLayout.BlockEntry e : b.entries()) {
                        out.println("  " + format.describe(e.internalKey(), e.storedValue()));
                    }
                }
            }
            return bad;
        }
    }

    /** An internal key as "KEY @SEQ KIND". */
    static String key(EntryFormat format, byte[] internalKey) {
        if (!InternalKey.isWellFormed(internalKey)) {
            return InternalKey.describe(internalKey);
        }
        return format.key().apply(InternalKey.userKey(internalKey)) + " @" + InternalKey.sequence(internalKey) + " "
                + InternalKey.kind(internalKey);
    }
}
