package io.smc.metrics;

import java.io.IOException;
import java.util.List;

/** The pieces of Prometheus' text exposition format 0.0.4: comment lines, sample lines and number spelling. */
final class TextFormat {
    // Integral values below this print without a fraction; above it a double no longer holds every integer anyway.
    private static final double LARGEST_PLAIN_INTEGER = 1e15;

    private TextFormat() {
    }

    static void header(Appendable out, String name, String help, String type) throws IOException {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** One sample line; {@code extraName}, when not null, is a label the metric adds itself (a histogram's le). */
    static void sample(Appendable out, String name, List<String> labelNames, List<String> labelValues,
            String extraName, String extraValue, double value) throws IOException {
        out.append(name);
        if (!labelNames.isEmpty() || extraName != null) {
            out.append('{');
            for (int i = 0; i < labelNames.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                label(out, labelNames.get(i), labelValues.get(i));
            }
            if (extraName != null) {
                if (!labelNames.isEmpty()) {
                    out.append(',');
                }
                label(out, extraName, extraValue);
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    private static void label(Appendable out, String name, String value) throws IOException {
        out.append(name).append("=\"").append(escapeLabelValue(value)).append('"');
    }

    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Go's float syntax as Prometheus parses it: NaN, +Inf, -Inf, and whole numbers without a trailing ".0". */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < LARGEST_PLAIN_INTEGER) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
