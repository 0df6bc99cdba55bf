package io.smc.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonLineFormatterTest {
    /** Refuses duplicate keys, which a lenient parser would silently resolve to the last one. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final JsonLineFormatter formatter = new JsonLineFormatter();

    @Test
    void writesTheLineKeysThenEachFieldInOrderOnOneLine() {
        String line = formatter.format(Records.structured(Level.INFO, "io.smc.reconcile.Reconciler",
                "reconciled config", "namespace", "team-a", "name", "app", "durationMs", 12));

        assertEquals("{\"ts\":\"2026-12-07T06:17:35.123Z\",\"level\":\"info\","
                + "\"logger\":\"io.smc.reconcile.Reconciler\",\"msg\":\"reconciled config\","
                + "\"namespace\":\"team-a\",\"name\":\"app\",\"durationMs\":12}\n", line);
    }

    @Test
    void writesTheTimestampInUtcWithExactlyThreeFractionDigits() {
        LogRecord record = Records.structured(Level.INFO, "x", "m");
        record.setInstant(Instant.parse("2026-01-02T03:04:05Z"));

        assertEquals("2026-01-02T03:04:05.000Z", parse(formatter.format(record)).get("ts").asText());
    }

    @Test
    void writesNumbersAndBooleansAsJsonValuesAndEverythingElseAsStrings() {
        JsonNode line = parse(formatter.format(Records.structured(Level.INFO, "x", "m",
                "int", 7, "long", 1L << 40, "short", (short) -3, "double", 0.25, "float", 2.5f,
                "big", new BigInteger("123456789012345678901234567890"), "decimal", new BigDecimal("1E+3"),
                "counter", new AtomicLong(9), "yes", true, "no", false,
                "nan", Double.NaN, "infinite", Double.POSITIVE_INFINITY, "duration", Duration.ofSeconds(90),
                "path", Path.of("a/b"), "text", "12", "unprintable", new Object() {
                    @Override
                    public String toString() {
                        throw new IllegalStateException("no");
                    }
                })));

        assertTrue(line.get("int").isInt() && line.get("int").intValue() == 7);
        assertTrue(line.get("long").isLong() && line.get("long").longValue() == 1L << 40);
        assertEquals(-3, line.get("short").intValue());
        assertTrue(line.get("double").isDouble() && line.get("double").doubleValue() == 0.25);
        assertTrue(line.get("float").isNumber() && line.get("float").doubleValue() == 2.5);
        assertTrue(line.get("big").isBigInteger());
        assertEquals(new BigInteger("123456789012345678901234567890"), line.get("big").bigIntegerValue());
        assertTrue(line.get("decimal").isNumber() && line.get("decimal").doubleValue() == 1000);
        assertTrue(line.get("counter").isNumber() && line.get("counter").intValue() == 9);
        assertTrue(line.get("yes").isBoolean() && line.get("yes").booleanValue());
        assertTrue(line.get("no").isBoolean() && !line.get("no").booleanValue());
        assertEquals("NaN", textOf(line, "nan"));
        assertEquals("Infinity", textOf(line, "infinite"));
        assertEquals("PT1M30S", textOf(line, "duration"));
        assertEquals(Path.of("a/b").toString(), textOf(line, "path"));
        assertEquals("12", textOf(line, "text"));
        assertTrue(textOf(line, "unprintable").startsWith("<unprintable "), line.toString());
    }

    @ParameterizedTest
    @MethodSource("io.smc.log.TrickyText#strings")
    void everyCharacterInMessageLoggerAndValuesRoundTripsThroughOneValidLine(String tricky) {
        String line = formatter.format(Records.structured(Level.WARNING, "io.smc." + tricky, "msg " + tricky,
                "value", tricky, "name:" + tricky, "as name"));

        TrickyText.assertOnePrintableLine(line);
        // Parsed from the bytes the handler writes, so nothing may be lost in UTF-8.
        JsonNode parsed = parse(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        assertEquals("io.smc." + tricky, parsed.get("logger").textValue());
        assertEquals("msg " + tricky, parsed.get("msg").textValue());
        assertEquals(tricky, parsed.get("value").textValue());
        assertEquals("as name", parsed.get("name:" + tricky).textValue());
    }

    @Test
    void anUnpairedSurrogateIsWrittenAsTheReplacementCharacter() {
        String line = formatter.format(Records.structured(Level.INFO, "x\uDC00", "high \uD800 alone",
                "reversed", "\uDC00\uD800", "k\uD800", "v"));

        TrickyText.assertOnePrintableLine(line);
        JsonNode parsed = parse(line);
        assertEquals("x\uFFFD", parsed.get("logger").textValue());
        assertEquals("high \uFFFD alone", parsed.get("msg").textValue());
        assertEquals("\uFFFD\uFFFD", parsed.get("reversed").textValue());
        assertEquals("v", parsed.get("k\uFFFD").textValue());
    }

    @Test
    void escapesWithTheShortFormsWhereJsonHasThem() {
        String line = formatter.format(Records.structured(Level.INFO, "x", "a\"b\\c\nd\te\u0001"));

        assertTrue(line.contains("\"msg\":\"a\\\"b\\\\c\\nd\\te\\u0001\""), line);
    }

    @Test
    void aFieldNamedLikeALineKeyIsPrefixedAndOverwritesNothing() {
        String line = formatter.format(Records.structured(Level.INFO, "io.smc.x", "the message",
                "msg", "field msg", "ts", "field ts", "level", "field level", "logger", "field logger",
                "field.msg", "already prefixed"));

        JsonNode parsed = parse(line);
        assertEquals("the message", parsed.get("msg").textValue());
        assertEquals("2026-12-07T06:17:35.123Z", parsed.get("ts").textValue());
        assertEquals("info", parsed.get("level").textValue());
        assertEquals("io.smc.x", parsed.get("logger").textValue());
        assertEquals("field msg", parsed.get("field.msg").textValue());
        assertEquals("field ts", parsed.get("field.ts").textValue());
        assertEquals("field level", parsed.get("field.level").textValue());
        assertEquals("field logger", parsed.get("field.logger").textValue());
        assertEquals("already prefixed", parsed.get("field.field.msg").textValue());
        assertEquals(9, parsed.size());
    }

    @Test
    void writesEachJdkLevelAsOneOfTheFourWords() {
        assertEquals("debug", levelOf(Level.FINEST));
        assertEquals("debug", levelOf(Level.FINER));
        assertEquals("debug", levelOf(Level.FINE));
        assertEquals("info", levelOf(Level.CONFIG));
        assertEquals("info", levelOf(Level.INFO));
        assertEquals("warn", levelOf(Level.WARNING));
        assertEquals("error", levelOf(Level.SEVERE));
    }

    @Test
    void formatsAThirdPartyMessageWithItsParameters() {
        JsonNode line = parse(formatter.format(Records.thirdParty(Level.WARNING, "io.grpc.internal.ManagedChannelImpl",
                "[{0}] channel to {1} failed", "Channel<5>", "secretmanager.googleapis.com:443")));

        assertEquals("[Channel<5>] channel to secretmanager.googleapis.com:443 failed", line.get("msg").textValue());
        assertEquals("io.grpc.internal.ManagedChannelImpl", line.get("logger").textValue());
        assertEquals(4, line.size(), "no fields besides the line's own");
    }

    @Test
    void leavesPlaceholdersAloneWhenThereAreNoParametersOrTheyAreFields() {
        assertEquals("literal {0}", parse(formatter.format(
                Records.thirdParty(Level.INFO, "x", "literal {0}"))).get("msg").textValue());
        assertEquals("keys like {0} stay", parse(formatter.format(
                Records.structured(Level.INFO, "x", "keys like {0} stay", "k", "v"))).get("msg").textValue());
    }

    @Test
    void aMessageThatCannotBeFormattedIsWrittenAsItIs() {
        assertEquals("bad {0 pattern", parse(formatter.format(
                Records.thirdParty(Level.INFO, "x", "bad {0 pattern", "p"))).get("msg").textValue());
    }

    @Test
    void aThrowableIsWrittenAsItsClassAndRootCauseClassOnly() {
        LogRecord record = Records.thirdParty(Level.SEVERE, "io.netty.channel.DefaultChannelPipeline",
                "failed on {0}", "channel");
        record.setThrown(new IllegalStateException("MARKER-outer",
                new RuntimeException("MARKER-middle", new java.io.EOFException("MARKER-root"))));

        String line = formatter.format(record);

        assertFalse(line.contains("MARKER"), line);
        assertFalse(line.contains("\tat "), "no stack trace: " + line);
        JsonNode parsed = parse(line);
        assertEquals("failed on channel", parsed.get("msg").textValue());
        assertEquals("java.lang.IllegalStateException", parsed.get("error").textValue());
        assertEquals("java.io.EOFException", parsed.get("errorCause").textValue());
    }

    @Test
    void aThrowableWithoutCauseIsItsOwnRootAndCausesInACycleEnd() {
        LogRecord alone = Records.thirdParty(Level.SEVERE, "x", "m");
        alone.setThrown(new IllegalArgumentException("MARKER"));
        Exception first = new Exception("MARKER");
        Exception second = new java.io.IOException("MARKER", first);
        first.initCause(second);
        LogRecord cyclic = Records.thirdParty(Level.SEVERE, "x", "m");
        cyclic.setThrown(first);

        assertEquals("java.lang.IllegalArgumentException",
                parse(formatter.format(alone)).get("errorCause").textValue());
        JsonNode line = parse(formatter.format(cyclic));
        assertEquals("java.lang.Exception", line.get("error").textValue());
        assertTrue(line.has("errorCause"));
    }

    @Test
    void aFieldNamedErrorDoesNotHideTheThrowable() {
        LogRecord record = Records.structured(Level.SEVERE, "x", "m", "error", "timeout");
        record.setThrown(new IllegalStateException("MARKER"));

        JsonNode line = parse(formatter.format(record));

        assertEquals("java.lang.IllegalStateException", line.get("error").textValue());
        assertEquals("timeout", line.get("field.error").textValue());
    }

    private String levelOf(Level level) {
        return parse(formatter.format(Records.structured(level, "x", "m"))).get("level").textValue();
    }

    private static String textOf(JsonNode line, String name) {
        JsonNode value = line.get(name);
        assertTrue(value.isTextual(), name + " is a string: " + value);
        return value.textValue();
    }

    static JsonNode parse(String line) {
        try {
            return STRICT.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not one valid JSON object: " + line, e);
        }
    }
}
