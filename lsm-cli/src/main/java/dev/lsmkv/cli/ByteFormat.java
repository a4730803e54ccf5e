package dev.lsmkv.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/** How keys (and plain values) are read from arguments and printed: {@code --key-format utf8|hex}. */
enum ByteFormat {
    /** UTF-8 text; printed with invalid or control bytes escaped as \xNN (and a backslash as \\). */
    UTF8,
    /** Lower-case hex digits, two per byte. */
    HEX;

    private static final HexFormat HEX_FORMAT = HexFormat.of();

    /** The bytes an argument in this format stands for. */
    byte[] parse(String text, String what) {
        if (this == HEX) {
            try {
                return HEX_FORMAT.parseHex(text.startsWith("0x") ? text.substring(2) : text);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, what + " '" + text + "' is not hex (an even number of digits "
                        + "0-9a-f): " + e.getMessage());
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    String format(byte[] bytes) {
        return this == HEX ? HEX_FORMAT.formatHex(bytes) : escapedUtf8(bytes);
    }

    /** The bytes as UTF-8 where they are valid printable text, each other byte as \xNN. */
    static String escapedUtf8(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F) {
                sb.append(b == '\\' ? "\\\\" : String.valueOf((char) b));
                i++;
                continue;
            }
            int len = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? (b < 0xF0 ? 3 : 0) : b >= 0xC2 ? 2 : 0;
            String decoded = len > 0 && i + len <= bytes.length ? decode(bytes, i, len) : null;
            if (decoded != null && !Character.isISOControl(decoded.codePointAt(0))) {
                sb.append(decoded);
                i += len;
            } else {
                sb.append(String.format(Locale.ROOT, "\\x%02x", b));
                i++;
            }
        }
        return sb.toString();
    }

    private static String decode(byte[] bytes, int from, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
