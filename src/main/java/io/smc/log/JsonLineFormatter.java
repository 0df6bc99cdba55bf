package io.smc.log;

import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Writes each record as one JSON object on one line, for log collectors:
 * <pre>{"ts":"2026-12-07T06:17:35.123Z","level":"info","logger":"io.smc.reconcile.Reconciler","msg":"reconciled","namespace":"team-a","durationMs":12}</pre>
 * {@code ts} is RFC 3339 in UTC with milliseconds; {@code level} is a {@link LogLevel} word; {@code logger} is the
 * full logger name. The record's {@link LogFields} follow in order, numbers and booleans as JSON numbers and booleans,
 * anything else as a string; a field whose name is taken is written as {@code field.<name>}. A record with a
 * Throwable gets {@code error} and {@code errorCause}: class names only (see {@link LogLine#of}).
 *
 * <p>Every line is valid JSON ending in a single {@code \n}: no character of a message, name or value can end the
 * line early or break the object. Stateless, so one instance may serve any number of threads.
 */
public final class JsonLineFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        LogLine line = LogLine.of(record);
        StringBuilder out = new StringBuilder(128);
        out.append('{');
        member(out, LogLine.TS, line.ts());
        out.append(',');
        member(out, LogLine.LEVEL, line.level().word());
        out.append(',');
        member(out, LogLine.LOGGER, line.logger());
        out.append(',');
        member(out, LogLine.MSG, line.msg());
        for (Map.Entry<String, Object> field : line.fields().entrySet()) {
            out.append(',');
            member(out, field.getKey(), field.getValue());
        }
        return out.append("}\n").toString();
    }

    private static void member(StringBuilder out, String name, Object value) {
        JsonStrings.appendQuoted(out, name);
        out.append(':');
        if (value instanceof Boolean || value instanceof Number) {
            // LogLine keeps only finite numbers of JDK types, whose toString is a valid JSON number.
            out.append(value);
        } else {
            JsonStrings.appendQuoted(out, (String) value);
        }
    }
}
