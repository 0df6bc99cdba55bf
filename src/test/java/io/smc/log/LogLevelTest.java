package io.smc.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogLevelTest {
    @ParameterizedTest
    @CsvSource({"debug, FINE", "info, INFO", "warn, WARNING", "error, SEVERE", "DEBUG, FINE", "Warn, WARNING"})
    void aFlagWordInAnyCaseNamesItsJdkLevel(String word, String jdkLevel) {
        assertEquals(Level.parse(jdkLevel), LogLevel.parse(word).jdkLevel());
    }

    @Test
    void eachLevelIsWrittenAsTheWordThatParsesBackToIt() {
        for (LogLevel level : LogLevel.values()) {
            assertEquals(level, LogLevel.parse(level.word()));
            assertEquals(level, LogLevel.of(level.jdkLevel()));
        }
    }

    @ParameterizedTest
    @CsvSource({"FINEST, debug", "FINER, debug", "FINE, debug", "CONFIG, info", "INFO, info", "WARNING, warn",
        "SEVERE, error", "ALL, debug", "OFF, error", "850, info", "950, warn"})
    void everyJdkLevelFallsToTheWordAtOrBelowIt(String jdkLevel, String word) {
        assertEquals(word, LogLevel.of(Level.parse(jdkLevel)).word());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "warning", "trace", "fine", " info", "SEVERE"})
    void anyOtherWordIsRefusedNamingTheAcceptedOnes(String word) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LogLevel.parse(word));

        assertTrue(refused.getMessage().contains("debug, info, warn, error"), refused.getMessage());
    }

    @Test
    void aFormatWordInAnyCaseNamesItsFormat() {
        assertEquals(LogFormat.JSON, LogFormat.parse("json"));
        assertEquals(LogFormat.TEXT, LogFormat.parse("TEXT"));
        assertTrue(LogFormat.JSON.formatter() instanceof JsonLineFormatter);
        assertTrue(LogFormat.TEXT.formatter() instanceof TextLineFormatter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "logfmt", "yaml", "json "})
    void anyOtherFormatWordIsRefusedNamingTheAcceptedOnes(String word) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LogFormat.parse(word));

        assertTrue(refused.getMessage().contains("json, text"), refused.getMessage());
    }
}
