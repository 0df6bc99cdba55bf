package io.smc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.metrics.Counter;
import io.smc.metrics.Gauge;
import io.smc.metrics.Histogram;
import io.smc.metrics.MetricsRegistry;
import io.smc.process.BoundedProcess;
import io.smc.testing.Tools;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Prometheus' own linter ({@code promtool check metrics}, Debian package {@code prometheus}) on what we serve. */
class PromtoolLintTest {
    private final MetricsRegistry registry = new MetricsRegistry();
    private Path promtool;
    private EndpointServer server;

    @BeforeEach
    void findPromtool() {
        promtool = Tools.require("promtool", "the metrics exposition's format", "apt-get install prometheus");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private String served() throws Exception {
        server = EndpointServer.start(BindAddress.parse("127.0.0.1:0").orElseThrow(), EnumSet.of(Endpoint.METRICS),
                registry, Probes.none());
        HttpResponse<String> response = Http.get(server.port(), "/metrics");
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private BoundedProcess.Outcome lint(String exposition) throws Exception {
        BoundedProcess.Outcome outcome = BoundedProcess.of(List.of(promtool.toString(), "check", "metrics"))
                .input(exposition.getBytes(StandardCharsets.UTF_8)).timeout(Duration.ofSeconds(60)).run();
        assertTrue(outcome.completed(), outcome.toString());
        return outcome;
    }

    @Test
    void findsNothingToSayAboutTheServedMetrics() throws Exception {
        ProcessMetrics.register(registry);
        JvmMetrics.register(registry);
        BuildInfo.register(registry, "0.1.0");
        Counter reconciles = registry.counter("controller_runtime_reconcile_total",
                "Reconciliations by controller and result.", "controller", "result");
        for (String result : List.of("success", "error", "requeue", "requeue_after")) {
            reconciles.labels("secretmanagerconfig", result);
        }
        reconciles.labels("secretmanagerconfig", "success").inc(3);
        Gauge depth = registry.gauge("workqueue_depth", "Items waiting in the work queue.", "name");
        depth.labels("secretmanagerconfig").set(2);
        Histogram durations = registry.histogram("controller_runtime_reconcile_time_seconds",
                "How long reconciliations take, in seconds.", new double[] {0.005, 0.05, 0.5, 5}, "controller");
        durations.labels("secretmanagerconfig").observe(0.02);
        durations.labels("secretmanagerconfig").observe(7);

        BoundedProcess.Outcome outcome = lint(served());

        assertEquals("", new String(outcome.stdout(), StandardCharsets.UTF_8));
        assertEquals("", new String(outcome.stderr(), StandardCharsets.UTF_8));
        assertEquals(0, outcome.exitCode());
    }

    @Test
    void speaksUpAboutACounterWithoutTheTotalSuffix() throws Exception {
        registry.counter("secret_manager_syncs", "Syncs.").inc();

        BoundedProcess.Outcome outcome = lint(served());

        String said = new String(outcome.stdout(), StandardCharsets.UTF_8)
                + new String(outcome.stderr(), StandardCharsets.UTF_8);
        assertTrue(said.contains("secret_manager_syncs counter metrics should have \"_total\" suffix"), said);
        assertEquals(3, outcome.exitCode());
    }
}
