package io.smc.kube.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ConfigException;
import io.smc.process.BoundedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs an exec credential plugin ({@code client.authentication.k8s.io/v1} or {@code v1beta1}) once and reads the
 * ExecCredential it prints. We never have a terminal to offer, so a plugin that must be interactive is refused up
 * front. The plugin's output holds a token: it is never quoted in errors; its error output is summarised instead.
 */
final class ExecPlugin {
    static final List<String> API_VERSIONS =
            List.of("client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_OUTPUT = 1 << 20;
    private static final int MAX_ERROR_OUTPUT = 64 << 10;
    private static final int SUMMARY_LENGTH = 200;
    private static final Pattern API_VERSION = Pattern.compile("[a-z0-9.-]{1,63}/v[a-z0-9]{1,15}");

    /** A token and when it stops being valid (null: until the server refuses it). */
    record Credential(String token, Instant expiry) {
        @Override
        public String toString() {
            return "Credential[expiry=" + expiry + "]";
        }
    }

    private final KubeConfig.ExecConfig config;
    private final Map<String, String> environment;
    private final ObjectNode cluster;
    private final Duration timeout;

    private ExecPlugin(KubeConfig.ExecConfig config, Map<String, String> environment, ObjectNode cluster,
            Duration timeout) {
        this.config = config;
        this.environment = environment;
        this.cluster = cluster;
        this.timeout = timeout;
    }

    /**
     * @param environment the base environment of the plugin (the exec section's {@code env} is added to it)
     * @param cluster     {@code spec.cluster} of the ExecCredential when {@code provideClusterInfo} is set, else null
     */
    static ExecPlugin create(KubeConfig.ExecConfig config, Map<String, String> environment, ObjectNode cluster,
            Duration timeout) throws ConfigException {
        if (!API_VERSIONS.contains(config.apiVersion())) {
            throw config.at().field("apiVersion").problem("'" + config.apiVersion() + "' is not supported; use "
                    + String.join(" or ", API_VERSIONS));
        }
        String mode = config.interactiveMode();
        if (mode == null && config.apiVersion().endsWith("/v1")) {
            throw config.at().field("interactiveMode").problem("missing: required with " + config.apiVersion()
                    + " (Never or IfAvailable)");
        }
        if ("Always".equals(mode)) {
            throw config.at().field("interactiveMode").problem("Always: this plugin needs a terminal to ask the user"
                    + " for input, and this program never has one; configure the plugin to run without input"
                    + " (interactiveMode Never or IfAvailable)");
        }
        if (mode != null && !mode.equals("Never") && !mode.equals("IfAvailable")) {
            throw config.at().field("interactiveMode").problem("'" + mode + "' is not one of Never, IfAvailable,"
                    + " Always");
        }
        return new ExecPlugin(config, environment, cluster, timeout);
    }

    Credential run() throws ConfigException {
        List<String> command = new ArrayList<>();
        command.add(resolve().toString());
        command.addAll(config.args());
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(config.env());
        env.put("KUBERNETES_EXEC_INFO", execInfo());
        BoundedProcess.Outcome outcome;
        try {
            // Never interactive: stdin is at its end at once.
            outcome = BoundedProcess.of(command).environment(env).timeout(timeout).stdoutCap(MAX_OUTPUT)
                    .truncateStderrAt(MAX_ERROR_OUTPUT).run();
        } catch (IOException e) {
            throw failure("cannot be started (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("was interrupted");
        }
        if (outcome.timedOut()) {
            throw failure("did not finish within " + timeout.toSeconds() + "s");
        }
        // Before the exit status: a plugin stopped for printing too much has no status of its own.
        if (outcome.stdoutOverCap()) {
            throw failure("printed more than " + (MAX_OUTPUT >> 20) + " MiB");
        }
        if (outcome.exitCode() != 0) {
            throw failure("exited with status " + outcome.exitCode() + ": " + summary(outcome.stderr()));
        }
        return parse(outcome.stdout());
    }

    /**
     * As kubectl: a name with a {@code /} was resolved against the kubeconfig's directory when it was read; a bare
     * name is looked up on the {@code PATH} of the environment given, not this process's.
     */
    private Path resolve() throws ConfigException {
        String command = config.command();
        if (command.contains("/")) {
            return Path.of(command);
        }
        for (String directory : environment.getOrDefault("PATH", "").split(":")) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String hint = config.installHint() == null ? "" : "; " + config.installHint().strip();
        throw failure("is not found on PATH (" + environment.getOrDefault("PATH", "") + ")" + hint);
    }

    private String execInfo() {
        ObjectNode info = JSON.createObjectNode();
        info.put("apiVersion", config.apiVersion());
        info.put("kind", "ExecCredential");
        ObjectNode spec = info.putObject("spec");
        spec.put("interactive", false);
        if (config.provideClusterInfo() && cluster != null) {
            spec.set("cluster", cluster);
        }
        return info.toString();
    }

    private Credential parse(byte[] stdout) throws ConfigException {
        JsonNode credential;
        try {
            credential = JSON.readTree(stdout);
        } catch (JsonProcessingException e) {
            throw failure("printed something that is not an ExecCredential (not JSON)"); // e quotes the output
        } catch (IOException e) {
            throw failure("output cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (credential == null || !"ExecCredential".equals(credential.path("kind").asText())) {
            throw failure("printed something that is not an ExecCredential (kind is not ExecCredential)");
        }
        String apiVersion = credential.path("apiVersion").asText();
        if (!apiVersion.equals(config.apiVersion())) {
            // Named only when it looks like an API version: it is still the plugin's output.
            String named = API_VERSION.matcher(apiVersion).matches() ? "'" + apiVersion + "'" : "another one";
            throw failure("answered with apiVersion " + named + " but the kubeconfig asks for '"
                    + config.apiVersion() + "'");
        }
        JsonNode status = credential.path("status");
        String token = status.path("token").isTextual() ? status.path("token").textValue() : "";
        if (token.isEmpty()) {
            if (status.hasNonNull("clientCertificateData") || status.hasNonNull("clientKeyData")) {
                throw failure("gave a client certificate instead of a token; client certificates from exec plugins"
                        + " are not supported, configure client-certificate-data in the kubeconfig instead");
            }
            throw failure("gave no status.token");
        }
        Instant expiry = null;
        JsonNode expiration = status.path("expirationTimestamp");
        if (expiration.isTextual() && !expiration.textValue().isEmpty()) {
            try {
                expiry = OffsetDateTime.parse(expiration.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                throw failure("gave a status.expirationTimestamp that is not an RFC 3339 time");
            }
        }
        return new Credential(token, expiry);
    }

    private ConfigException failure(String problem) {
        return new ConfigException("exec credential plugin '" + config.command() + "' (" + config.at() + ") "
                + problem);
    }

    /** The first line that says something, cut short: enough to recognise the error, not a dump of the output. */
    private static String summary(byte[] stderr) {
        String line = new String(stderr, StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(text -> !text.isEmpty()).findFirst().orElse("");
        if (line.isEmpty()) {
            return "no error output";
        }
        return line.length() > SUMMARY_LENGTH ? line.substring(0, SUMMARY_LENGTH) + "…" : line;
    }

    @Override
    public String toString() {
        return "ExecPlugin[" + config.command() + "]";
    }
}
