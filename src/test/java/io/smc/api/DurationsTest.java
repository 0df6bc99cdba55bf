package io.smc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"0, PT0S", "30s, PT30S", "5m, PT5M", "1h30m, PT1H30M", "1.5h, PT1H30M", "250ms, PT0.25S",
        "2d, PT48H", "1h0m5s, PT1H5S", "90s, PT1M30S"})
    void parsesGoStyleDurations(String text, String iso) {
        assertEquals(Duration.parse(iso), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "-5m", "5 m", "5min", "1h-5m", "m", "1.m", "PT5M"})
    void refusesAnythingElse(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("'" + text + "' is not a duration such as 30s, 5m, 1h30m or 0", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0", "PT1M, 1m", "PT1H30M, 1h30m", "PT48H, 48h", "PT0.25S, 250ms", "PT1M0.5S, 1m500ms"})
    void formatsTheShortestText(String iso, String text) {
        assertEquals(text, Durations.format(Duration.parse(iso)));
        assertEquals(Duration.parse(iso), Durations.parse(text));
    }
}
