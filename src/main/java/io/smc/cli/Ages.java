package io.smc.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** How long ago, written as kubectl writes ages ({@code 45s}, {@code 3m12s}, {@code 5h}, {@code 2d3h}, {@code 40d}). */
final class Ages {
    private Ages() {
    }

    /** The age of an RFC 3339 timestamp at {@code now}; {@code <unknown>} when it is missing or not a time. */
    static String since(String timestamp, Instant now) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return of(Duration.between(Instant.parse(timestamp), now));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    static String of(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        long minutes = seconds / 60;
        long hours = minutes / 60;
        long days = hours / 24;
        if (seconds < 120) {
            return seconds + "s";
        }
        if (minutes < 10) {
            return minutes + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        }
        if (hours < 3) {
            return minutes + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (days < 8) {
            return days + "d" + (hours % 24 == 0 ? "" : hours % 24 + "h");
        }
        return days + "d";
    }
}
