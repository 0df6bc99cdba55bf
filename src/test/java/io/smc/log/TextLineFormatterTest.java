package io.smc.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TextLineFormatterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TextLineFormatter formatter = new TextLineFormatter();

    @Test
    void writesTheLineKeysThenEachFieldInOrder() {
        String line = formatter.format(Records.structured(Level.INFO, "io.smc.x", "reconciled config",
                "namespace", "team-a", "name", "app", "durationMs", 12));

        assertEquals("ts=2026-12-07T06:17:35.123Z level=info logger=io.smc.x msg=\"reconciled config\" "
                + "namespace=team-a name=app durationMs=12\n", line);
    }

    @Test
    void writesNumbersBooleansAndOtherValuesAsTheirText() {
        String line = formatter.format(Records.structured(Level.FINE, "x", "m", "int", -7, "double", 0.25,
                "decimal", new BigDecimal("1.50"), "flag", true, "nan", Double.NaN, "duration", Duration.ofMillis(1500),
                "list", List.of("a", "b")));

        assertEquals("ts=2026-12-07T06:17:35.123Z level=debug logger=x msg=m int=-7 double=0.25 decimal=1.50 "
                + "flag=true nan=NaN duration=PT1.5S list=\"[a, b]\"\n", line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "plain-value_1.2/x:y    | plain-value_1.2/x:y",
        "C:\\dir                | C:\\dir",
        "two words              | '\"two words\"'",
        "k=v                    | '\"k=v\"'",
        "say \"hi\"             | '\"say \\\"hi\\\"\"'",
        "''                     | '\"\"'",
        "日本語                 | 日本語",
    })
    void quotesAValueOnlyWhenItMustBe(String value, String written) {
        String line = formatter.format(Records.structured(Level.INFO, "x", "m", "v", value));

        assertTrue(line.endsWith(" v=" + written + "\n"), line);
    }

    @Test
    void escapesInsideQuotesAsAJsonStringDoes() {
        String line = formatter.format(Records.structured(Level.INFO, "x", "m",
                "v", "a\"b\\c\nd\re\tf\u0001g\u2028h"));

        assertTrue(line.endsWith(" v=\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u2028h\"\n"), line);
    }

    @ParameterizedTest
    @MethodSource("io.smc.log.TrickyText#strings")
    void everyCharacterInMessageLoggerAndValuesRoundTripsThroughOneLine(String tricky) {
        String line = formatter.format(Records.structured(Level.WARNING, "io.smc." + tricky, "msg " + tricky,
                "value", tricky, "after", "end"));

        TrickyText.assertOnePrintableLine(line);
        Map<String, String> parsed = parse(line);
        assertEquals("io.smc." + tricky, parsed.get("logger"));
        assertEquals("msg " + tricky, parsed.get("msg"));
        assertEquals(tricky, parsed.get("value"));
        assertEquals("end", parsed.get("after"));
    }

    @Test
    void aFieldNameThatCannotBeAKeyHasItsOffendingCharactersReplaced() {
        String line = formatter.format(Records.structured(Level.INFO, "x", "m",
                "two words", 1, "a=b", 2, "quo\"te", 3, "new\nline", 4, "two_words", 5));

        Map<String, String> parsed = parse(line);
        // "two words" becomes two_words, which a later field holds, so it moves aside rather than repeat the key.
        assertEquals("1", parsed.get("field.two_words"));
        assertEquals("2", parsed.get("a_b"));
        assertEquals("3", parsed.get("quo_te"));
        assertEquals("4", parsed.get("new_line"));
        assertEquals("5", parsed.get("two_words"));
    }

    @Test
    void aFieldNamedLikeALineKeyIsPrefixedAndOverwritesNothing() {
        Map<String, String> parsed = parse(formatter.format(Records.structured(Level.INFO, "io.smc.x", "the message",
                "msg", "field msg", "ts", "t", "level", "l", "logger", "g", "field.msg", "already prefixed")));

        assertEquals("the message", parsed.get("msg"));
        assertEquals("2026-12-07T06:17:35.123Z", parsed.get("ts"));
        assertEquals("info", parsed.get("level"));
        assertEquals("io.smc.x", parsed.get("logger"));
        assertEquals("field msg", parsed.get("field.msg"));
        assertEquals("t", parsed.get("field.ts"));
        assertEquals("l", parsed.get("field.level"));
        assertEquals("g", parsed.get("field.logger"));
        assertEquals("already prefixed", parsed.get("field.field.msg"));
    }

    @Test
    void formatsAThirdPartyMessageWithItsParameters() {
        String line = formatter.format(Records.thirdParty(Level.INFO, "jdk.internal.httpclient.debug",
                "fetching {0} at {1}", "https://git.example/repo.git", "main"));

        assertEquals("ts=2026-12-07T06:17:35.123Z level=info logger=jdk.internal.httpclient.debug "
                + "msg=\"fetching https://git.example/repo.git at main\"\n", line);
    }

    @Test
    void aThrowableIsWrittenAsItsClassAndRootCauseClassOnly() {
        LogRecord record = Records.thirdParty(Level.WARNING, "com.google.api.gax.rpc", "call failed");
        record.setThrown(new IllegalStateException("MARKER value=s3cr3t\n\tat fake.Frame",
                new java.net.SocketTimeoutException("MARKER")));

        String line = formatter.format(record);

        assertFalse(line.contains("MARKER") || line.contains("s3cr3t"), line);
        assertEquals("ts=2026-12-07T06:17:35.123Z level=warn logger=com.google.api.gax.rpc msg=\"call failed\" "
                + "error=java.lang.IllegalStateException errorCause=java.net.SocketTimeoutException\n", line);
    }

    @Test
    void aRecordWithoutLoggerNameOrMessageStillHasEveryKey() {
        LogRecord record = new LogRecord(Level.INFO, null);
        record.setInstant(Records.AT);

        assertEquals("ts=2026-12-07T06:17:35.123Z level=info logger=\"\" msg=\"\"\n", formatter.format(record));
    }

    /** A logfmt reader: unquoted values run to the next space, quoted ones are JSON string literals. */
    private static Map<String, String> parse(String line) {
        assertTrue(line.endsWith("\n"), line);
        Map<String, String> pairs = new LinkedHashMap<>();
        int i = 0;
        int end = line.length() - 1;
        while (i < end) {
            int equals = line.indexOf('=', i);
            assertTrue(equals > i, "a key at " + i + " in " + line);
            String key = line.substring(i, equals);
            assertFalse(key.contains(" ") || key.contains("\""), "key " + key);
            int valueEnd;
            String value;
            if (line.charAt(equals + 1) == '"') {
                valueEnd = equals + 2;
                while (line.charAt(valueEnd) != '"') {
                    valueEnd += line.charAt(valueEnd) == '\\' ? 2 : 1;
                }
                valueEnd++;
                value = unquote(line.substring(equals + 1, valueEnd));
            } else {
                valueEnd = line.indexOf(' ', equals);
                valueEnd = valueEnd < 0 ? end : valueEnd;
                value = line.substring(equals + 1, valueEnd);
            }
            if (pairs.put(key, value) != null) {
                fail("key " + key + " written twice: " + line);
            }
            assertTrue(valueEnd == end || line.charAt(valueEnd) == ' ', "one space between pairs: " + line);
            i = valueEnd + 1;
        }
        assertNull(pairs.get(""), line);
        return pairs;
    }

    private static String unquote(String quoted) {
        try {
            return JSON.readValue(quoted, String.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON string: " + quoted, e);
        }
    }
}
