package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.FakeApiServerMain;
import io.smc.kube.testing.Eventually;
import io.smc.monitoring.Exposition;
import io.smc.monitoring.MetricReferences;
import io.smc.monitoring.MonitoringFiles;
import io.smc.runtime.WatchedKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules and the dashboard of {@code config/monitoring} against what {@code run} really serves: the jar
 * started as a user starts it, with leader election, against the fake API server, scraped once it leads and has
 * reconciled a config. Every metric a rule or a panel reads must be served, with the labels and label values it
 * selects on, so renaming a metric or a label breaks the build rather than an operator's alerts.
 */
class MonitoringMetricsIT {

    @TempDir
    Path work;

    private final FakeApiServer server = FakeApiServer.start();
    private RunningController controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        server.close();
    }

    /** A scrape of a leading controller that has reconciled a config; it is Ready=False, its source missing. */
    private Exposition served() throws Exception {
        server.serve(WatchedKinds.CONFIGS);
        server.seed(WatchedKinds.CONFIGS, FakeApiServerMain.config("team-a", "app"));
        Path kubeconfig = Files.writeString(work.resolve("kubeconfig"), FakeApiServerMain.kubeconfig(server));
        int port = RunningController.freePort();
        List<String> command = PackagedJar.command("run", "--kubeconfig", kubeconfig.toString(),
                "--metrics-bind-address", "127.0.0.1:" + port, "--leader-elect", "--cache-dir",
                work.resolve("cache").toString());
        controller = RunningController.start(command, Map.of("PATH", "/usr/bin:/bin", "HOME", work.toString(),
                "POD_NAME", "pod-a"), work, port);
        Eventually.await("leading, and the config reconciled", () -> {
            String text = metrics();
            return text.contains("leader_election_master_status{name=\"secret-manager-controller-leader\"} 1")
                    && text.contains("secret_manager_config_condition{namespace=\"team-a\",name=\"app\","
                    + "type=\"Ready\",status=\"False\"} 1");
        }, () -> metrics() + controller);
        return Exposition.parse(controller.get("/metrics").body());
    }

    private String metrics() {
        try {
            return controller.get("/metrics").body();
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardReadIsServedWithTheLabelsTheySelectOn() throws Exception {
        Exposition served = served();
        Map<String, String> queries = new LinkedHashMap<>(MonitoringFiles.ruleExpressions());
        queries.putAll(MonitoringFiles.dashboardExpressions());

        assertEquals(List.of(), MetricReferences.problems(queries, served), "served: " + served.names());
        assertTrue(queries.size() > 30, "the rules and the dashboard were read: " + queries.keySet());
    }
}
