package io.smc.log;

import java.util.Arrays;
import java.util.logging.Formatter;
import java.util.stream.Collectors;

/** How lines are written, by the words of the {@code --log-format} flag. */
public enum LogFormat {
    /** One JSON object per line, for log collectors: {@link JsonLineFormatter}. */
    JSON("json") {
        @Override
        public Formatter formatter() {
            return new JsonLineFormatter();
        }
    },
    /** logfmt ({@code key=value}), for people reading a terminal: {@link TextLineFormatter}. */
    TEXT("text") {
        @Override
        public Formatter formatter() {
            return new TextLineFormatter();
        }
    };

    private final String word;

    LogFormat(String word) {
        this.word = word;
    }

    /** A formatter writing this format, one line (ending in {@code \n}) per record. */
    public abstract Formatter formatter();

    public String word() {
        return word;
    }

    /**
     * The format a flag word names, in any case.
     *
     * @throws IllegalArgumentException for any other word; the message lists the accepted ones
     */
    public static LogFormat parse(String word) {
        for (LogFormat format : values()) {
            if (format.word.equalsIgnoreCase(word)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown log format \"" + word + "\": expected one of "
                + Arrays.stream(values()).map(LogFormat::word).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return word;
    }
}
