package io.smc.log;

/**
 * Writes text as a JSON string literal (RFC 8259), which is also the quoted form of a logfmt value. Besides what JSON
 * requires (quote, backslash, U+0000 to U+001F), it escapes DEL, the C1 controls, U+2028 and U+2029 (line breaks to
 * JavaScript and to some log viewers), so that a line is printable and stays one line wherever it is shown. Paired
 * surrogates (characters outside the BMP) are written as they are. An unpaired surrogate is no character at all:
 * escaped as it is, strict parsers (Jackson among them) reject the line, so it is written as U+FFFD, the replacement
 * character, as a UTF-8 encoder would.
 */
final class JsonStrings {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonStrings() {
    }

    static void appendQuoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else if (needsEscape(c)) {
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Whether {@code c}, met on its own (not as half of a surrogate pair), must be escaped. */
    static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c);
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
    }
}
