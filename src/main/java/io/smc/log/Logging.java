package io.smc.log;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Points all of the program's logging at one stream. Everything logs through {@code java.util.logging}: {@link Log},
 * {@code System.getLogger} (which the JDK routes there) and the libraries (Google Cloud client, gRPC, Netty), so one
 * handler on the root logger receives every line.
 */
public final class Logging {
    /**
     * Loggers of libraries and JDK internals: chatty at info (connection set-up, channel state, MBean registration)
     * and, below it, writers of what must never reach a log — request headers with bearer tokens, certificates,
     * payloads (the JDK's HTTP client, gRPC, the HTTP wire). They are held at warn, or at the chosen level when that
     * is stricter, whatever the level: {@code --log-level debug} opens this program's own debug lines only. Held
     * here because JUL keeps loggers only weakly: a level set on a logger nobody references is lost when the logger
     * is collected.
     */
    private static final List<Logger> NOISY = List.of(
            Logger.getLogger("io.grpc"),
            Logger.getLogger("io.netty"),
            Logger.getLogger("com.google"),
            Logger.getLogger("org.apache.http"),
            Logger.getLogger("sun"),
            Logger.getLogger("jdk"),
            Logger.getLogger("javax.management"));

    private Logging() {
    }

    /** The names of the loggers held at warn (or stricter), whatever the level. */
    public static List<String> noisyLoggerNames() {
        return NOISY.stream().map(Logger::getName).toList();
    }

    /**
     * Replaces the root logger's handlers (the JDK's default writes multi-line text to standard error) with one
     * {@link LineHandler} writing {@code format} to {@code out}, and sets the root logger and that handler to
     * {@code level}. Calling it again replaces that handler: a controller restarted in the same process (as tests do)
     * never writes each line twice. Levels set on other loggers are left alone, except the noisy ones above.
     *
     * @param level  the least severe level written; {@link LogLevel#jdkLevel()} gives it for a flag word
     * @param format how lines are written
     * @param out    where lines go; flushed after each line and never closed
     */
    public static synchronized void configure(Level level, LogFormat format, PrintStream out) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
            handler.close();
        }
        root.addHandler(new LineHandler(out, format.formatter(), level));
        root.setLevel(level);
        Level noisyLevel = level.intValue() > Level.WARNING.intValue() ? level : Level.WARNING;
        for (Logger logger : NOISY) {
            logger.setLevel(noisyLevel);
        }
    }
}
