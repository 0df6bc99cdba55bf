package io.smc.log;

import java.util.Arrays;
import java.util.logging.Level;
import java.util.stream.Collectors;

/**
 * The four levels people use, by the words of the {@code --log-level} flag and of every line's {@code level} key, and
 * the {@code java.util.logging} level each stands for.
 */
public enum LogLevel {
    DEBUG("debug", Level.FINE),
    INFO("info", Level.INFO),
    WARN("warn", Level.WARNING),
    ERROR("error", Level.SEVERE);

    private final String word;
    private final Level jdkLevel;

    LogLevel(String word, Level jdkLevel) {
        this.word = word;
        this.jdkLevel = jdkLevel;
    }

    /** The flag word, also a line's {@code level}: {@code debug}, {@code info}, {@code warn} or {@code error}. */
    public String word() {
        return word;
    }

    /** The JDK level a logger or handler is set to for this level. */
    public Level jdkLevel() {
        return jdkLevel;
    }

    /**
     * The level a flag word names, in any case.
     *
     * @throws IllegalArgumentException for any other word; the message lists the accepted ones
     */
    public static LogLevel parse(String word) {
        for (LogLevel level : values()) {
            if (level.word.equalsIgnoreCase(word)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown log level \"" + word + "\": expected one of " + words());
    }

    /**
     * The level a JDK level is written as. Levels between the named ones fall to the one below, so third-party levels
     * (CONFIG, FINER, custom ones) still get one of the four words: FINE and finer are debug, CONFIG is info.
     */
    public static LogLevel of(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return ERROR;
        }
        if (value >= Level.WARNING.intValue()) {
            return WARN;
        }
        if (value >= Level.CONFIG.intValue()) {
            return INFO;
        }
        return DEBUG;
    }

    static String words() {
        return Arrays.stream(values()).map(LogLevel::word).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return word;
    }
}
