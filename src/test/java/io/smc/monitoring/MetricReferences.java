package io.smc.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks queries against what the controller serves: every metric a query reads must be a series the scrape offers,
 * and each label a selector matches on must be one of that metric's labels (or one Prometheus adds to every target),
 * with, for {@code =} and {@code =~}, a value some served series has. Label values are checked only for metrics with
 * samples in the scrape, and not where they hold a Grafana variable.
 */
public final class MetricReferences {
    /** Series Prometheus writes itself for every target. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up", "scrape_duration_seconds",
            "scrape_samples_scraped");
    /** Labels Prometheus and the Prometheus Operator add to every series of a target. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance", "namespace", "pod", "service",
            "endpoint", "container");

    private MetricReferences() {
    }

    /** What is wrong with the queries, one line per problem naming the query; empty when they all hold. */
    public static List<String> problems(Map<String, String> queries, Exposition served) {
        List<String> problems = new ArrayList<>();
        queries.forEach((where, query) -> {
            List<PromQl.Selector> selectors = PromQl.selectors(query);
            if (selectors.isEmpty()) {
                problems.add(where + ": reads no metric: " + query);
            }
            for (PromQl.Selector selector : selectors) {
                check(where, selector, served, problems);
            }
        });
        return problems;
    }

    private static void check(String where, PromQl.Selector selector, Exposition served, List<String> problems) {
        String name = selector.name();
        if (name == null) {
            problems.add(where + ": a selector without a metric name cannot be checked: " + selector);
            return;
        }
        if (PROMETHEUS_SERIES.contains(name)) {
            return;
        }
        if (!served.names().contains(name)) {
            problems.add(where + ": " + name + " is not served by the controller");
            return;
        }
        List<Exposition.Sample> samples = served.samples(name);
        if (samples.isEmpty()) {
            return;
        }
        Set<String> labels = new TreeSet<>();
        samples.forEach(sample -> labels.addAll(sample.labels().keySet()));
        for (PromQl.Matcher matcher : selector.matchers()) {
            if (!labels.contains(matcher.label())) {
                if (!TARGET_LABELS.contains(matcher.label())) {
                    problems.add(where + ": " + name + " has no label " + matcher.label() + " (its labels: "
                            + labels + ")");
                }
                continue;
            }
            if (matcher.value().contains("$") || !(matcher.op().equals("=") || matcher.op().equals("=~"))) {
                continue;
            }
            Set<String> values = new TreeSet<>();
            samples.forEach(sample -> values.add(sample.labels().getOrDefault(matcher.label(), "")));
            Pattern pattern = matcher.op().equals("=~") ? Pattern.compile(matcher.value()) : null;
            boolean matched = pattern == null ? values.contains(matcher.value())
                    : values.stream().anyMatch(value -> pattern.matcher(value).matches());
            if (!matched) {
                problems.add(where + ": no series of " + name + " has " + matcher.label() + matcher.op() + "\""
                        + matcher.value() + "\" (served: " + values + ")");
            }
        }
    }
}
