package io.smc.http;

import static org.junit.jupiter.api.Assertions.fail;

import io.smc.metrics.MetricsRegistry;
import java.io.IOException;
import java.util.Optional;

/** Reading a registry's text as a scraper would. */
final class Scrapes {
    private Scrapes() {
    }

    static String text(MetricsRegistry registry) throws IOException {
        StringBuilder out = new StringBuilder();
        registry.writeText(out);
        return out.toString();
    }

    /** The value of the sample line for {@code series} (a name, with its labels as written), if there is one. */
    static Optional<Double> find(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                String value = line.substring(series.length() + 1);
                return Optional.of(value.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value));
            }
        }
        return Optional.empty();
    }

    static double value(String text, String series) {
        return find(text, series).orElseGet(() -> fail("no sample " + series + " in:\n" + text));
    }
}
