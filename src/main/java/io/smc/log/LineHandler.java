package io.smc.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Writes each loggable record as one line to a stream and flushes it at once: a controller's logs are read live
 * ({@code kubectl logs -f}), and a line held in a buffer is lost if the process dies. Lines from concurrent threads
 * never interleave: each is formatted first, then written whole under a lock.
 *
 * <p>Lines are encoded as UTF-8 whatever the stream's or the platform's charset, so that a name outside ASCII is
 * not turned into {@code ?} by a container without a locale. Write failures go to the {@link ErrorManager}, as JDK
 * handlers report them; they never reach the code that logged.
 */
public final class LineHandler extends Handler {
    private final OutputStream out;
    private final Object lock = new Object();

    /**
     * @param out       where lines go; not closed by {@link #close()}, since it is usually standard output
     * @param formatter one line per record, ending in {@code \n}
     * @param level     records below it are dropped
     */
    public LineHandler(OutputStream out, Formatter formatter, Level level) {
        this.out = Objects.requireNonNull(out, "out");
        setFormatter(Objects.requireNonNull(formatter, "formatter"));
        setLevel(Objects.requireNonNull(level, "level"));
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        byte[] line;
        try {
            line = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        synchronized (lock) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                reportError(null, e, ErrorManager.WRITE_FAILURE);
            }
        }
    }

    @Override
    public void flush() {
        synchronized (lock) {
            try {
                out.flush();
            } catch (IOException e) {
                reportError(null, e, ErrorManager.FLUSH_FAILURE);
            }
        }
    }

    /** Flushes; the stream stays open, since it belongs to whoever gave it. */
    @Override
    public void close() {
        flush();
    }
}
