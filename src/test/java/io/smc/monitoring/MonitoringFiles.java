package io.smc.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitoring the project ships in {@code config/monitoring/}: the PrometheusRule (whose {@code spec} is the one
 * source of the alert rules) and the Grafana dashboard, read as the build's tests and the metric-name check need them.
 */
public final class MonitoringFiles {
    public static final Path DIRECTORY = Path.of("config/monitoring");
    public static final Path PROMETHEUS_RULE = DIRECTORY.resolve("prometheusrule.yaml");
    public static final Path DASHBOARD = DIRECTORY.resolve("grafana-dashboard.json");
    public static final Path RULE_TESTS = DIRECTORY.resolve("tests");
    /** The job Prometheus gives the controller's targets: the metrics Service's name. */
    public static final String JOB = "secret-manager-controller-metrics";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*(.*?)\\s*,\\s*\\w+\\s*\\)");

    private MonitoringFiles() {
    }

    public static JsonNode prometheusRule() throws IOException {
        return YAML.readTree(PROMETHEUS_RULE.toFile());
    }

    /**
     * The PrometheusRule's {@code spec} as a plain Prometheus rules file, for promtool.
     *
     * @param annotations false to leave every rule's annotations out, for tests about when alerts fire
     */
    public static String rulesFile(boolean annotations) throws IOException {
        ObjectNode spec = (ObjectNode) prometheusRule().get("spec").deepCopy();
        if (!annotations) {
            spec.path("groups").forEach(group -> group.path("rules")
                    .forEach(rule -> ((ObjectNode) rule).remove("annotations")));
        }
        return YAML.writeValueAsString(spec);
    }

    /** Each alert's expression, by alert name. */
    public static Map<String, String> ruleExpressions() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode group : prometheusRule().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                expressions.put("rule " + name, rule.path("expr").asText());
            }
        }
        return expressions;
    }

    public static JsonNode dashboard() throws IOException {
        return JSON.readTree(DASHBOARD.toFile());
    }

    /**
     * Every query of the dashboard, by panel title and refId: the panels' targets (rows' nested panels included)
     * and the template variables' {@code label_values(metric, label)} queries, as the metric they read.
     */
    public static Map<String, String> dashboardExpressions() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        JsonNode dashboard = dashboard();
        collectPanels(dashboard.path("panels"), expressions);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (!variable.path("type").asText().equals("query")) {
                continue;
            }
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            Matcher labelValues = LABEL_VALUES.matcher(text);
            expressions.put("variable " + variable.path("name").asText(), labelValues.matches()
                    ? labelValues.group(1) : text);
        }
        return expressions;
    }

    private static void collectPanels(JsonNode panels, Map<String, String> expressions) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    expressions.put("panel \"" + panel.path("title").asText() + "\" " + target.path("refId")
                            .asText(), target.path("expr").asText());
                }
            }
            collectPanels(panel.path("panels"), expressions);
        }
    }
}
