package io.smc.log;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A JDK logger that writes one line per event with named fields, as structured loggers do:
 * {@code log.info("reconciled", "namespace", ns, "name", name, "durationMs", 12)}. The levels are the four people
 * use (debug, info, warn, error), mapped onto {@code java.util.logging}'s FINE, INFO, WARNING and SEVERE. There is
 * no way to log a Throwable: exception messages may quote input, so callers log a summary they vouch for.
 */
public final class Log {
    private final Logger logger;

    private Log(Logger logger) {
        this.logger = logger;
    }

    /** The logger named after the class, as JDK logging names them. */
    public static Log of(Class<?> type) {
        return new Log(Logger.getLogger(type.getName()));
    }

    public static Log of(String name) {
        return new Log(Logger.getLogger(name));
    }

    public boolean debugEnabled() {
        return logger.isLoggable(Level.FINE);
    }

    public void debug(String message, Object... fields) {
        log(Level.FINE, message, fields);
    }

    public void info(String message, Object... fields) {
        log(Level.INFO, message, fields);
    }

    public void warn(String message, Object... fields) {
        log(Level.WARNING, message, fields);
    }

    public void error(String message, Object... fields) {
        log(Level.SEVERE, message, fields);
    }

    private void log(Level level, String message, Object[] fields) {
        if (!logger.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger.getName());
        record.setParameters(new Object[] {LogFields.of(fields)});
        logger.log(record);
    }
}
