package io.smc.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits properties text into the logical lines {@link java.util.Properties#load(java.io.Reader)} reads, each with
 * the number of the natural line it starts on. A logical line is given as written (escaped line breaks and the
 * blanks after them included), so loading it alone gives the key and value it gives within the whole file.
 *
 * <p>The rules are those documented for {@code Properties.load}: lines end at {@code \n}, {@code \r} or
 * {@code \r\n}; blank lines and lines whose first non-blank character is {@code #} or {@code !} are skipped and never
 * continued; an odd number of backslashes before a line break continues the line, and the blanks that start the next
 * line are dropped, so a blank line ends the continuation.
 */
final class PropertiesLines {
    private PropertiesLines() {
    }

    /** A logical line and the 1-based number of its first natural line; it holds a value, so it never prints. */
    record LogicalLine(String text, int number) {
        @Override
        public String toString() {
            return "LogicalLine[" + number + "]";
        }
    }

    static List<LogicalLine> split(String text) {
        List<LogicalLine> lines = new ArrayList<>();
        int pos = 0;
        int number = 1;
        while (pos < text.length()) {
            int start = skipBlanks(text, pos);
            int end = naturalEnd(text, start);
            if (start == end || text.charAt(start) == '#' || text.charAt(start) == '!') {
                pos = nextLine(text, end);
                number++;
                continue;
            }
            int first = number;
            int after = nextLine(text, end);
            while (endsWithOddBackslashes(text, start, end) && end < text.length()) {
                number++;
                int resumed = skipBlanks(text, after);
                if (resumed == text.length() || isBreak(text.charAt(resumed))) {
                    // A blank line after an escaped break ends the logical line and goes with it, its break
                    // included: when nothing but backslashes came before, Properties takes the whole as a blank
                    // line, where the text without that break would read as an empty key.
                    end = nextLine(text, resumed);
                    after = end;
                    break;
                }
                end = naturalEnd(text, resumed);
                after = nextLine(text, end);
            }
            lines.add(new LogicalLine(text.substring(start, end), first));
            pos = after;
            number++;
        }
        return lines;
    }

    private static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\f')) {
            i++;
        }
        return i;
    }

    /** Where the natural line that {@code from} is in ends: at its line break, or at the end of the text. */
    private static int naturalEnd(String text, int from) {
        int i = from;
        while (i < text.length() && !isBreak(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The start of the line after the break at {@code end} ({@code \r\n} is one break). */
    private static int nextLine(String text, int end) {
        if (end >= text.length()) {
            return text.length();
        }
        return text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
    }

    private static boolean endsWithOddBackslashes(String text, int start, int end) {
        int count = 0;
        for (int i = end - 1; i >= start && text.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r';
    }
}
