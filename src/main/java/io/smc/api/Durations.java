package io.smc.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Kubernetes APIs write them: Go-style strings such as {@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 1.5h}, {@code 500ms}, and {@code 0}; {@code d} (24 hours) is accepted because the seed system's manifests
 * use it.
 */
public final class Durations {
    /** The schema pattern of a duration field. */
    public static final String PATTERN = "^(0|([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+)$";
    private static final Pattern WHOLE = Pattern.compile(PATTERN);
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d)");

    private Durations() {
    }

    /** Parses {@code text}; an {@link IllegalArgumentException} names what was expected. */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 5m, 1h30m or 0");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            double amount = Double.parseDouble(part.group(1));
            long nanosPerUnit = switch (part.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> 86_400_000_000_000L;
            };
            total = total.plusNanos(Math.round(amount * nanosPerUnit));
        }
        return total;
    }

    /** The shortest Go-style text for {@code duration}: {@code 1h30m}, {@code 45s}, {@code 250ms}, {@code 0}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0";
        }
        StringBuilder text = new StringBuilder();
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int millis = duration.toMillisPart();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (seconds > 0) {
            text.append(seconds).append('s');
        }
        if (millis > 0) {
            text.append(millis).append("ms");
        }
        return text.toString();
    }
}
