package io.smc.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@code /metrics} scrape in the Prometheus text format offers a query: every series name a metric family
 * writes (from its {@code # TYPE} line: a histogram writes {@code _bucket}, {@code _sum} and {@code _count}, even
 * before its first observation), and the samples with their labels.
 */
public final class Exposition {
    /** One sample line: its series name and labels. */
    public record Sample(String name, Map<String, String> labels) {
    }

    private final Set<String> names = new TreeSet<>();
    private final List<Sample> samples = new ArrayList<>();

    private Exposition() {
    }

    public static Exposition parse(String text) {
        Exposition exposition = new Exposition();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring("# TYPE ".length()).trim().split("\\s+");
                exposition.family(parts[0], parts.length > 1 ? parts[1] : "untyped");
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Sample sample = sample(line);
                exposition.samples.add(sample);
                exposition.names.add(sample.name());
            }
        }
        return exposition;
    }

    private void family(String name, String type) {
        switch (type) {
            case "histogram" -> names.addAll(List.of(name + "_bucket", name + "_sum", name + "_count"));
            case "summary" -> names.addAll(List.of(name, name + "_sum", name + "_count"));
            default -> names.add(name);
        }
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || (space >= 0 && space < brace)) {
            return new Sample(line.substring(0, space < 0 ? line.length() : space), Map.of());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int at = brace + 1;
        while (at < line.length() && line.charAt(at) != '}') {
            int equals = line.indexOf('=', at);
            String label = line.substring(at, equals).trim();
            at = equals + 2;
            StringBuilder value = new StringBuilder();
            while (line.charAt(at) != '"') {
                char c = line.charAt(at++);
                if (c == '\\') {
                    char escaped = line.charAt(at++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
            at++;
            if (line.charAt(at) == ',') {
                at++;
            }
        }
        return new Sample(line.substring(0, brace), labels);
    }

    /** Every series name the scrape offers. */
    public Set<String> names() {
        return names;
    }

    /** The samples of the series {@code name}. */
    public List<Sample> samples(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }
}
