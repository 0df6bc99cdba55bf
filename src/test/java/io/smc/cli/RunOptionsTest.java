package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RunOptionsTest {
    private static RunOptions parse(Map<String, String> environment, String... args) throws UsageException {
        return RunOptions.parse(List.of(args), environment);
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() throws Exception {
        RunOptions options = parse(Map.of());
        assertNull(options.kubeconfig());
        assertEquals(List.of(), options.namespaces());
        assertNull(options.labelSelector());
        assertEquals(4, options.concurrency());
        assertEquals(":8080", options.metricsAddress());
        assertEquals(":8080", options.probeAddress());
        assertFalse(options.leaderElect());
        assertNull(options.leaseNamespace());
        assertEquals("secret-manager-controller-leader", options.leaseName());
        assertEquals(Duration.ofSeconds(1), options.minRetryDelay());
        assertEquals(Duration.ofMinutes(5), options.maxRetryDelay());
        assertEquals(Duration.ofSeconds(30), options.shutdownTimeout());
        assertEquals("info", options.logLevel());
        assertEquals("json", options.logFormat());
    }

    @Test
    void everyFlagHasAnEnvironmentVariableAndTheFlagWins() throws Exception {
        Map<String, String> environment = Map.ofEntries(Map.entry("SMC_KUBECONFIG", "/env/kubeconfig"),
                Map.entry("SMC_CONTEXT", "env"), Map.entry("SMC_NAMESPACE", "a, b"),
                Map.entry("SMC_LABEL_SELECTOR", "shard=1"), Map.entry("SMC_CONCURRENCY", "8"),
                Map.entry("SMC_METRICS_BIND_ADDRESS", ":9090"), Map.entry("SMC_LEADER_ELECT", "true"),
                Map.entry("SMC_LEADER_ELECTION_NAMESPACE", "flux-system"),
                Map.entry("SMC_LEADER_ELECTION_ID", "env-lease"), Map.entry("SMC_MIN_RETRY_DELAY", "2s"),
                Map.entry("SMC_MAX_RETRY_DELAY", "1m"), Map.entry("SMC_SHUTDOWN_TIMEOUT", "10s"),
                Map.entry("SMC_LOG_LEVEL", "debug"), Map.entry("SMC_LOG_FORMAT", "text"));
        RunOptions fromEnvironment = parse(environment);
        assertEquals(Path.of("/env/kubeconfig"), fromEnvironment.kubeconfig());
        assertEquals("env", fromEnvironment.context());
        assertEquals(List.of("a", "b"), fromEnvironment.namespaces());
        assertEquals("shard=1", fromEnvironment.labelSelector());
        assertEquals(8, fromEnvironment.concurrency());
        assertEquals(":9090", fromEnvironment.metricsAddress());
        assertEquals(":9090", fromEnvironment.probeAddress(), "the probes follow the metrics address");
        assertTrue(fromEnvironment.leaderElect());
        assertEquals("flux-system", fromEnvironment.leaseNamespace());
        assertEquals("env-lease", fromEnvironment.leaseName());
        assertEquals(Duration.ofSeconds(2), fromEnvironment.minRetryDelay());
        assertEquals(Duration.ofMinutes(1), fromEnvironment.maxRetryDelay());
        assertEquals(Duration.ofSeconds(10), fromEnvironment.shutdownTimeout());
        assertEquals("debug", fromEnvironment.logLevel());
        assertEquals("text", fromEnvironment.logFormat());

        RunOptions flags = parse(environment, "--kubeconfig", "/flag/kubeconfig", "--context", "flag",
                "--namespace", "c", "--namespace", "d", "--label-selector", "shard=2", "--concurrency", "2",
                "--metrics-bind-address", "127.0.0.1:0", "--health-probe-bind-address", ":8081",
                "--leader-elect=false", "--leader-election-namespace", "kube-system", "--leader-election-id", "l",
                "--min-retry-delay", "500ms", "--max-retry-delay", "10s", "--shutdown-timeout", "1m",
                "--log-level", "warn", "--log-format=json");
        assertEquals(Path.of("/flag/kubeconfig"), flags.kubeconfig());
        assertEquals("flag", flags.context());
        assertEquals(List.of("c", "d"), flags.namespaces());
        assertEquals("shard=2", flags.labelSelector());
        assertEquals(2, flags.concurrency());
        assertEquals("127.0.0.1:0", flags.metricsAddress());
        assertEquals(":8081", flags.probeAddress());
        assertFalse(flags.leaderElect());
        assertEquals("kube-system", flags.leaseNamespace());
        assertEquals("l", flags.leaseName());
        assertEquals(Duration.ofMillis(500), flags.minRetryDelay());
        assertEquals(Duration.ofSeconds(10), flags.maxRetryDelay());
        assertEquals(Duration.ofMinutes(1), flags.shutdownTimeout());
        assertEquals("warn", flags.logLevel());
        assertEquals("json", flags.logFormat());
    }

    @Test
    void theLeaseNamespaceFallsBackToThePodsThenToTheContexts() throws Exception {
        assertEquals("flux-system", parse(Map.of("POD_NAMESPACE", "flux-system"), "--leader-elect")
                .settings("default").leaseNamespace());
        assertEquals("dev", parse(Map.of(), "--leader-elect").settings("dev").leaseNamespace());
    }

    @Test
    void metricsDisabledLeavesTheProbesOnTheDefaultPort() throws Exception {
        RunOptions options = parse(Map.of(), "--metrics-bind-address", "0");
        assertNull(options.settings("default").metricsAddress());
        assertEquals(":8080", options.probeAddress());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--concurrency=0|--concurrency",
        "--concurrency=many|--concurrency: 'many' is not a whole number",
        "--min-retry-delay=soon|--min-retry-delay: 'soon' is not a duration",
        "--max-retry-delay=0|--max-retry-delay: '0' must be longer than 0",
        "--shutdown-timeout=-1s|--shutdown-timeout",
        "--log-level=trace|--log-level must be one of debug, info, warn, error, not 'trace'",
        "--log-format=xml|--log-format must be one of json, text",
        "--leader-elect=maybe|--leader-elect takes true or false, not 'maybe'",
        "--namespace=Team_A|--namespace: 'Team_A' is not a namespace name",
        "--health-probe-bind-address=0|--health-probe-bind-address: the probes cannot be disabled",
        "--max-retry-delay=1s|--max-retry-delay (1s) is shorter than --min-retry-delay (2s)",
        "--metrics-bind-address=8080|--metrics-bind-address: bad bind address",
        "--health-probe-bind-address=[::1|--health-probe-bind-address: bad bind address",
        "--unknown=1|unknown option --unknown"})
    void aBadValueIsAUsageErrorNamingTheFlag(String argument, String message) {
        String[] args = argument.startsWith("--max-retry-delay=1s") ? new String[] {argument, "--min-retry-delay=2s"}
                : new String[] {argument};
        UsageException error = assertThrows(UsageException.class, () -> parse(Map.of(), args));
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }

    @Test
    void aBadEnvironmentValueNamesTheVariable() {
        UsageException error = assertThrows(UsageException.class,
                () -> parse(Map.of("SMC_CONCURRENCY", "lots")));
        assertTrue(error.getMessage().startsWith("SMC_CONCURRENCY: 'lots'"), error.getMessage());
    }
}
