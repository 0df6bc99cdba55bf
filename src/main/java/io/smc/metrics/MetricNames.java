package io.smc.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Prometheus' rules for metric and label names, checked once at registration so scrapes never produce bad text. */
final class MetricNames {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private MetricNames() {
    }

    static String metricName(String name) {
        if (name == null || !METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid metric name: " + name);
        }
        return name;
    }

    /** @param reserved label names this metric type writes itself ({@code le} for histograms) */
    static List<String> labelNames(String metric, String[] names, Set<String> reserved) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || !LABEL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(metric + ": not a valid label name: " + name);
            }
            // Names starting with __ belong to Prometheus itself (__name__, __address__, ...).
            if (name.startsWith("__") || reserved.contains(name)) {
                throw new IllegalArgumentException(metric + ": the label name " + name + " is reserved");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(metric + ": the label name " + name + " is repeated");
            }
        }
        return List.of(names);
    }
}
