package io.smc.kube.events;

import java.util.regex.Pattern;

/**
 * The machine-readable reason of an Event ({@code ReconcileSucceeded}, {@code SourceUnavailable}): UpperCamelCase,
 * as kubectl and alerting rules expect. Callers declare them as constants, so a bad one fails at class load.
 */
public record EventReason(String value) {
    private static final Pattern CAMEL_CASE = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final int MAX_LENGTH = 128;

    public EventReason {
        if (value == null || value.length() > MAX_LENGTH || !CAMEL_CASE.matcher(value).matches()) {
            throw new IllegalArgumentException("an event reason is UpperCamelCase, at most " + MAX_LENGTH
                    + " letters and digits: " + value);
        }
    }

    public static EventReason of(String value) {
        return new EventReason(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
