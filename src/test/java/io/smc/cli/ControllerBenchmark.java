package io.smc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.FakeApiServerMain;
import io.smc.provider.gcp.fake.CallClass;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The controller benchmark ({@code scripts/bench-controller.sh}): the fakes in this process — API server, Flux
 * artifacts, Secret Manager with latency and a write quota — and the controller, packaged, in processes of its own,
 * for each way of starting it ({@code java -jar}, the image's launcher) and each transport (gRPC, REST). Per
 * combination: the initial sync of CONFIGS configs × SECRETS secrets (time until every config is Ready, secrets a
 * second, writes against the quota, failed reconciles, peak and idle resident memory), the calls of a reconcile of
 * unchanged configs and of a drift check, the time from a new revision to its version in Secret Manager over CHANGES
 * changes, and the time from process start to /readyz over RUNS restarts. A table on stdout, JSON in target/bench/.
 *
 * <p>Arguments {@code name=value}: configs (1000), secrets (10), latency-ms (20), runs (5), changes (100),
 * quota-scale (10: the service's default quotas × 10, for the fake and the controller's pacing alike), ways
 * (jar,launcher), transports (grpc,rest), log-level (warn; the controllers' logs stay in the temporary directory).
 */
public final class ControllerBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String READY = "controller_runtime_reconcile_total{controller=\"secretmanagerconfig\",";

    private final Map<String, String> settings;
    private final int configs;
    private final int secrets;
    private final Path work;
    private final Path kubeconfig;
    private final FakeApiServer api = FakeApiServer.start();
    private final ArtifactServer artifacts = ArtifactServer.start();
    private final FakeSecretManager secretManager = FakeSecretManager.start();
    private final int writeQuota;
    private int revisions;

    private ControllerBenchmark(Map<String, String> settings, Path work) throws IOException {
        this.settings = settings;
        this.configs = Integer.parseInt(settings.get("configs"));
        this.secrets = Integer.parseInt(settings.get("secrets"));
        this.work = work;
        double scale = Double.parseDouble(settings.get("quota-scale"));
        writeQuota = (int) (600 * scale);
        api.serve(WatchedKinds.CONFIGS, EndToEnd.GIT, ResourceType.SECRETS, ResourceType.EVENTS,
                ResourceType.LEASES);
        kubeconfig = Files.writeString(work.resolve("kubeconfig"), FakeApiServerMain.kubeconfig(api));
        secretManager.setLatency(Duration.ofMillis(Long.parseLong(settings.get("latency-ms"))));
        secretManager.setQuota(CallClass.WRITE, writeQuota);
        secretManager.setQuota(CallClass.READ, (int) (600 * scale));
        secretManager.setQuota(CallClass.ACCESS, (int) (90_000 * scale));
    }

    public static void main(String[] args) throws Exception {
        // The fakes stand for Go servers (the API server, source-controller), which turn Nagle's algorithm off; the
        // JDK's server, on which the fakes run, leaves it on and so holds answers back ~40 ms on reused connections.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, String> settings = new LinkedHashMap<>();
        String[] defaults = {"configs", "1000", "secrets", "10", "latency-ms", "20", "runs", "5", "changes", "100",
            "quota-scale", "10", "ways", "jar,launcher", "transports", "grpc,rest", "log-level", "warn",
            // Profiling: print the idle process's memory; JVM options and environment variables to try.
            "inspect", "false", "java-opts", "", "env", ""};
        for (int i = 0; i < defaults.length; i += 2) {
            settings.put(defaults[i], defaults[i + 1]);
        }
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !settings.containsKey(pair[0])) {
                throw new IllegalArgumentException("expected name=value with a name of " + settings.keySet() + ": "
                        + arg);
            }
            settings.put(pair[0], pair[1]);
        }
        Path work = Files.createTempDirectory("bench-controller");
        // A benchmark stopped early must not leave a controller running against fakes that are gone.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroyForcibly)));
        ControllerBenchmark bench = new ControllerBenchmark(settings, work);
        ArrayNode results = JSON.createArrayNode();
        try {
            for (String way : settings.get("ways").split(",")) {
                for (String transport : settings.get("transports").split(",")) {
                    results.add(bench.combination(way, transport));
                }
            }
        } finally {
            bench.close();
        }
        ObjectNode report = JSON.createObjectNode();
        ObjectNode used = report.putObject("settings");
        settings.forEach(used::put);
        used.put("cores", Runtime.getRuntime().availableProcessors());
        report.set("results", results);
        Path out = Path.of("target/bench/controller.json");
        Files.createDirectories(out.getParent());
        JSON.writeValue(out.toFile(), report);
        System.out.println("JSON: " + out);
    }

    private void close() {
        secretManager.close();
        artifacts.close();
        api.close();
    }

    // ---- one way of starting over one transport ----------------------------------------------------------------

    private ObjectNode combination(String way, String transport) throws Exception {
        String namespace = "bench-" + way + "-" + transport;
        String project = namespace;
        secretManager.addProject(project);
        for (int i = 0; i < configs; i++) {
            publish(namespace, i, 0);
            ObjectNode config = FakeApiServerMain.config(namespace, "c" + i);
            config.withObjectProperty("spec").withObjectProperty("sourceRef").put("name", "c" + i);
            config.withObjectProperty("spec").withObjectProperty("provider").withObjectProperty("gcp")
                    .put("projectId", project);
            config.withObjectProperty("spec").put("reconcileInterval", "1h");
            api.seed(WatchedKinds.CONFIGS, config);
        }
        ObjectNode result = JSON.createObjectNode().put("way", way).put("transport", transport);
        System.out.printf(Locale.ROOT, "%n== %s, %s: %,d configs x %d secrets, %s ms latency, write quota %,d/min%n",
                way, transport, configs, secrets, settings.get("latency-ms"), writeQuota);

        secretManager.resetCounters();
        long start = System.nanoTime();
        RunningController controller = start(way, transport, namespace);
        double firstReady = awaitReady(controller, start);
        long synced = System.nanoTime();
        long jvm = jvm(controller);
        await(() -> countReady(namespace, null) == configs, Duration.ofMinutes(30), controller);
        double syncSeconds = (System.nanoTime() - synced) / 1e9;
        long peakKib = proc(jvm, "VmHWM");
        Map<String, Integer> syncCalls = secretManager.calls();
        int writes = syncCalls.getOrDefault("CreateSecret", 0) + syncCalls.getOrDefault("AddSecretVersion", 0);
        String metrics = controller.get("/metrics").body();
        double failed = EndToEnd.sample(metrics, READY + "result=\"error\"}")
                + EndToEnd.sample(metrics, READY + "result=\"requeue\"}");
        Thread.sleep(3000);
        long idleKib = proc(jvm, "VmRSS");
        result.put("firstStartToReadyMs", firstReady);
        result.put("initialSyncSeconds", round(syncSeconds));
        result.put("secretsPerSecond", round(configs * (double) secrets / syncSeconds));
        result.put("writes", writes);
        result.put("writeQuotaShare", round(writes / syncSeconds / (writeQuota / 60.0)));
        result.put("resourceExhausted", secretManager.resourceExhausted());
        result.put("failedReconciles", failed);
        result.put("peakRssMiB", peakKib / 1024);
        result.put("idleRssMiB", idleKib / 1024);
        result.put("secretsListedInSync", secretManager.secretsListed());
        System.out.printf(Locale.ROOT, "initial sync: %.1f s to every config Ready, %,.0f secrets/s, %,d writes ="
                + " %.1f %% of the write quota, %d RESOURCE_EXHAUSTED, %.0f failed reconciles; RSS peak %d MiB,"
                + " idle %d MiB%n", syncSeconds, configs * (double) secrets / syncSeconds, writes,
                100 * result.get("writeQuotaShare").asDouble(), secretManager.resourceExhausted(), failed,
                peakKib / 1024, idleKib / 1024);
        System.out.printf(Locale.ROOT, "secret records the sync's listings took in: %,d%n",
                secretManager.secretsListed());
        if (Boolean.parseBoolean(settings.get("inspect"))) {
            inspect(jvm);
        }

        // Every config reconciled with nothing changed: a new revision of the same content each.
        secretManager.resetCounters();
        for (int i = 0; i < configs; i++) {
            publish(namespace, i, 0);
        }
        await(() -> countReady(namespace, "main@sha1:") == configs && allApplied(namespace), Duration.ofMinutes(5),
                controller);
        result.set("callsPerSecretSteady", perSecret(secretManager.calls()));
        System.out.println("a reconcile of unchanged configs, calls per secret: " + result.get("callsPerSecretSteady")
                .toString());

        secretManager.resetCounters();
        String request = Long.toString(System.nanoTime());
        for (int i = 0; i < configs; i++) {
            ObjectNode patch = JSON.createObjectNode();
            patch.putObject("metadata").putObject("annotations").put("secret-management.microscaler.io/reconcile",
                    request);
            api.patchDirectly(WatchedKinds.CONFIGS, namespace, "c" + i, null, patch);
        }
        await(() -> api.objects(WatchedKinds.CONFIGS, namespace).stream().allMatch(config -> request.equals(
                config.path("status").path("lastHandledReconcileAt").asText())), Duration.ofMinutes(10), controller);
        result.set("callsPerSecretDriftCheck", perSecret(secretManager.calls()));
        result.put("secretsListedInDriftCheck", secretManager.secretsListed());
        System.out.println("a drift check (manual reconcile), calls per secret: "
                + result.get("callsPerSecretDriftCheck").toString() + ", secret records listed: "
                + secretManager.secretsListed());
        double steadyAccesses = result.get("callsPerSecretSteady").path("AccessSecretVersion").asDouble(0);
        double driftAccesses = result.get("callsPerSecretDriftCheck").path("AccessSecretVersion").asDouble(0);
        // 10,000 secrets, a resync a minute and a drift check an hour (the defaults), $0.03 per 10,000 accesses.
        double monthly = 10_000 * (steadyAccesses * 60 * 24 * 30 + driftAccesses * 24 * 30) * 0.03 / 10_000;
        result.put("monthlyAccessCostUsdFor10000Secrets", round(monthly));
        System.out.printf(Locale.ROOT, "access cost for 10,000 secrets at the defaults: $%.2f a month%n", monthly);

        List<Double> latencies = new ArrayList<>();
        int changes = Integer.parseInt(settings.get("changes"));
        for (int k = 0; k < changes; k++) {
            int i = k % configs;
            String secret = "s" + i + "-K0";
            int before = secretManager.versions(project, secret).size();
            long sent = System.nanoTime();
            publish(namespace, i, k + 1);
            long deadline = sent + TimeUnit.SECONDS.toNanos(60);
            while (secretManager.versions(project, secret).size() == before) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no new version of " + secret + " within a minute");
                }
                Thread.onSpinWait();
                Thread.sleep(0, 200_000);
            }
            latencies.add((System.nanoTime() - sent) / 1e6);
        }
        latencies.sort(Double::compare);
        result.put("revisionToVersionP50Ms", round(percentile(latencies, 50)));
        result.put("revisionToVersionP99Ms", round(percentile(latencies, 99)));
        System.out.printf(Locale.ROOT, "revision -> new version: p50 %.0f ms, p99 %.0f ms over %d changes%n",
                percentile(latencies, 50), percentile(latencies, 99), changes);
        stop(controller);

        List<Double> readies = new ArrayList<>();
        int runs = Integer.parseInt(settings.get("runs"));
        for (int run = 0; run < runs; run++) {
            long again = System.nanoTime();
            RunningController restarted = start(way, transport, namespace);
            readies.add(awaitReady(restarted, again));
            stop(restarted);
        }
        ArrayNode runsNode = result.putArray("startToReadyMs");
        readies.forEach(runsNode::add);
        List<Double> sorted = new ArrayList<>(readies);
        sorted.sort(Double::compare);
        result.put("startToReadyMedianMs", sorted.get(sorted.size() / 2));
        System.out.printf(Locale.ROOT, "start -> /readyz: median %.0f ms (%s)%n", sorted.get(sorted.size() / 2),
                readies);
        return result;
    }

    private ObjectNode perSecret(Map<String, Integer> calls) {
        ObjectNode node = JSON.createObjectNode();
        new TreeMap<>(calls).forEach((method, count) -> node.put(method, round(count / (double) (configs * secrets))));
        return node;
    }

    private RunningController start(String way, String transport, String namespace) throws IOException {
        List<String> command = new ArrayList<>();
        List<String> javaOptions = List.of(settings.get("java-opts").trim().split("\\s+"));
        Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", work.toString(),
                "SECRET_MANAGER_EMULATOR_HOST", transport.equals("rest") ? secretManager.restAddress()
                        : secretManager.target()));
        if (way.equals("jar")) {
            command.addAll(PackagedJar.command());
            command.addAll(command.indexOf("-jar"), javaOptions);
            environment.put("MALLOC_ARENA_MAX", "2"); // as the README's java -jar line has it
        } else {
            command.add(EndToEnd.IMAGE.resolve("bin/secret-manager-controller").toString());
            environment.put("JAVA_OPTS", settings.get("java-opts"));
        }
        // Extra variables to try, such as MALLOC_ARENA_MAX=2: NAME=VALUE,NAME=VALUE.
        for (String pair : settings.get("env").split(",")) {
            if (pair.contains("=")) {
                environment.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        int port = RunningController.freePort();
        double scale = Double.parseDouble(settings.get("quota-scale"));
        command.addAll(List.of("run", "--kubeconfig", kubeconfig.toString(), "--namespace", namespace,
                "--metrics-bind-address", "127.0.0.1:" + port, "--log-level", settings.get("log-level"), "--cache-dir",
                work.resolve("cache-" + namespace).toString(), "--gcp-transport", transport, "--gcp-quotas",
                "write=" + (int) (600 * scale) + ",read=" + (int) (600 * scale) + ",access=" + (int) (90_000 * scale)));
        command.removeIf(String::isEmpty);
        Path dir = Files.createDirectories(work.resolve(namespace));
        return RunningController.start(command, environment, dir, port);
    }

    private static double awaitReady(RunningController controller, long start) throws Exception {
        while (controller.status("/readyz") != 200) {
            if (!controller.process().isAlive()) {
                throw new AssertionError("the controller ended:\n" + controller);
            }
            Thread.sleep(5);
        }
        return Math.round((System.nanoTime() - start) / 1e6);
    }

    private static void stop(RunningController controller) throws Exception {
        controller.signal("TERM");
        int status = controller.awaitExit();
        if (status != 0) {
            throw new AssertionError("exit status " + status + ":\n" + controller);
        }
    }

    /**
     * Where the idle process's memory is, for profiling: the heap's generations, and the JVM's native areas when the
     * JVM options turn on {@code -XX:NativeMemoryTracking=summary}.
     */
    private static void inspect(long jvm) throws IOException, InterruptedException {
        for (String command : List.of("GC.heap_info", "VM.native_memory summary", "GC.class_histogram")) {
            List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(jvm)));
            line.addAll(List.of(command.split(" ")));
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            // The native areas' totals, and the histogram's head: the classes holding most of the live heap.
            new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(text -> !text.trim().startsWith("(") && !text.isBlank()).limit(40)
                    .forEach(System.out::println);
            jcmd.waitFor();
        }
        // Resident memory by mapping (a file, or anonymous memory), largest first: what NMT does not see shows here.
        Map<String, Long> byMapping = new TreeMap<>();
        String mapping = "";
        for (String line : Files.readAllLines(Path.of("/proc/" + jvm + "/smaps"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].matches("[0-9a-f]+-[0-9a-f]+")) {
                mapping = fields.length > 5 ? fields[5] : "[anonymous]";
            } else if (fields[0].equals("Rss:")) {
                byMapping.merge(mapping, Long.parseLong(fields[1]), Long::sum);
            }
        }
        byMapping.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf(Locale.ROOT, "%,10d KiB  %s%n", e.getValue(), e.getKey()));
    }

    /** The JVM: the launcher's child, or the process itself. */
    private static long jvm(RunningController controller) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> children = controller.process().children().toList();
            if (!children.isEmpty()) {
                return children.get(0).pid();
            }
            if (controller.process().info().command().orElse("").endsWith("java")) {
                return controller.process().pid();
            }
            Thread.sleep(10);
        }
        return controller.process().pid();
    }

    /** A field of /proc/PID/status in KiB. */
    private static long proc(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field + " for " + pid);
    }

    private static void await(BooleanSupplier condition, Duration limit, RunningController controller)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || !controller.process().isAlive()) {
                throw new AssertionError("gave up waiting:\n" + controller);
            }
            Thread.sleep(100);
        }
    }

    /** Configs Ready (whose last applied revision starts with {@code revisionPrefix}, when given). */
    private long countReady(String namespace, String revisionPrefix) {
        return api.objects(WatchedKinds.CONFIGS, namespace).stream().filter(config -> {
            for (var condition : config.path("status").path("conditions")) {
                if (condition.path("type").asText().equals("Ready")) {
                    return condition.path("status").asText().equals("True") && (revisionPrefix == null
                            || config.path("status").path("lastAppliedRevision").asText().startsWith(revisionPrefix));
                }
            }
            return false;
        }).count();
    }

    /** Whether every config has applied the revision its source announces now. */
    private boolean allApplied(String namespace) {
        for (ObjectNode config : api.objects(WatchedKinds.CONFIGS, namespace)) {
            String name = config.path("metadata").path("name").asText();
            String announced = api.object(EndToEnd.GIT, namespace, name).orElseThrow().path("status")
                    .path("artifact").path("revision").asText();
            if (!announced.equals(config.path("status").path("lastAppliedRevision").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Serves config {@code i}'s source at a new revision; {@code generation} 0 is the first values, k > 0 changes K0. */
    private void publish(String namespace, int i, int generation) throws IOException {
        StringBuilder env = new StringBuilder();
        for (int j = 0; j < secrets; j++) {
            env.append('K').append(j).append("=value-").append(namespace).append('-').append(i).append('-').append(j)
                    .append(j == 0 && generation > 0 ? "-" + generation : "").append('\n');
        }
        byte[] archive = TestTar.create().file("s" + i + "/deployment-configuration/profiles/dev/"
                + "application.secrets.env", env.toString()).gzip();
        int number = ++revisions;
        String revision = "main@sha1:" + String.format("%040x", number);
        String url = artifacts.serve("/gitrepository/" + namespace + "/c" + i + "/" + number + ".tar.gz", archive);
        String artifact = FluxObjects.artifact(url, revision, ArtifactServer.sha256(archive), archive.length);
        ObjectNode repository = (ObjectNode) JSON.readTree(FluxObjects.gitRepository("v1", "c" + i, "uid-" + i,
                FluxObjects.ready(), artifact));
        repository.withObjectProperty("metadata").put("namespace", namespace);
        if (api.object(EndToEnd.GIT, namespace, "c" + i).isEmpty()) {
            api.seed(EndToEnd.GIT, repository);
        } else {
            ObjectNode patch = JSON.createObjectNode();
            patch.set("status", repository.get("status"));
            api.patchDirectly(EndToEnd.GIT, namespace, "c" + i, "status", patch);
        }
    }

    private static double percentile(List<Double> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
