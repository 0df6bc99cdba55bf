package io.smc.log;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Writes each record as one logfmt line, for people reading a terminal:
 * <pre>ts=2026-12-07T06:17:35.123Z level=info logger=io.smc.x msg="reconciled config" namespace=team-a name=app durationMs=12</pre>
 * The keys and values are those of {@link JsonLineFormatter}, in the same order. A value is quoted when it is empty or
 * holds whitespace, {@code =}, a quote or a character that is escaped inside quotes (controls, line separators; an
 * unpaired surrogate is written as U+FFFD). A quoted value is a JSON string literal: {@code \"}, {@code \\},
 * {@code \n}, {@code \r}, {@code \t}, and a backslash-u escape for other controls, so logfmt readers and JSON decoders
 * both read it back. A key cannot be quoted in logfmt, so in a field name each such character becomes {@code _} (and a
 * name that then collides is prefixed, as a taken name is).
 *
 * <p>Every line ends in a single {@code \n}, the only newline in it. Stateless, so one instance may serve any number
 * of threads.
 */
public final class TextLineFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        LogLine line = LogLine.of(record);
        StringBuilder out = new StringBuilder(128);
        out.append(LogLine.TS).append('=').append(line.ts());
        out.append(' ').append(LogLine.LEVEL).append('=').append(line.level().word());
        out.append(' ').append(LogLine.LOGGER).append('=');
        appendValue(out, line.logger());
        out.append(' ').append(LogLine.MSG).append('=');
        appendValue(out, line.msg());
        Set<String> taken = new HashSet<>(Set.of(LogLine.TS, LogLine.LEVEL, LogLine.LOGGER, LogLine.MSG));
        taken.addAll(line.fields().keySet());
        for (Map.Entry<String, Object> field : line.fields().entrySet()) {
            String key = field.getKey();
            String safeKey = safeKey(key);
            if (!safeKey.equals(key)) {
                safeKey = LogLine.uniqueName(safeKey, taken);
                taken.add(safeKey);
            }
            out.append(' ').append(safeKey).append('=');
            appendValue(out, String.valueOf(field.getValue()));
        }
        return out.append('\n').toString();
    }

    private static void appendValue(StringBuilder out, String value) {
        if (needsQuotes(value)) {
            JsonStrings.appendQuoted(out, value);
        } else {
            out.append(value);
        }
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '=' || c == '"' || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || JsonStrings.needsEscape(c) && !isSurrogatePairAt(value, i)) {
                return true;
            }
            if (isSurrogatePairAt(value, i)) {
                i++;
            }
        }
        return false;
    }

    private static String safeKey(String key) {
        StringBuilder safe = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (isSurrogatePairAt(key, i)) {
                safe.append(c).append(key.charAt(++i));
            } else if (c == '=' || c == '"' || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || JsonStrings.needsEscape(c)) {
                safe.append('_');
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }

    private static boolean isSurrogatePairAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
