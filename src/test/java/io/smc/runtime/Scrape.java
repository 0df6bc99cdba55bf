package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import io.smc.metrics.MetricsRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads series back from a registry's text exposition, as Prometheus would see them. */
final class Scrape {
    private Scrape() {
    }

    static String text(MetricsRegistry registry) {
        StringBuilder out = new StringBuilder();
        try {
            registry.writeText(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The value of one series, e.g. {@code workqueue_depth{name="q"}}; fails when the series is absent. */
    static double value(MetricsRegistry registry, String series) {
        String text = text(registry);
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return fail("no series " + series + " in\n" + text);
    }

    /** The lines of the metric's samples (no comments), in exposition order. */
    static List<String> samples(MetricsRegistry registry, String metric) {
        return text(registry).lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + "_bucket{")
                        || line.startsWith(metric + "_sum{") || line.startsWith(metric + "_count{"))
                .toList();
    }
}
