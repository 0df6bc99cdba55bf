package io.smc.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricReferencesTest {
    private static final Exposition SERVED = Exposition.parse("""
            # HELP calls_total Calls.
            # TYPE calls_total counter
            calls_total{method="Get",code="OK"} 3
            calls_total{method="Get",code="PERMISSION_DENIED"} 0
            # HELP wait_seconds Waits.
            # TYPE wait_seconds histogram
            # HELP config_condition Conditions.
            # TYPE config_condition gauge
            config_condition{namespace="team-a",name="app\\"x",type="Ready",status="False"} 1
            # HELP build_info Build.
            # TYPE build_info gauge
            build_info 1
            """);

    @Test
    void offersEveryFamilyWithItsHistogramSeriesBeforeAnyObservation() {
        assertEquals(Set.of("calls_total", "wait_seconds_bucket", "wait_seconds_sum", "wait_seconds_count",
                "config_condition", "build_info"), SERVED.names());
        assertEquals(Map.of("namespace", "team-a", "name", "app\"x", "type", "Ready", "status", "False"),
                SERVED.samples("config_condition").get(0).labels());
    }

    @Test
    void queriesOnServedNamesLabelsAndValuesHold() {
        assertEquals(List.of(), MetricReferences.problems(Map.of(
                "a", "sum by (method) (rate(calls_total{job=\"j\", code=\"PERMISSION_DENIED\"}[5m]))",
                "b", "histogram_quantile(0.9, rate(wait_seconds_bucket{job=~\"$job\"}[5m]))",
                "c", "config_condition{status=~\"False|Unknown\", pod!=\"x\"} == 1 and absent(up{job=\"j\"})",
                "d", "build_info{instance=\"i\"}"), SERVED));
    }

    @Test
    void aRenamedMetricAnUnknownLabelAndAValueNoSeriesHasAreEachAProblem() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("renamed", "rate(calls_count[5m])");
        queries.put("label", "calls_total{status=\"OK\"}");
        queries.put("value", "calls_total{code=\"Permission_Denied\"}");
        queries.put("regex", "config_condition{status=~\"Fals\"}");
        queries.put("nothing", "vector(1)");

        assertEquals(List.of(
                "renamed: calls_count is not served by the controller",
                "label: calls_total has no label status (its labels: [code, method])",
                "value: no series of calls_total has code=\"Permission_Denied\" (served: [OK, PERMISSION_DENIED])",
                "regex: no series of config_condition has status=~\"Fals\" (served: [False])",
                "nothing: reads no metric: vector(1)"), MetricReferences.problems(queries, SERVED));
    }
}
