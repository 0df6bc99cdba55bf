package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.FakeApiServerMain;
import io.smc.kube.testing.Eventually;
import io.smc.runtime.WatchedKinds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as a user starts it, {@code java -jar} with the documented JVM options, against the fake API server
 * over TCP: probes, metrics that promtool accepts, JSON log lines, a graceful SIGTERM, an API server that cannot be
 * reached, and no secret value anywhere in what the process says.
 */
class ControllerRunIT {
    private static final String MARKER = "SMC-LEAK-MARKER-4f1c9e";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final FakeApiServer server = FakeApiServer.start();
    private final List<RunningController> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(RunningController::close);
        server.close();
    }

    private RunningController run(Path kubeconfig, String... extra) throws Exception {
        int port = RunningController.freePort();
        List<String> command = PackagedJar.command("run", "--kubeconfig", kubeconfig.toString(),
                "--metrics-bind-address", "127.0.0.1:" + port);
        command.addAll(Arrays.asList(extra));
        RunningController controller = RunningController.start(command, Map.of("PATH", "/usr/bin:/bin", "HOME",
                work.toString()), work, port);
        started.add(controller);
        return controller;
    }

    private Path kubeconfig() throws Exception {
        return Files.writeString(work.resolve("kubeconfig"), FakeApiServerMain.kubeconfig(server));
    }

    /** A decryption-key Secret holding the marker, and configs: valid ones and one the validator refuses. */
    private void seedClusterWithMarker() {
        server.serve(WatchedKinds.CONFIGS);
        for (int i = 0; i < 5; i++) {
            server.seed(WatchedKinds.CONFIGS, FakeApiServerMain.config("team-a", "config-" + i));
        }
        ObjectNode invalid = FakeApiServerMain.config("team-a", "too-eager");
        invalid.withObjectProperty("spec").put("reconcileInterval", "10s");
        server.seed(WatchedKinds.CONFIGS, invalid);
        ObjectNode secret = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("namespace", "team-a").put("name", "sops-keys");
        secret.putObject("data").put("identity.agekey", base64(MARKER));
        server.seed(ResourceType.SECRETS, secret);
    }

    @Test
    void servesProbesAndMetricsLogsJsonLinesAndStopsGracefullyOnSigterm() throws Exception {
        seedClusterWithMarker();
        RunningController controller = run(kubeconfig());
        controller.awaitStatus("/healthz", 200);
        controller.awaitStatus("/readyz", 200);
        assertEquals(404, controller.status("/nothing"));

        Eventually.await("every config reconciled once", () -> {
            String text = metricsOf(controller);
            return text.contains("controller_runtime_reconcile_total{controller=\"secretmanagerconfig\","
                    + "result=\"requeue_after\"} 5") && text.contains("controller_runtime_reconcile_errors_total"
                    + "{controller=\"secretmanagerconfig\"} 1");
        }, () -> metricsOf(controller) + controller);
        String metrics = controller.get("/metrics").body();
        assertTrue(metrics.contains("controller_runtime_max_concurrent_reconciles{controller=\"secretmanagerconfig\"} 4"),
                metrics);
        assertTrue(metrics.contains("secret_manager_controller_build_info{version="), metrics);
        assertTrue(metrics.contains("rest_client_requests_total{code=\"200\",method=\"GET\""), metrics);
        assertTrue(metrics.contains("process_resident_memory_bytes"), metrics);
        promtoolAccepts(metrics);

        controller.signal("TERM");
        assertEquals(0, controller.awaitExit(), controller::toString);
        List<JsonNode> lines = jsonLines(controller.err());
        assertTrue(lines.stream().anyMatch(line -> line.path("msg").asText().equals("stopped")), controller::toString);
        assertTrue(lines.stream().anyMatch(line -> line.path("level").asText().equals("warn")
                && line.toString().contains("too-eager")), "the invalid config is reported: " + controller);
        assertNoMarker(controller.out() + controller.err() + metrics);
        assertTrue(server.actions().stream().noneMatch(action -> action.contains("/secrets")),
                "no Secret was listed or read: " + server.actions());
    }

    @Test
    void anUnreachableApiServerIsReportedInOneLineAndRetriedWithoutExiting() throws Exception {
        int closed = RunningController.freePort();
        Path kubeconfig = Files.writeString(work.resolve("unreachable"), FakeApiServerMain.kubeconfig(server)
                .replace(server.uri().toString(), "http://127.0.0.1:" + closed));
        RunningController controller = run(kubeconfig, "--log-format", "text");
        controller.awaitStatus("/healthz", 200);
        Eventually.await("the list failure logged", () -> controller.err().contains(
                "cannot list secretmanagerconfigs.secret-management.microscaler.io in all namespaces on 127.0.0.1:"
                        + closed), controller::toString);
        assertEquals(503, controller.status("/readyz"));
        assertTrue(controller.process().isAlive());
        assertFalse(controller.err().contains("\tat "), "no stack trace: " + controller);

        controller.signal("TERM");
        assertEquals(0, controller.awaitExit(), controller::toString);
    }

    @Test
    void aBadFlagIsAUsageErrorNamingItWithExitCode2() throws Exception {
        RunningController controller = run(kubeconfig(), "--concurrency", "none");
        assertEquals(2, controller.awaitExit());
        assertTrue(controller.err().contains("--concurrency: 'none' is not a whole number"), controller::toString);
    }

    private static String metricsOf(RunningController controller) {
        try {
            return controller.get("/metrics").body();
        } catch (Exception e) {
            return "";
        }
    }

    private static void promtoolAccepts(String metrics) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool is not installed (Debian package prometheus)");
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), said);
        assertEquals("", said.trim(), "promtool's lint findings");
    }

    private static List<JsonNode> jsonLines(String log) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                for (String field : List.of("ts", "level", "logger", "msg")) {
                    assertTrue(node.hasNonNull(field), field + " in " + line);
                }
                lines.add(node);
            }
        }
        return lines;
    }

    private static void assertNoMarker(String output) {
        for (String form : List.of(MARKER, base64(MARKER), Base64.getUrlEncoder().encodeToString(
                MARKER.getBytes(StandardCharsets.UTF_8)), Base64.getEncoder().withoutPadding().encodeToString(
                MARKER.getBytes(StandardCharsets.UTF_8)))) {
            assertFalse(output.contains(form), "the secret value leaked as " + form);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
