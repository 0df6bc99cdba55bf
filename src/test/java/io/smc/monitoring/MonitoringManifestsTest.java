package io.smc.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.smc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code config/monitoring} as {@code kubectl apply -k} applies it (skipped, saying so, without kubectl), and the
 * dashboard's conventions: every query is scoped to the chosen job and data source, panel ids are unique.
 */
class MonitoringManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = Path.of("").toAbsolutePath();

    /** The rendered objects by kind/name. */
    private static Map<String, JsonNode> rendered() throws Exception {
        Path kubectl = Tools.require("kubectl", "the kustomization config/monitoring", "install kubectl");
        Tools.Result result = Tools.run(ROOT, List.of(kubectl.toString(), "kustomize",
                MonitoringFiles.DIRECTORY.toString()));
        assertEquals(0, result.exitCode(), result.said());
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        try (YAMLParser parser = new YAMLFactory().createParser(result.stdout())) {
            for (JsonNode object : YAML.readValues(parser, JsonNode.class).readAll()) {
                objects.put(object.path("kind").asText() + "/" + object.path("metadata").path("name").asText(),
                        object);
            }
        }
        return objects;
    }

    @Test
    void rendersTheServiceMonitorTheRuleAndTheDashboardConfigMapInFluxSystem() throws Exception {
        Map<String, JsonNode> objects = rendered();

        assertEquals(List.of("ConfigMap/secret-manager-controller-dashboard",
                "PrometheusRule/secret-manager-controller", "ServiceMonitor/secret-manager-controller"),
                objects.keySet().stream().sorted().toList());
        objects.values().forEach(object -> assertEquals("flux-system", object.path("metadata").path("namespace")
                .asText(), object.toString()));
    }

    @Test
    void theServiceMonitorScrapesTheMetricsPortOfTheControllersService() throws Exception {
        JsonNode monitor = rendered().get("ServiceMonitor/secret-manager-controller");

        assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText());
        assertEquals("secret-manager-controller", monitor.path("spec").path("selector").path("matchLabels")
                .path("app").asText());
        JsonNode endpoint = monitor.path("spec").path("endpoints").path(0);
        assertEquals("metrics", endpoint.path("port").asText());
        assertEquals("/metrics", endpoint.path("path").asText());
        assertTrue(endpoint.path("honorLabels").asBoolean(), "the config's namespace label is kept as namespace");
    }

    @Test
    void theRuleAndTheDashboardAreShippedExactlyAsTheirSources() throws Exception {
        Map<String, JsonNode> objects = rendered();

        ObjectNode rule = (ObjectNode) objects.get("PrometheusRule/secret-manager-controller");
        assertEquals(MonitoringFiles.prometheusRule().get("spec"), rule.get("spec"));
        JsonNode dashboard = objects.get("ConfigMap/secret-manager-controller-dashboard");
        assertEquals("1", dashboard.path("metadata").path("labels").path("grafana_dashboard").asText());
        assertEquals(Files.readString(MonitoringFiles.DASHBOARD), dashboard.path("data")
                .path("grafana-dashboard.json").asText());
    }

    @Test
    void everyDashboardQueryIsScopedToTheChosenJobAndDataSource() throws Exception {
        JsonNode dashboard = MonitoringFiles.dashboard();
        List<String> problems = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            if (!ids.add(panel.path("id").asInt())) {
                problems.add(title + ": id " + panel.path("id") + " is used twice");
            }
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            if (!panel.path("datasource").path("uid").asText().equals("${datasource}")) {
                problems.add(title + ": not on the ${datasource} variable");
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(title + ": no query");
            }
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                for (PromQl.Selector selector : PromQl.selectors(expr)) {
                    if (!selector.matchers().contains(new PromQl.Matcher("job", "=~", "$job"))) {
                        problems.add(title + " " + target.path("refId").asText() + ": " + selector.name()
                                + " is not scoped to job=~\"$job\"");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals("secret-manager-controller", dashboard.path("uid").asText());
        JsonNode job = dashboard.path("templating").path("list").path(1);
        assertEquals("job", job.path("name").asText());
        assertEquals(MonitoringFiles.JOB, job.path("current").path("value").asText());
    }
}
