package io.smc.runtime;

import io.smc.log.LogFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The lines one class logs while the test runs, with their fields; close to detach. */
final class CapturedLog implements AutoCloseable {
    /** One logged line. */
    record Line(Level level, String message, Map<String, Object> fields) {
    }

    private final Logger logger;
    private final Level previousLevel;
    private final List<Line> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Object[] parameters = record.getParameters();
            Map<String, Object> fields = parameters != null && parameters.length == 1
                    && parameters[0] instanceof LogFields logFields ? logFields.values() : Map.of();
            synchronized (lines) {
                lines.add(new Line(record.getLevel(), record.getMessage(), fields));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedLog(Class<?> type) {
        logger = Logger.getLogger(type.getName());
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        // The lines are checked here; printing them too would only bury the test report.
        logger.setUseParentHandlers(false);
    }

    List<Line> lines(String message) {
        synchronized (lines) {
            return lines.stream().filter(line -> line.message().equals(message)).toList();
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(true);
    }
}
