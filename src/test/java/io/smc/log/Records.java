package io.smc.log;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** Log records as {@link Log} and as other loggers make them, at a fixed instant. */
final class Records {
    static final Instant AT = Instant.parse("2026-12-07T06:17:35.123456Z");

    private Records() {
    }

    /** A record as {@link Log} makes it: its fields as the one parameter. */
    static LogRecord structured(Level level, String logger, String message, Object... fields) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setParameters(new Object[] {LogFields.of(fields)});
        record.setInstant(AT);
        return record;
    }

    /** A record as a JUL or {@code System.Logger} caller makes it: a pattern with positional parameters. */
    static LogRecord thirdParty(Level level, String logger, String pattern, Object... parameters) {
        LogRecord record = new LogRecord(level, pattern);
        record.setLoggerName(logger);
        record.setParameters(parameters.length == 0 ? null : parameters);
        record.setInstant(AT);
        return record;
    }
}
