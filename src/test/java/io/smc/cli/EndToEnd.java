package io.smc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.secretmanager.v1.SecretVersion;
import io.smc.kube.DeleteOptions;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.FakeApiServerMain;
import io.smc.kube.fake.RecordedRequest;
import io.smc.kube.http.HttpKubeClient;
import io.smc.kube.testing.Eventually;
import io.smc.provider.gcp.fake.FakeSecretManager;
import io.smc.runtime.WatchedKinds;
import io.smc.source.flux.ArtifactServer;
import io.smc.source.flux.FluxObjects;
import io.smc.source.flux.TestTar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The world of the end-to-end suites: the fake API server reached over HTTP through a kubeconfig file, Flux artifacts
 * served on loopback with the digests source-controller publishes, the Secret Manager fake over TCP, and controllers
 * started as processes of their own, from the packaged jar or the image's launcher. Everything the controllers say
 * or write is handed to one {@link LeakCanary}.
 *
 * <p>Scenarios share the processes and keep apart by names: each uses its own config, source and Secret Manager
 * project, so no state has to be reset between them.
 */
final class EndToEnd implements AutoCloseable {
    static final String NAMESPACE = "e2e";
    static final String KEYS = "sops-keys";
    static final ResourceType GIT = new ResourceType("source.toolkit.fluxcd.io", "v1", "gitrepositories",
            "GitRepository", true);
    static final Path IMAGE = Path.of(System.getProperty("smc.image", "target/image")).toAbsolutePath();
    static final Path AGE_KEY = Path.of("src/test/resources/sops/keys/test.agekey").toAbsolutePath();
    static final String AGE_RECIPIENT = "age1gnv32t8kxn5ukananyry9tdd83s0slnhs4pcq44lk0s9uqwtnf9s0k9pdz";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path work;
    final FakeApiServer api = FakeApiServer.start();
    final ArtifactServer artifacts = ArtifactServer.start();
    final FakeSecretManager secretManager = FakeSecretManager.start();
    final LeakCanary canary = new LeakCanary();
    private final Path kubeconfig;
    private final List<RunningController> controllers = new ArrayList<>();
    private int revisions;
    private int started;

    EndToEnd(Path work) throws IOException {
        this.work = work;
        api.serve(WatchedKinds.CONFIGS, GIT, ResourceType.SECRETS, ResourceType.EVENTS, ResourceType.LEASES);
        kubeconfig = Files.writeString(work.resolve("kubeconfig"), FakeApiServerMain.kubeconfig(api));
        keys(Files.readString(AGE_KEY));
    }

    // ---- the cluster -------------------------------------------------------------------------------------------

    /** The SOPS key Secret every config names: {@code identity} as its age key, beside a value it must not print. */
    void keys(String identity) {
        keysNamed(KEYS, identity);
    }

    /** A key Secret of another name, created or replaced; the controller reads it again at its next reconcile. */
    void keysNamed(String name, String identity) {
        ObjectNode keys = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        keys.putObject("metadata").put("namespace", NAMESPACE).put("name", name);
        keys.putObject("data")
                .put("identity.agekey", base64(identity))
                .put("unrelated", base64(canary.value("in-the-key-secret")));
        if (api.object(ResourceType.SECRETS, NAMESPACE, name).isEmpty()) {
            api.seed(ResourceType.SECRETS, keys);
        } else {
            api.patchDirectly(ResourceType.SECRETS, NAMESPACE, name, null, keys);
        }
    }

    /**
     * A config {@code name} reading the GitRepository of the same name, publishing to the project {@code e2e-name}
     * (added to the fake), with the suite's key Secret; {@code spec} may change the spec before it is created.
     */
    ObjectNode createConfig(String name, Consumer<ObjectNode> spec) {
        return api.seed(WatchedKinds.CONFIGS, createConfigManifest(name, spec));
    }

    /** The config {@link #createConfig} creates, not created yet (its project is added to the fake already). */
    ObjectNode createConfigManifest(String name, Consumer<ObjectNode> spec) {
        secretManager.addProject(projectOf(name));
        ObjectNode config = FakeApiServerMain.config(NAMESPACE, name);
        ObjectNode specNode = config.withObjectProperty("spec");
        specNode.withObjectProperty("sourceRef").put("name", name);
        specNode.withObjectProperty("provider").withObjectProperty("gcp").put("projectId", projectOf(name));
        specNode.putObject("decryption").putObject("secretRef").put("name", KEYS);
        spec.accept(specNode);
        return config;
    }

    void patchConfig(String name, JsonNode mergePatch) {
        api.patchDirectly(WatchedKinds.CONFIGS, NAMESPACE, name, null, mergePatch);
    }

    /** A manual reconcile request, as {@code kubectl annotate … secret-management.microscaler.io/reconcile=…}. */
    void requestReconcile(String name) {
        ObjectNode patch = JSON.createObjectNode();
        patch.putObject("metadata").putObject("annotations")
                .put("secret-management.microscaler.io/reconcile", Long.toString(System.nanoTime()));
        patchConfig(name, patch);
    }

    /** Deletes the config over HTTP, as kubectl does; its finalizer holds it until the controller lets it go. */
    void deleteConfig(String name) throws Exception {
        try (HttpKubeClient client = api.client()) {
            client.delete(WatchedKinds.CONFIGS, NAMESPACE, name, DeleteOptions.NONE);
        }
    }

    boolean configExists(String name) {
        return api.object(WatchedKinds.CONFIGS, NAMESPACE, name).isPresent();
    }

    JsonNode status(String name) {
        return api.object(WatchedKinds.CONFIGS, NAMESPACE, name).map(config -> config.path("status"))
                .orElse(JSON.createObjectNode());
    }

    /** The config's Ready condition, or an empty object before it has one. */
    JsonNode ready(String name) {
        for (JsonNode condition : status(name).path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition;
            }
        }
        return JSON.createObjectNode();
    }

    /** Waits until the config is Ready with every secret published at {@code revision}. */
    void awaitReady(String name, String revision) {
        await(name + " Ready at " + revision, () -> ready(name).path("status").asText().equals("True")
                && status(name).path("lastAppliedRevision").asText().equals(revision), name);
    }

    /** Waits until the config's Ready condition is False with {@code reason}, and its Warning is recorded. */
    void awaitFailure(String name, String reason) {
        await(name + " failing with " + reason, () -> ready(name).path("status").asText().equals("False")
                && ready(name).path("reason").asText().equals(reason)
                && eventReasons(name).containsKey(reason), name);
    }

    void await(String what, BooleanSupplier condition, String config) {
        Eventually.await(what, condition, () -> state(config));
    }

    /** As {@link #await(String, BooleanSupplier, String)}, for longer than {@link Eventually#LIMIT}. */
    void await(String what, BooleanSupplier condition, String config, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + limit.toSeconds() + "s waiting for " + what + "; "
                        + state(config));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private String state(String config) {
        return "status: " + status(config) + "\nevents: " + eventSummary(config) + "\n"
                + controllers.stream().map(RunningController::toString).reduce("", String::concat);
    }

    /** The config's events as {@code type/reason xcount: message}, oldest first. */
    List<String> events(String name) {
        List<String> events = new ArrayList<>();
        for (ObjectNode event : api.objects(ResourceType.EVENTS, NAMESPACE)) {
            if (event.path("involvedObject").path("name").asText().equals(name)) {
                events.add(event.path("type").asText() + "/" + event.path("reason").asText() + " x"
                        + event.path("count").asInt(1) + ": " + event.path("message").asText());
            }
        }
        return events;
    }

    /** The reasons of the config's events, with their counts. */
    Map<String, Integer> eventReasons(String name) {
        Map<String, Integer> reasons = new TreeMap<>();
        for (ObjectNode event : api.objects(ResourceType.EVENTS, NAMESPACE)) {
            if (event.path("involvedObject").path("name").asText().equals(name)) {
                reasons.merge(event.path("reason").asText(), event.path("count").asInt(1), Integer::sum);
            }
        }
        return reasons;
    }

    /** Waits until the config's events are exactly {@code expected} (reason → count): they are written after the status. */
    void awaitEvents(String name, Map<String, Integer> expected) {
        await(name + "'s events " + expected, () -> eventReasons(name).equals(expected), name);
    }

    /** Waits until the config has an event of {@code reason} whose message holds {@code text}. */
    void awaitEvent(String name, String reason, String text) {
        await(name + "'s event " + reason, () -> events(name).stream().anyMatch(event -> event.contains("/" + reason
                + " ") && event.contains(text)), name);
    }

    private String eventSummary(String name) {
        return String.join("\n  ", events(name));
    }

    // ---- sources -----------------------------------------------------------------------------------------------

    /** A revision's files: service → the text of its {@code profiles/dev/application.secrets.env}. */
    static TestTar envFiles(Map<String, String> envByService) {
        TestTar tar = TestTar.create();
        envByService.forEach((service, env) -> tar.file(service + "/deployment-configuration/profiles/dev/"
                + "application.secrets.env", env));
        return tar;
    }

    /** {@code KEY=value} lines in order. */
    static String env(Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /** Serves a new revision of {@code source} and points its GitRepository's artifact at it; returns the revision. */
    String publish(String source, TestTar files) {
        return publish(source, files.gzip(), null, true);
    }

    /**
     * As {@link #publish(String, TestTar)} with the archive's bytes; {@code digest} other than null announces another
     * digest than the archive's, as a source-controller whose storage was tampered with would; when not
     * {@code served}, the URL answers 404, as after source-controller's garbage collection.
     */
    String publish(String source, byte[] archive, String digest, boolean served) {
        return publish(source, archive, digest, served, null);
    }

    /** As {@link #publish(String, byte[], String, boolean)}, the first download of it getting {@code firstFault}. */
    String publish(String source, byte[] archive, String digest, boolean served, ArtifactServer.Fault firstFault) {
        int number = ++revisions;
        String revision = "main@sha1:" + String.format("%040x", number);
        String path = "/gitrepository/" + NAMESPACE + "/" + source + "/" + number + ".tar.gz";
        if (firstFault != null) {
            artifacts.failNext(path, firstFault);
        }
        String url = served ? artifacts.serve(path, archive) : artifacts.serve("/elsewhere" + path, archive)
                .replace("/elsewhere", "");
        announce(source, FluxObjects.artifact(url, revision, digest != null ? digest : ArtifactServer.sha256(archive),
                archive.length));
        return revision;
    }

    /** Points the GitRepository at an artifact (JSON), creating it on the first revision. */
    private void announce(String source, String artifact) {
        try {
            ObjectNode repository = (ObjectNode) JSON.readTree(FluxObjects.gitRepository("v1", source,
                    "uid-" + source, FluxObjects.ready(), artifact));
            repository.withObjectProperty("metadata").put("namespace", NAMESPACE);
            if (api.object(GIT, NAMESPACE, source).isEmpty()) {
                api.seed(GIT, repository);
            } else {
                ObjectNode patch = JSON.createObjectNode();
                patch.set("status", repository.get("status"));
                api.patchDirectly(GIT, NAMESPACE, source, "status", patch);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- Secret Manager ----------------------------------------------------------------------------------------

    /** The project of a config: a project id needs six characters at least. */
    static String projectOf(String config) {
        return "e2e-" + config;
    }

    /**
     * The whole state of a config's project, exactly: secret → its versions oldest first, each
     * {@code number:STATE:value} (the value as UTF-8 text, empty once destroyed).
     */
    Map<String, List<String>> project(String config) {
        String project = projectOf(config);
        Map<String, List<String>> state = new TreeMap<>();
        for (String secret : secretManager.secretIds(project)) {
            List<String> versions = new ArrayList<>();
            for (SecretVersion version : secretManager.versions(project, secret)) {
                String number = version.getName().substring(version.getName().lastIndexOf('/') + 1);
                String data = version.getState() == SecretVersion.State.DESTROYED ? ""
                        : secretManager.data(project, secret, number).toString(StandardCharsets.UTF_8);
                versions.add(number + ":" + version.getState() + ":" + data);
            }
            state.put(secret, versions);
        }
        return state;
    }

    /** A project state as {@link #project} gives it, one version per secret, from name → value. */
    static Map<String, List<String>> firstVersions(Map<String, String> values) {
        Map<String, List<String>> state = new TreeMap<>();
        values.forEach((name, value) -> state.put(name, List.of("1:ENABLED:" + value)));
        return state;
    }

    // ---- controllers -------------------------------------------------------------------------------------------

    /** {@code java -jar} with the documented JVM options, talking to Secret Manager over {@code transport}. */
    RunningController startJar(String transport, String... extra) throws IOException {
        return start(PackagedJar.command(), transport, extra);
    }

    private RunningController start(List<String> program, String transport, String... extra) throws IOException {
        int port = RunningController.freePort();
        int number = ++started;
        List<String> command = new ArrayList<>(program);
        command.addAll(List.of("run", "--kubeconfig", kubeconfig.toString(), "--metrics-bind-address",
                "127.0.0.1:" + port, "--cache-dir", work.resolve("cache-" + number).toString(), "--log-level", "debug",
                "--gcp-transport", transport, "--min-retry-delay", "200ms", "--max-retry-delay", "2s"));
        command.addAll(Arrays.asList(extra));
        command.removeIf(String::isEmpty);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("HOME", work.toString());
        environment.put("POD_NAME", "controller-" + number);
        environment.put("SECRET_MANAGER_EMULATOR_HOST", transport.equals("rest") ? secretManager.restAddress()
                : secretManager.target());
        Path dir = Files.createDirectories(work.resolve("controller-" + number));
        RunningController controller = RunningController.start(command, environment, dir, port);
        controllers.add(controller);
        controller.awaitStatus("/readyz", 200);
        return controller;
    }

    /** Reads /metrics into the canary and returns it. */
    String scrape(RunningController controller) {
        try {
            String metrics = controller.get("/metrics").body();
            canary.saw("a /metrics scrape", metrics);
            return metrics;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** SIGTERM; returns the exit status. Its output goes to the canary. */
    int stop(RunningController controller) throws Exception {
        if (controller.process().isAlive()) {
            scrape(controller);
            controller.signal("TERM");
        }
        int status = controller.awaitExit();
        forget(controller);
        return status;
    }

    /** SIGKILL, as the kernel's OOM killer or a node failure ends a process: no shutdown of any kind. */
    void kill(RunningController controller) throws Exception {
        RunningController.signal(controller.process().pid(), "KILL");
        controller.process().waitFor(30, TimeUnit.SECONDS);
        forget(controller);
    }

    private void forget(RunningController controller) {
        canary.saw("controller stdout", controller.out());
        canary.saw("controller stderr", controller.err());
        controllers.remove(controller);
    }

    /** {@code controller_runtime_reconcile_total} or any other unlabelled-or-labelled sample's value; 0 if absent. */
    static double sample(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    // ---- the canary --------------------------------------------------------------------------------------------

    /**
     * Hands the canary everything the cluster holds from the controllers: every config's status, every Event, and
     * the body of every request they made to the API server (each status and event write, with those of configs
     * gone since).
     */
    void collectClusterState() {
        api.objects(WatchedKinds.CONFIGS, null).forEach(config -> canary.saw("a config's status",
                config.path("status").toString()));
        api.objects(ResourceType.EVENTS, null).forEach(event -> canary.saw("an Event", event.toString()));
        for (RecordedRequest request : api.requests()) {
            canary.saw("a request to the API server", request.method() + " " + request.path() + "?"
                    + Objects.requireNonNullElse(request.query(), "") + "\n" + request.body());
        }
    }

    @Override
    public void close() {
        for (RunningController controller : List.copyOf(controllers)) {
            controller.close();
            forget(controller);
        }
        secretManager.close();
        artifacts.close();
        api.close();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
