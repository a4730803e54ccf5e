package dev.lsmkv.cli;

import dev.lsmkv.engine.tool.EntryFormat;
import java.util.HexFormat;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code --key-format} and {@code --value-format}, shared by the commands that print entries. */
final class FormatOptions {

    /** How values are printed. */
    enum ValueFormat {
        /** UTF-8 text, other bytes escaped as \xNN. */
        UTF8,
        /** Hex digits. */
        HEX,
        /** JSON text, printed compactly (as the Spring starter's JSON payloads are). */
        JSON
    }

    @Option(names = "--key-format", paramLabel = "utf8|hex", defaultValue = "utf8",
            description = "How keys are given and printed: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
            converter = ByteFormatConverter.class)
    ByteFormat keyFormat = ByteFormat.UTF8;

    @Option(names = "--value-format", paramLabel = "utf8|hex|json", defaultValue = "utf8",
            description = "How values are printed (default ${DEFAULT-VALUE}).", converter = ValueFormatConverter.class)
    ValueFormat valueFormat = ValueFormat.UTF8;

    Function<byte[], String> key() {
        return keyFormat::format;
    }

    Function<byte[], String> value() {
        return switch (valueFormat) {
            case UTF8 -> ByteFormat::escapedUtf8;
            case HEX -> HexFormat.of()::formatHex;
            case JSON -> StarterLayout::json;
        };
    }

    EntryFormat entryFormat() {
        return new EntryFormat(key(), value(), System.currentTimeMillis());
    }

    static final class ByteFormatConverter implements picocli.CommandLine.ITypeConverter<ByteFormat> {
        @Override
        public ByteFormat convert(String s) {
            return ByteFormat.valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    static final class ValueFormatConverter implements picocli.CommandLine.ITypeConverter<ValueFormat> {
        @Override
        public ValueFormat convert(String s) {
            return ValueFormat.valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
