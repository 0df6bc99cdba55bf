package io.smc.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules of {@code config/monitoring/prometheusrule.yaml}: its {@code spec} extracted into a plain rules
 * file, checked by {@code promtool check rules} and unit-tested by {@code promtool test rules} with the tests in
 * {@code config/monitoring/tests/} (skipped, saying so, where promtool is not installed); and the conventions every
 * alert keeps, which need no tool.
 */
class MonitoringRulesTest {
    private static final Set<String> SEVERITIES = Set.of("warning", "critical");

    @TempDir
    Path work;

    private Path promtool() {
        return Tools.require("promtool", "the alert rules", "apt-get install prometheus");
    }

    @Test
    void promtoolFindsTheRulesValid() throws Exception {
        Path promtool = promtool();
        Path rules = Files.writeString(work.resolve("secret-manager-controller.rules.yaml"),
                MonitoringFiles.rulesFile(true));

        Tools.Result result = Tools.run(work, List.of(promtool.toString(), "check", "rules", rules.toString()));

        assertEquals(0, result.exitCode(), result.said());
        assertTrue(result.said().contains("SUCCESS: " + MonitoringFiles.ruleExpressions().size() + " rules found"),
                result.said());
    }

    @Test
    void eachAlertFiresWhereItShouldAndStaysQuietWhereItShouldNot() throws Exception {
        Tools.Result result = testRules("alerts-without-annotations.rules.yaml", false, "alerts-test.yaml");

        assertEquals(0, result.exitCode(), result.said());
        assertTrue(result.said().contains("SUCCESS"), result.said());
    }

    @Test
    void eachAlertsAnnotationsExpandAsAlertmanagerReceivesThem() throws Exception {
        Tools.Result result = testRules("secret-manager-controller.rules.yaml", true, "annotations-test.yaml");

        assertEquals(0, result.exitCode(), result.said());
    }

    /** {@code promtool test rules} on a unit-test file, beside the rules it names (with or without annotations). */
    private Tools.Result testRules(String rulesFile, boolean annotations, String testsFile) throws Exception {
        Path promtool = promtool();
        Files.writeString(work.resolve(rulesFile), MonitoringFiles.rulesFile(annotations));
        Path tests = Files.copy(MonitoringFiles.RULE_TESTS.resolve(testsFile), work.resolve(testsFile));
        return Tools.run(work, List.of(promtool.toString(), "test", "rules", tests.toString()));
    }

    @Test
    void everyAlertIsTestedBothWaysAndHasItsAnnotations() throws Exception {
        String alertTests = Files.readString(MonitoringFiles.RULE_TESTS.resolve("alerts-test.yaml"));
        String annotationTests = Files.readString(MonitoringFiles.RULE_TESTS.resolve("annotations-test.yaml"));
        List<String> problems = new ArrayList<>();
        for (JsonNode group : MonitoringFiles.prometheusRule().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                if (!SEVERITIES.contains(rule.path("labels").path("severity").asText())) {
                    problems.add(alert + ": severity is not one of " + SEVERITIES);
                }
                for (String annotation : List.of("summary", "description", "runbook")) {
                    if (rule.path("annotations").path(annotation).asText().isBlank()) {
                        problems.add(alert + ": no " + annotation + " annotation");
                    }
                }
                if (!rule.path("expr").asText().contains("job=\"" + MonitoringFiles.JOB + "\"")) {
                    problems.add(alert + ": does not select job=\"" + MonitoringFiles.JOB + "\"");
                }
                if (!alertTests.contains("alertname: " + alert + "\n        exp_alerts: []")) {
                    problems.add(alert + ": no test where it stays quiet");
                }
                if (!alertTests.matches("(?s).*alertname: " + alert + "\\n        exp_alerts:\\n.*")) {
                    problems.add(alert + ": no test where it fires");
                }
                if (!annotationTests.contains("alertname: " + alert + "\n        exp_alerts:\n")) {
                    problems.add(alert + ": no test of its annotations");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(6, MonitoringFiles.ruleExpressions().size(), MonitoringFiles.ruleExpressions().keySet()
                .toString());
    }
}
