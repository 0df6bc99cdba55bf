package io.smc.kube.config;

import io.smc.kube.testing.MutableClock;
import static io.smc.kube.config.Kubeconfigs.map;
import static io.smc.kube.config.Revealed.assertNothingRevealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smc.kube.ConfigException;
import io.smc.kube.CredentialSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exec credential plugins as real shell scripts that count their runs and record what they were given. */
class ExecCredentialsTest {
    private static final String V1 = "client.authentication.k8s.io/v1";
    private static final String V1BETA1 = "client.authentication.k8s.io/v1beta1";
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    /**
     * Prints an ExecCredential with token {@code token-<run number>}; its apiVersion and extra status fields come
     * from the kubeconfig's exec env, so one script serves every case.
     */
    private static final String PLUGIN = """
            #!/bin/sh
            count=$(cat "$STATE/count" 2>/dev/null || echo 0)
            count=$((count + 1))
            echo "$count" > "$STATE/count"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$STATE/exec-info.json"
            printf '%s' "$*" > "$STATE/args"
            printf '%s' "$BASE_VARIABLE" > "$STATE/base-variable"
            printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"token-%s"%s}}\\n' \\
                "$API_VERSION" "$count" "$EXTRA"
            """;

    @TempDir
    Path dir;
    private Path state;
    private final MutableClock clock = new MutableClock(START);
    private Duration timeout = Duration.ofSeconds(20);

    @BeforeEach
    void makeStateDirectory() throws IOException {
        state = Files.createDirectories(dir.resolve("state"));
    }

    @Test
    void runsThePluginWithItsArgumentsAndEnvironmentAndUsesItsToken() throws Exception {
        Path plugin = script("plugin.sh", PLUGIN);

        CredentialSource credentials = load(exec(V1, plugin.toString(), "", false));

        assertEquals("token-1", credentials.token().orElseThrow());
        assertEquals("--flag value with spaces", Files.readString(state.resolve("args")));
        assertEquals("from the base environment", Files.readString(state.resolve("base-variable")));
        JsonNode info = execInfo();
        assertEquals(V1, info.path("apiVersion").asText());
        assertEquals("ExecCredential", info.path("kind").asText());
        assertFalse(info.path("spec").path("interactive").asBoolean(true));
        assertTrue(info.path("spec").path("cluster").isMissingNode(), "no cluster unless provideClusterInfo");
    }

    @Test
    void runsV1beta1PluginsWhichNeedNoInteractiveMode() throws Exception {
        Map<String, Object> exec = exec(V1BETA1, script("plugin.sh", PLUGIN).toString(), "", false);
        exec.remove("interactiveMode");

        assertEquals("token-1", load(exec).token().orElseThrow());
        assertEquals(V1BETA1, execInfo().path("apiVersion").asText());
    }

    @Test
    void describesTheClusterToPluginsThatAskForIt() throws Exception {
        String authority = TestPki.shared().ca.pem();
        Path kubeconfig = Kubeconfigs.write(dir.resolve("config"), Kubeconfigs.single(
                map("server", "https://127.0.0.1:6443", "certificate-authority-data", TestPki.base64(authority),
                        "tls-server-name", "api.internal.example"),
                map("exec", exec(V1, script("plugin.sh", PLUGIN).toString(), "", true))));

        connect(kubeconfig).token();

        JsonNode cluster = execInfo().path("spec").path("cluster");
        assertEquals("https://127.0.0.1:6443", cluster.path("server").asText());
        assertEquals(TestPki.base64(authority), cluster.path("certificate-authority-data").asText());
        assertEquals("api.internal.example", cluster.path("tls-server-name").asText());
    }

    @Test
    void cachesTheTokenUntilShortlyBeforeItExpires() throws Exception {
        CredentialSource credentials = load(exec(V1, script("plugin.sh", PLUGIN).toString(),
                ",\"expirationTimestamp\":\"2030-01-01T01:00:00Z\"", false));

        assertEquals("token-1", credentials.token().orElseThrow());
        clock.advance(Duration.ofMinutes(59));
        assertEquals("token-1", credentials.token().orElseThrow());
        assertEquals(1, runs());
        clock.advance(Duration.ofSeconds(55)); // 5 s before expiry
        assertEquals("token-2", credentials.token().orElseThrow());
        assertEquals(2, runs());
    }

    @Test
    void readsExpiryWithAnOffset() throws Exception {
        CredentialSource credentials = load(exec(V1, script("plugin.sh", PLUGIN).toString(),
                ",\"expirationTimestamp\":\"2030-01-01T02:00:00+01:00\"", false));

        assertEquals("token-1", credentials.token().orElseThrow());
        clock.advance(Duration.ofMinutes(59));
        assertEquals("token-1", credentials.token().orElseThrow());
        clock.advance(Duration.ofMinutes(1));
        assertEquals("token-2", credentials.token().orElseThrow());
    }

    @Test
    void keepsATokenWithoutExpiryUntilInvalidated() throws Exception {
        CredentialSource credentials = load(exec(V1, script("plugin.sh", PLUGIN).toString(), "", false));

        assertEquals("token-1", credentials.token().orElseThrow());
        clock.advance(Duration.ofDays(30));
        assertEquals("token-1", credentials.token().orElseThrow());
        credentials.invalidate();
        assertEquals("token-2", credentials.token().orElseThrow());
        assertEquals(2, runs());
    }

    @Test
    void runsThePluginAgainAfterInvalidateEvenBeforeExpiry() throws Exception {
        CredentialSource credentials = load(exec(V1BETA1, script("plugin.sh", PLUGIN).toString(),
                ",\"expirationTimestamp\":\"2030-01-02T00:00:00Z\"", false));

        assertEquals("token-1", credentials.token().orElseThrow());
        credentials.invalidate();
        assertEquals("token-2", credentials.token().orElseThrow());
        assertEquals("token-2", credentials.token().orElseThrow());
        assertEquals(2, runs());
    }

    @Test
    void reportsAFailingPluginWithTheFirstLineOfItsErrorsButNotItsOutput() throws Exception {
        Path plugin = script("failing.sh", """
                #!/bin/sh
                echo '{"status":{"token":"stdout-token-must-not-leak"}}'
                echo '' >&2
                echo 'error: you must be logged in to the server' >&2
                echo 'second line that is not shown' >&2
                exit 3
                """);

        ConfigException thrown = assertThrows(ConfigException.class,
                () -> load(exec(V1, plugin.toString(), "", false)).token());

        assertTrue(thrown.getMessage().startsWith("exec credential plugin '" + plugin + "' ("), thrown.getMessage());
        assertTrue(thrown.getMessage().endsWith("exited with status 3: error: you must be logged in to the server"),
                thrown.getMessage());
        assertNothingRevealed(thrown, "stdout-token-must-not-leak", "second line that is not shown");
    }

    @Test
    void cutsALongErrorLineShort() throws Exception {
        Path plugin = script("failing.sh", "#!/bin/sh\nprintf 'x%.0s' $(seq 1 5000) >&2\nexit 1\n");

        ConfigException thrown = assertThrows(ConfigException.class,
                () -> load(exec(V1, plugin.toString(), "", false)).token());

        assertTrue(thrown.getMessage().endsWith(": " + "x".repeat(200) + "…"), thrown.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "token: garbage-secret-token",
        "{\"kind\":\"Secret\",\"status\":{\"token\":\"garbage-secret-token\"}}",
        "[\"garbage-secret-token\"]"})
    void refusesOutputThatIsNotAnExecCredentialWithoutEchoingIt(String output) throws Exception {
        Path plugin = script("garbage.sh", "#!/bin/sh\ncat <<'EOF'\n" + output + "\nEOF\n");

        ConfigException thrown = assertThrows(ConfigException.class,
                () -> load(exec(V1, plugin.toString(), "", false)).token());

        assertTrue(thrown.getMessage().contains("printed something that is not an ExecCredential"),
                thrown.getMessage());
        assertNothingRevealed(thrown, "garbage-secret-token");
    }

    @Test
    void refusesAnExecCredentialOfAnotherVersion() throws Exception {
        Map<String, Object> exec = exec(V1, script("plugin.sh", PLUGIN).toString(), "", false);
        setEnv(exec, "API_VERSION", V1BETA1);

        ConfigException thrown = assertThrows(ConfigException.class, () -> load(exec).token());

        assertTrue(thrown.getMessage().contains("answered with apiVersion '" + V1BETA1 + "' but the kubeconfig asks"
                + " for '" + V1 + "'"), thrown.getMessage());
        assertNothingRevealed(thrown, "token-1");
    }

    @Test
    void refusesAnExpiryThatIsNotATime() throws Exception {
        ConfigException thrown = assertThrows(ConfigException.class, () -> load(exec(V1,
                script("plugin.sh", PLUGIN).toString(), ",\"expirationTimestamp\":\"tomorrow\"", false)).token());

        assertTrue(thrown.getMessage().contains("status.expirationTimestamp that is not an RFC 3339 time"),
                thrown.getMessage());
    }

    @Test
    void refusesClientCertificatesFromPluginsClearly() throws Exception {
        Path plugin = script("cert.sh", """
                #!/bin/sh
                echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",'
                echo '"status":{"clientCertificateData":"-----BEGIN CERTIFICATE-----","clientKeyData":"secret-key"}}'
                """);

        ConfigException thrown = assertThrows(ConfigException.class,
                () -> load(exec(V1, plugin.toString(), "", false)).token());

        assertTrue(thrown.getMessage().contains("client certificates from exec plugins are not supported"),
                thrown.getMessage());
        assertNothingRevealed(thrown, "secret-key");
    }

    @Test
    void givesUpOnAPluginThatDoesNotFinishInTime() throws Exception {
        timeout = Duration.ofSeconds(1);
        Path plugin = script("slow.sh", "#!/bin/sh\nsleep 30\n");

        ConfigException thrown = assertThrows(ConfigException.class,
                () -> load(exec(V1, plugin.toString(), "", false)).token());

        assertTrue(thrown.getMessage().endsWith("did not finish within 1s"), thrown.getMessage());
    }

    @Test
    void looksABareCommandUpOnThePathOfTheGivenEnvironment() throws Exception {
        Files.createDirectories(dir.resolve("bin"));
        Files.move(script("plugin.sh", PLUGIN), dir.resolve("bin/my-auth-plugin"));

        CredentialSource credentials = load(exec(V1, "my-auth-plugin", "", false),
                Map.of("PATH", "/nonexistent:" + dir.resolve("bin") + ":/usr/bin:/bin"));

        assertEquals("token-1", credentials.token().orElseThrow());
    }

    @Test
    void saysHowToInstallACommandThatIsNotOnThePath() throws Exception {
        Path emptyBin = Files.createDirectories(dir.resolve("empty-bin"));
        Map<String, Object> exec = exec(V1, "example-auth-plugin", "", false);
        exec.put("installHint", "Install example-auth-plugin from your provider.");

        ConfigException thrown = assertThrows(ConfigException.class,
                () -> load(exec, Map.of("PATH", emptyBin.toString())).token());

        assertTrue(thrown.getMessage().startsWith("exec credential plugin 'example-auth-plugin' ("),
                thrown.getMessage());
        assertTrue(thrown.getMessage().endsWith("is not found on PATH (" + emptyBin + "); Install example-auth-plugin"
                + " from your provider."), thrown.getMessage());
    }

    @Test
    void resolvesACommandWithASlashAgainstTheKubeconfigDirectory() throws Exception {
        Files.createDirectories(dir.resolve("kube/plugins"));
        Files.move(script("plugin.sh", PLUGIN), dir.resolve("kube/plugins/auth.sh"));
        Path kubeconfig = Kubeconfigs.write(dir.resolve("kube/config"), Kubeconfigs.single(
                map("server", "https://k.example"), map("exec", exec(V1, "./plugins/auth.sh", "", false))));

        assertEquals("token-1", connect(kubeconfig).token().orElseThrow());
    }

    @Test
    void refusesInteractiveModeAlwaysExplainingWhy() throws Exception {
        Map<String, Object> exec = exec(V1, "plugin", "", false);
        exec.put("interactiveMode", "Always");

        ConfigException thrown = assertThrows(ConfigException.class, () -> load(exec));

        assertTrue(thrown.getMessage().contains("users[0].user.exec.interactiveMode: Always: this plugin needs a"
                + " terminal"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("this program never has one"), thrown.getMessage());
    }

    @Test
    void requiresInteractiveModeWithV1AsKubectlDoes() throws Exception {
        Map<String, Object> exec = exec(V1, "plugin", "", false);
        exec.remove("interactiveMode");

        ConfigException thrown = assertThrows(ConfigException.class, () -> load(exec));

        assertTrue(thrown.getMessage().contains("users[0].user.exec.interactiveMode: missing"), thrown.getMessage());
    }

    @Test
    void refusesApiVersionsThatAreGone() throws Exception {
        ConfigException thrown = assertThrows(ConfigException.class,
                () -> load(exec("client.authentication.k8s.io/v1alpha1", "plugin", "", false)));

        assertTrue(thrown.getMessage().contains("users[0].user.exec.apiVersion: 'client.authentication.k8s.io/v1alpha1'"
                + " is not supported"), thrown.getMessage());
    }

    private Map<String, Object> exec(String apiVersion, String command, String extraStatus, boolean clusterInfo) {
        List<Object> env = new ArrayList<>(List.of(
                map("name", "STATE", "value", state.toString()),
                map("name", "API_VERSION", "value", apiVersion),
                map("name", "EXTRA", "value", extraStatus)));
        return map("apiVersion", apiVersion, "command", command, "args", List.of("--flag", "value with spaces"),
                "env", env, "interactiveMode", "Never", "provideClusterInfo", clusterInfo);
    }

    @SuppressWarnings("unchecked")
    private static void setEnv(Map<String, Object> exec, String name, String value) {
        for (Object variable : (List<Object>) exec.get("env")) {
            Map<String, Object> entry = (Map<String, Object>) variable;
            if (entry.get("name").equals(name)) {
                entry.put("value", value);
            }
        }
    }

    private CredentialSource load(Map<String, Object> exec) throws Exception {
        return load(exec, Map.of("PATH", "/usr/bin:/bin"));
    }

    private CredentialSource load(Map<String, Object> exec, Map<String, String> environment) throws Exception {
        Path kubeconfig = Kubeconfigs.write(dir.resolve("config"),
                Kubeconfigs.single(map("server", "https://k.example"), map("exec", exec)));
        return connect(kubeconfig, environment);
    }

    private CredentialSource connect(Path kubeconfig) throws Exception {
        return connect(kubeconfig, Map.of("PATH", "/usr/bin:/bin"));
    }

    private CredentialSource connect(Path kubeconfig, Map<String, String> environment) throws Exception {
        Map<String, String> withBase = new HashMap<>(environment);
        withBase.put("BASE_VARIABLE", "from the base environment");
        return new KubeConfigLoader().load(LoadOptions.of(withBase, null).withKubeconfig(kubeconfig)
                .withClock(clock).withExecTimeout(timeout).withInClusterRoot(dir.resolve("sa"))).credentials();
    }

    private Path script(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private JsonNode execInfo() throws IOException {
        return new ObjectMapper().readTree(state.resolve("exec-info.json").toFile());
    }

    private int runs() throws IOException {
        return Integer.parseInt(Files.readString(state.resolve("count")).strip());
    }
}
