package io.smc.log;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.LogRecord;

/**
 * What both line formats write for one record: the four keys every line has, then the record's fields under names
 * that never collide with those keys or with each other.
 *
 * @param fields in order; each value is a {@link Boolean}, a finite {@link Number} of a JDK type whose
 *               {@code toString} is a plain number, or a {@link String}
 */
record LogLine(String ts, LogLevel level, String logger, String msg, Map<String, Object> fields) {
    static final String TS = "ts";
    static final String LEVEL = "level";
    static final String LOGGER = "logger";
    static final String MSG = "msg";
    static final String ERROR = "error";
    static final String ERROR_CAUSE = "errorCause";
    /** Put before a field's name, as often as needed, when the name is taken. */
    static final String FIELD_PREFIX = "field.";

    private static final DateTimeFormatter RFC_3339_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    LogLine {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * The line for a record. A record made by {@link Log} carries one {@link LogFields} parameter: its message is
     * written as given (braces in it are text) and its fields become keys. Any other record comes from a
     * {@code System.Logger}, a JUL logger or a third-party library: its message is localised and, when it has
     * parameters, formatted with {@link MessageFormat}, as {@link java.util.logging.Formatter#formatMessage} does.
     *
     * <p>A record's Throwable is written as two class names, {@code error} and {@code errorCause} (the root cause),
     * never its message or stack trace. Third-party libraries log exceptions whose messages quote what they were
     * handling (a request, a response body, a file line), which for this program may be a secret value; and a stack
     * trace would break the one-line-per-record rule that log collectors rely on.
     */
    static LogLine of(LogRecord record) {
        Set<String> taken = new HashSet<>(Set.of(TS, LEVEL, LOGGER, MSG));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            taken.add(ERROR);
            taken.add(ERROR_CAUSE);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        LogFields structured = structuredFields(record);
        String message;
        if (structured != null) {
            message = record.getMessage();
            for (Map.Entry<String, Object> field : structured.values().entrySet()) {
                String name = uniqueName(field.getKey(), taken);
                taken.add(name);
                fields.put(name, value(field.getValue()));
            }
        } else {
            message = formatMessage(record);
        }
        if (thrown != null) {
            fields.put(ERROR, thrown.getClass().getName());
            fields.put(ERROR_CAUSE, rootCause(thrown).getClass().getName());
        }
        return new LogLine(RFC_3339_MILLIS.format(record.getInstant()), LogLevel.of(record.getLevel()),
                record.getLoggerName() == null ? "" : record.getLoggerName(), message == null ? "" : message,
                fields);
    }

    /** {@code name}, or it with {@link #FIELD_PREFIX} put before it as many times as it takes to be free. */
    static String uniqueName(String name, Set<String> taken) {
        String unique = name;
        while (taken.contains(unique)) {
            unique = FIELD_PREFIX + unique;
        }
        return unique;
    }

    private static LogFields structuredFields(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length == 1 && parameters[0] instanceof LogFields fields) {
            return fields;
        }
        return null;
    }

    /**
     * The same steps as {@link java.util.logging.Formatter#formatMessage}, which cannot be called without a formatter
     * instance: a pattern that fails to format (a bad pattern, a parameter whose {@code toString} throws) is written
     * as it is rather than losing the line.
     */
    private static String formatMessage(LogRecord record) {
        String pattern = record.getMessage();
        if (pattern == null) {
            return "";
        }
        if (record.getResourceBundle() != null) {
            try {
                pattern = record.getResourceBundle().getString(pattern);
            } catch (MissingResourceException notLocalised) {
                // The message is its own text.
            }
        }
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0 || !hasPlaceholder(pattern)) {
            return pattern;
        }
        try {
            return MessageFormat.format(pattern, parameters);
        } catch (RuntimeException unformattable) {
            return pattern;
        }
    }

    private static boolean hasPlaceholder(String pattern) {
        for (int i = pattern.indexOf('{'); i >= 0 && i + 1 < pattern.length(); i = pattern.indexOf('{', i + 1)) {
            if (Character.isDigit(pattern.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable thrown) {
        // Causes can form a cycle (initCause on each other); stop at the first one seen twice.
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = thrown;
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * Booleans and plain numbers stay themselves; everything else becomes its {@code String.valueOf}. Only JDK number
     * types are trusted to print as a number (NaN and infinities are not numbers in JSON), and a {@code toString}
     * that throws leaves a marker rather than losing the line.
     */
    private static Object value(Object value) {
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof Double number && Double.isFinite(number)
                || value instanceof Float real && Float.isFinite(real)
                || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        // Read now: the counter may move before the line is written.
        if (value instanceof AtomicInteger counter) {
            return counter.get();
        }
        if (value instanceof AtomicLong counter) {
            return counter.get();
        }
        try {
            return String.valueOf(value);
        } catch (RuntimeException unprintable) {
            return "<unprintable " + value.getClass().getName() + ">";
        }
    }
}
