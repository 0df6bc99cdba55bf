package io.smc.secrets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code application.secrets.env}. Works on bytes so a value that is not UTF-8 is kept exactly as written.
 *
 * <ul>
 *   <li>{@code KEY=value}: split at the first {@code =}; key and value trimmed; an {@code export } prefix is dropped.</li>
 *   <li>{@code "value"}: double quotes allow {@code \n \r \t \" \\} escapes and may span lines;
 *       {@code 'value'}: single quotes keep everything literally and may span lines. After the closing quote only
 *       blanks or a {@code #} comment may follow.</li>
 *   <li>Unquoted values are taken to the end of the line, {@code #} included: passwords contain {@code #}.</li>
 *   <li>{@code #KEY=value} ({@code #} directly before a key) is a disabled entry; any other {@code #} line is a
 *       comment.</li>
 *   <li>A key defined twice is an error, except that an enabled definition wins over a disabled one.</li>
 * </ul>
 */
public final class EnvFileParser {
    private static final Pattern DISABLED_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private final String file;
    private final byte[] in;
    private int pos;
    private int line = 1;

    private EnvFileParser(String file, byte[] content) {
        this.file = file;
        this.in = content;
    }

    /** Parses {@code content}; {@code file} names it in entries and errors. */
    public static List<SecretEntry> parse(String file, byte[] content) throws SecretFileException {
        return new EnvFileParser(file, content).parseAll();
    }

    private List<SecretEntry> parseAll() throws SecretFileException {
        Map<String, SecretEntry> entries = new LinkedHashMap<>();
        while (pos < in.length) {
            int lineStart = line;
            int end = lineEnd(pos);
            int start = skipBlanks(pos, end);
            if (start == end) {
                nextLine(end);
                continue;
            }
            boolean disabled = in[start] == '#';
            int keyStart = disabled ? start + 1 : start;
            keyStart = skipExport(keyStart, end);
            int eq = indexOf((byte) '=', keyStart, end);
            if (disabled && (eq < 0 || !DISABLED_KEY.matcher(text(keyStart, trimEnd(keyStart, eq))).matches())) {
                nextLine(end); // an ordinary comment
                continue;
            }
            if (eq < 0) {
                throw error(lineStart, "expected KEY=value but found no '='");
            }
            String key = key(keyStart, eq, lineStart);
            SecretValue value = value(eq + 1, end, lineStart);
            add(entries, new SecretEntry(key, value, disabled, new Origin(file, lineStart)));
        }
        return new ArrayList<>(entries.values());
    }

    private void add(Map<String, SecretEntry> entries, SecretEntry entry) throws SecretFileException {
        SecretEntry earlier = entries.get(entry.key());
        if (earlier == null || (earlier.disabled() && entry.disabled())) {
            entries.put(entry.key(), entry);
        } else if (earlier.disabled()) {
            entries.put(entry.key(), entry);
        } else if (!entry.disabled()) {
            throw error(entry.origin().line(), "key '" + entry.key() + "' is defined twice (lines "
                    + earlier.origin().line() + " and " + entry.origin().line() + ")");
        }
    }

    private String key(int from, int eq, int lineNo) throws SecretFileException {
        int end = trimEnd(from, eq);
        if (end == from) {
            throw error(lineNo, "empty key before '='");
        }
        String key;
        try {
            key = Utf8.decode(in, from, end - from);
        } catch (CharacterCodingException e) {
            throw error(lineNo, "key is not valid UTF-8");
        }
        if (key.chars().anyMatch(Character::isWhitespace)) {
            throw error(lineNo, "key contains whitespace");
        }
        return key;
    }

    /** Reads the value after '=' and leaves {@link #pos} at the start of the next line. */
    private SecretValue value(int from, int lineEnd, int lineNo) throws SecretFileException {
        int start = skipBlanks(from, lineEnd);
        if (start < lineEnd && (in[start] == '"' || in[start] == '\'')) {
            return quoted(start, lineNo);
        }
        int end = trimEnd(start, lineEnd);
        byte[] bytes = java.util.Arrays.copyOfRange(in, start, end);
        nextLine(lineEnd);
        return SecretValue.of(bytes);
    }

    private SecretValue quoted(int openQuote, int lineNo) throws SecretFileException {
        byte quote = in[openQuote];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = openQuote + 1;
        while (true) {
            if (i >= in.length) {
                throw error(lineNo, "value opened with " + (quote == '"' ? "a double" : "a single")
                        + " quote is never closed");
            }
            byte b = in[i];
            if (b == quote) {
                break;
            }
            if (b == '\n') {
                line++;
            }
            if (quote == '"' && b == '\\' && i + 1 < in.length) {
                i++;
                if (in[i] == '\n') {
                    line++;
                }
                int unescaped = unescape(in[i]);
                if (unescaped < 0) { // unknown escapes stay as written
                    out.write('\\');
                    out.write(in[i]);
                } else {
                    out.write(unescaped);
                }
            } else if (b != '\r' || i + 1 >= in.length || in[i + 1] != '\n') {
                out.write(b);
            }
            i++;
        }
        int closeLineEnd = lineEnd(i + 1);
        int rest = skipBlanks(i + 1, closeLineEnd);
        if (rest < closeLineEnd && in[rest] != '#') {
            throw error(line, "unexpected characters after the closing quote");
        }
        nextLine(closeLineEnd);
        return SecretValue.of(out.toByteArray());
    }

    /** The byte an escape stands for, or -1 for an escape this format does not define. */
    private static int unescape(byte escaped) {
        return switch (escaped) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case '"' -> '"';
            case '\\' -> '\\';
            default -> -1;
        };
    }

    private int skipExport(int from, int end) {
        byte[] export = {'e', 'x', 'p', 'o', 'r', 't'};
        if (end - from > export.length + 1 && java.util.Arrays.equals(in, from, from + export.length, export, 0,
                export.length) && isBlank(in[from + export.length])) {
            return skipBlanks(from + export.length, end);
        }
        return from;
    }

    private int lineEnd(int from) {
        int nl = indexOf((byte) '\n', from, in.length);
        int end = nl < 0 ? in.length : nl;
        return end > from && in[end - 1] == '\r' ? end - 1 : end;
    }

    private void nextLine(int lineEnd) {
        int nl = indexOf((byte) '\n', lineEnd, in.length);
        pos = nl < 0 ? in.length : nl + 1;
        line++;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (in[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private int skipBlanks(int from, int to) {
        int i = from;
        while (i < to && isBlank(in[i])) {
            i++;
        }
        return i;
    }

    private int trimEnd(int from, int to) {
        int i = to;
        while (i > from && isBlank(in[i - 1])) {
            i--;
        }
        return i;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f';
    }

    private String text(int from, int to) {
        return new String(in, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private SecretFileException error(int lineNo, String reason) {
        return new SecretFileException(new Origin(file, lineNo), reason);
    }
}
