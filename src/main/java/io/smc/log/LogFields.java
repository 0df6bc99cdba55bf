package io.smc.log;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named fields of one log line ({@code namespace}, {@code name}, {@code durationMs}), in the order given. They
 * travel as the only parameter of a {@link java.util.logging.LogRecord}, where the line formatters find them. Values
 * are names, counts, durations and hashes: never a secret value.
 */
public record LogFields(Map<String, Object> values) {
    public static final LogFields NONE = new LogFields(Map.of());

    public LogFields {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * From alternating names and values; a null value is left out.
     *
     * @throws IllegalArgumentException an odd count, or a name that is not a non-empty string
     */
    public static LogFields of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("log fields come in name, value pairs; got " + namesAndValues.length
                    + " items");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name) || name.isEmpty()) {
                throw new IllegalArgumentException("a log field's name must be a non-empty string: "
                        + namesAndValues[i]);
            }
            if (namesAndValues[i + 1] != null) {
                values.put(name, namesAndValues[i + 1]);
            }
        }
        return new LogFields(values);
    }
}
