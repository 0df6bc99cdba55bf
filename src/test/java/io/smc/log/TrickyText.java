package io.smc.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;

/** Text that breaks naive line writers: quotes, backslashes, line breaks, controls and characters beyond ASCII. */
final class TrickyText {
    private TrickyText() {
    }

    static Stream<String> strings() {
        return Stream.of(
                "say \"hi\"",
                "C:\\path\\to",
                "\\\"",
                "line one\nline two",
                "carriage\rreturn",
                "tab\there",
                "nul\u0000bell\u0007escape\u001bdel\u007f",
                "c1\u0085control",
                "key=value",
                " leading and trailing ",
                "unicode line\u2028separator\u2029paragraph",
                "café ünïcödé 日本語",
                "emoji \uD83D\uDE00 and clef \uD834\uDD1E",
                "{0} braces }{",
                "");
    }

    /**
     * The line ends in its only newline, holds no other control or line-breaking character, and survives UTF-8
     * (no unpaired surrogate), so it shows as one line in any terminal or collector.
     */
    static void assertOnePrintableLine(String line) {
        assertEquals(line.length() - 1, line.indexOf('\n'), "one newline, at the end: " + line);
        String body = line.substring(0, line.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            assertFalse(c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029',
                    "raw U+" + Integer.toHexString(c) + " at " + i + " in " + body);
        }
        assertEquals(body, new String(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8), "survives UTF-8");
    }
}
