package io.smc.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Just enough of PromQL to find the series an expression reads: each vector selector's metric name and label
 * matchers. Function and aggregation names, the label lists of {@code by}, {@code without}, {@code on},
 * {@code ignoring} and {@code group_left/right}, strings, numbers, durations, ranges and subqueries, and Grafana's
 * {@code $variables} are stepped over. Not a validator: promtool checks the syntax; this only lists names.
 */
public final class PromQl {
    /** Words that are never metric names where they stand. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "atan2", "inf", "nan", "start", "end");
    /** Keywords followed by a parenthesised list of label names. */
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    /** Aggregations, which may be followed by {@code by (...)} or {@code without (...)} before their parentheses. */
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    /** One label matcher of a selector, e.g. {@code code="OK"}: op is =, !=, =~ or !~. */
    public record Matcher(String label, String op, String value) {
    }

    /** One vector selector; {@code name} is null for a selector of matchers only ({@code {__name__=~"..."}}). */
    public record Selector(String name, List<Matcher> matchers) {
        public Selector {
            matchers = List.copyOf(matchers);
        }
    }

    private final String text;
    private int at;

    private PromQl(String text) {
        this.text = text;
    }

    /** The metric names the expression reads, in order of appearance. */
    public static Set<String> metricNames(String expression) {
        Set<String> names = new LinkedHashSet<>();
        for (Selector selector : selectors(expression)) {
            if (selector.name() != null) {
                names.add(selector.name());
            }
        }
        return names;
    }

    /** The vector selectors of the expression, in order of appearance. */
    public static List<Selector> selectors(String expression) {
        return new PromQl(expression).scan();
    }

    private List<Selector> scan() {
        List<Selector> selectors = new ArrayList<>();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '"' || c == '\'' || c == '`') {
                string();
            } else if (c == '#') {
                // A comment runs to the end of the line.
                while (at < text.length() && text.charAt(at) != '\n') {
                    at++;
                }
            } else if (c == '$') {
                variable();
            } else if (c == '[') {
                skipTo(']');
            } else if (c == '{') {
                selectors.add(new Selector(null, matchers()));
            } else if (Character.isDigit(c) || (c == '.' && at + 1 < text.length()
                    && Character.isDigit(text.charAt(at + 1)))) {
                // Numbers, durations (5m, 1h30m) and exponents (1e3): letters and digits run on.
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.'
                        || text.charAt(at) == '_')) {
                    at++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                identifier(selectors);
            } else {
                at++;
            }
        }
        return selectors;
    }

    private void identifier(List<Selector> selectors) {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
                || text.charAt(at) == ':')) {
            at++;
        }
        String word = text.substring(start, at);
        String lower = word.toLowerCase(Locale.ROOT);
        int next = nextNonSpace();
        char following = next < text.length() ? text.charAt(next) : '\0';
        if (LABEL_LISTS.contains(lower)) {
            if (following == '(') {
                at = next;
                skipTo(')');
            }
            return;
        }
        if (KEYWORDS.contains(lower) || following == '(' || (AGGREGATIONS.contains(lower)
                && startsWordAt(next, "by", "without"))) {
            return;
        }
        List<Matcher> matchers = List.of();
        if (following == '{') {
            at = next;
            matchers = matchers();
        }
        selectors.add(new Selector(word, matchers));
    }

    private boolean startsWordAt(int index, String... words) {
        for (String word : words) {
            if (text.regionMatches(true, index, word, 0, word.length())) {
                int end = index + word.length();
                if (end >= text.length() || !(Character.isLetterOrDigit(text.charAt(end))
                        || text.charAt(end) == '_')) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The matchers of the {@code {...}} at {@link #at}, which ends past the closing brace. */
    private List<Matcher> matchers() {
        List<Matcher> matchers = new ArrayList<>();
        at++;
        while (at < text.length()) {
            at = nextNonSpace();
            if (at >= text.length()) {
                break;
            }
            char c = text.charAt(at);
            if (c == '}') {
                at++;
                break;
            }
            if (c == ',') {
                at++;
                continue;
            }
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            String label = text.substring(start, at);
            at = nextNonSpace();
            int opStart = at;
            while (at < text.length() && "=!~".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            String op = text.substring(opStart, at);
            at = nextNonSpace();
            if (label.isEmpty() || op.isEmpty() || at >= text.length()) {
                throw new IllegalArgumentException("cannot read the matchers at " + opStart + " of: " + text);
            }
            matchers.add(new Matcher(label, op, string()));
        }
        return matchers;
    }

    /** The string literal at {@link #at}, unescaped (raw for backquotes); {@link #at} ends past it. */
    private String string() {
        char quote = text.charAt(at++);
        StringBuilder value = new StringBuilder();
        while (at < text.length() && text.charAt(at) != quote) {
            char c = text.charAt(at++);
            if (c == '\\' && quote != '`' && at < text.length()) {
                value.append(text.charAt(at++));
            } else {
                value.append(c);
            }
        }
        at++;
        return value.toString();
    }

    /** A Grafana variable: {@code $name}, {@code ${name}} or {@code ${name:format}}. */
    private void variable() {
        at++;
        if (at < text.length() && text.charAt(at) == '{') {
            skipTo('}');
            return;
        }
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
    }

    /** Moves past the next {@code close}, minding nested brackets of the same kind. */
    private void skipTo(char close) {
        char open = text.charAt(at);
        int depth = 0;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return;
            }
        }
    }

    private int nextNonSpace() {
        int index = at;
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
            index++;
        }
        return index;
    }
}
