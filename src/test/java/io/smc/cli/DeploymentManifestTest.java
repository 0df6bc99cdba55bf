package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.http.BindAddress;
import io.smc.http.EndpointServers;
import io.smc.install.Kustomize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Deployment of {@code config/} agrees with the code it runs: the version built, the flags {@code run} accepts,
 * the port and paths it serves, the environment it reads, and the memory its JVM options call for.
 */
class DeploymentManifestTest {
    private static final String NAME = "secret-manager-controller";
    /** The idle resident size measured with 1,000 configs (README "Performance"), rounded up. */
    private static final long MEASURED_IDLE_MIB = 96;
    private static final Pattern MEBIBYTES = Pattern.compile("([0-9]+)Mi");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private static ObjectNode deployment(Kustomize.Rendered rendered) {
        return rendered.one("Deployment", NAME);
    }

    private static JsonNode container(ObjectNode deployment) {
        JsonNode containers = deployment.at("/spec/template/spec/containers");
        assertEquals(1, containers.size(), "one container");
        return containers.get(0);
    }

    /** The arguments after {@code run}, with {@code $(VAR)} expanded from the container's environment as the kubelet does. */
    private static List<String> runArguments(ObjectNode deployment) {
        JsonNode container = container(deployment);
        assertFalse(container.has("command"), "the image's entry point, the launcher, is kept");
        Map<String, String> environment = environment(deployment);
        List<String> args = new ArrayList<>();
        container.path("args").forEach(arg -> {
            Matcher variable = VARIABLE.matcher(arg.asText());
            args.add(variable.replaceAll(m -> Matcher.quoteReplacement(environment.getOrDefault(m.group(1),
                    m.group()))));
        });
        assertEquals("run", args.get(0), "the command comes first");
        return args.subList(1, args.size());
    }

    /** The container's environment as the kubelet would set it in the pod, the downward API included. */
    private static Map<String, String> environment(ObjectNode deployment) {
        Map<String, String> environment = new HashMap<>();
        for (JsonNode variable : container(deployment).path("env")) {
            String value = variable.has("value") ? variable.path("value").asText() : switch (variable
                    .at("/valueFrom/fieldRef/fieldPath").asText()) {
                case "metadata.namespace" -> deployment.at("/metadata/namespace").asText();
                case "metadata.name" -> NAME + "-7d9f8b6c5d-x2x4q";
                default -> throw new AssertionError("unexpected variable " + variable);
            };
            environment.put(variable.path("name").asText(), value);
        }
        return environment;
    }

    private static RunOptions options(ObjectNode deployment) throws UsageException {
        return RunOptions.parse(runArguments(deployment), environment(deployment));
    }

    @Test
    void theImageIsTaggedWithTheProjectsVersion() throws Exception {
        ObjectNode deployment = deployment(Kustomize.render("config"));

        assertEquals(NAME + ":" + VersionCommand.version(), container(deployment).path("image").asText(),
                "config/deployment/kustomization.yaml's newTag follows pom.xml's version");
        assertFalse(VersionCommand.version().equals("unknown"), "the version is known to the tests");
    }

    @Test
    void everyArgumentIsAFlagRunAcceptsAndLeaderElectionIsOn() throws Exception {
        ObjectNode deployment = deployment(Kustomize.render("config"));

        List<String> args = runArguments(deployment);
        assertTrue(args.contains("--leader-elect=true"), args.toString());
        RunOptions options = options(deployment);
        assertTrue(options.leaderElect());
        assertEquals("json", options.logFormat());
        assertEquals(List.of(), options.namespaces(), "every namespace is watched");
        assertEquals("flux-system", options.leaseNamespace(), "the lease is in the pod's namespace");
    }

    @Test
    void theNamespacedInstallWatchesOnlyItsOwnNamespace() throws Exception {
        ObjectNode deployment = deployment(Kustomize.render("config/overlays/namespaced"));

        RunOptions options = options(deployment);
        String namespace = deployment.at("/metadata/namespace").asText();
        assertEquals(List.of(namespace), options.namespaces());
        assertEquals(namespace, options.leaseNamespace());
        assertTrue(options.leaderElect());
    }

    @Test
    void theMetricsPortAndProbesAreWhereRunServesThem() throws Exception {
        ObjectNode deployment = deployment(Kustomize.render("config"));
        RunOptions options = options(deployment);
        JsonNode container = container(deployment);

        int metricsPort = BindAddress.parse(options.metricsAddress()).orElseThrow().port();
        assertEquals(BindAddress.parse(RunOptions.DEFAULT_METRICS_ADDRESS), BindAddress.parse(
                options.metricsAddress()), "the default address, which the manifest leaves alone");
        assertEquals(options.metricsAddress(), options.probeAddress(), "the probes share the metrics server");
        JsonNode ports = container.path("ports");
        assertEquals(1, ports.size(), ports.toString());
        assertEquals("metrics", ports.path(0).path("name").asText());
        assertEquals(metricsPort, ports.path(0).path("containerPort").asInt());
        assertEquals(EndpointServers.LIVENESS_PATH, container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("metrics", container.at("/livenessProbe/httpGet/port").asText());
        assertEquals(EndpointServers.READINESS_PATH, container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("metrics", container.at("/readinessProbe/httpGet/port").asText());
    }

    @Test
    void theMetricsServiceSelectsThePodsAndTargetsTheMetricsPort() throws Exception {
        Kustomize.Rendered install = Kustomize.render("config");
        ObjectNode deployment = deployment(install);
        ObjectNode service = install.one("Service", NAME + "-metrics");

        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        assertEquals(NAME, podLabels.path("app").asText());
        assertEquals(NAME, podLabels.path("app.kubernetes.io/name").asText());
        assertEquals("controller", podLabels.path("app.kubernetes.io/component").asText());
        assertSubset(deployment.at("/spec/selector/matchLabels"), podLabels, "the Deployment's selector");
        assertSubset(service.path("spec").path("selector"), podLabels, "the Service's selector");
        JsonNode port = service.at("/spec/ports/0");
        assertEquals(1, service.at("/spec/ports").size());
        assertEquals("metrics", port.path("name").asText());
        assertEquals("metrics", port.path("targetPort").asText());
        assertEquals(container(deployment).at("/ports/0/containerPort").asInt(), port.path("port").asInt());
    }

    @Test
    void thePodRunsAsTheServiceAccountWithThePodNameAndNamespaceFromTheDownwardApi() throws Exception {
        ObjectNode deployment = deployment(Kustomize.render("config"));

        assertEquals(NAME, deployment.at("/spec/template/spec/serviceAccountName").asText());
        assertEquals(1, deployment.at("/spec/replicas").asInt());
        Map<String, String> fieldPaths = new HashMap<>();
        container(deployment).path("env").forEach(variable -> fieldPaths.put(variable.path("name").asText(),
                variable.at("/valueFrom/fieldRef/fieldPath").asText()));
        assertEquals("metadata.namespace", fieldPaths.get("POD_NAMESPACE"));
        assertEquals("metadata.name", fieldPaths.get("POD_NAME"));
    }

    @Test
    void thePodIsLockedDownAndTmpIsItsOnlyWritablePath() throws Exception {
        ObjectNode deployment = deployment(Kustomize.render("config"));
        JsonNode pod = deployment.at("/spec/template/spec/securityContext");
        JsonNode container = container(deployment).path("securityContext");

        assertTrue(pod.path("runAsNonRoot").asBoolean());
        assertEquals(65532, pod.path("runAsUser").asInt());
        assertEquals(65532, pod.path("runAsGroup").asInt());
        assertEquals(65532, pod.path("fsGroup").asInt());
        assertEquals("RuntimeDefault", pod.at("/seccompProfile/type").asText());
        assertTrue(container.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(container.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("[\"ALL\"]", container.at("/capabilities/drop").toString());
        assertFalse(container.has("privileged") && container.path("privileged").asBoolean());

        JsonNode mounts = container(deployment).path("volumeMounts");
        assertEquals(1, mounts.size(), mounts.toString());
        assertEquals("/tmp", mounts.path(0).path("mountPath").asText());
        String volume = mounts.path(0).path("name").asText();
        JsonNode volumes = deployment.at("/spec/template/spec/volumes");
        assertEquals(1, volumes.size());
        assertEquals(volume, volumes.path(0).path("name").asText());
        assertTrue(volumes.path(0).path("emptyDir").isObject(), "/tmp is an emptyDir: " + volumes);
    }

    @Test
    void theGracePeriodOutlastsTheShutdownTimeout() throws Exception {
        ObjectNode deployment = deployment(Kustomize.render("config"));

        long grace = deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong();
        assertTrue(grace > options(deployment).shutdownTimeout().toSeconds(), "grace period " + grace + " s");
    }

    @Test
    void memoryIsSizedFromTheMeasuredFootprintAndTheLaunchersHeapAndCpuIsNotLimited() throws Exception {
        JsonNode resources = container(deployment(Kustomize.render("config"))).path("resources");

        long request = mebibytes(resources.at("/requests/memory").asText());
        long limit = mebibytes(resources.at("/limits/memory").asText());
        long heap = launcherHeapMebibytes();
        assertTrue(request >= MEASURED_IDLE_MIB, "the idle controller fits its request: " + request + "Mi");
        assertTrue(limit >= heap + 64, "the limit leaves room beside the " + heap + " MiB heap: " + limit + "Mi");
        assertTrue(limit > request);
        assertFalse(resources.at("/requests/cpu").isMissingNode(), "a CPU request reserves a share");
        assertTrue(resources.at("/limits/cpu").isMissingNode(), "no CPU limit throttles the JVM's start");
    }

    private static void assertSubset(JsonNode selector, JsonNode labels, String what) {
        assertFalse(selector.isEmpty(), what + " is not empty");
        selector.fields().forEachRemaining(entry -> assertEquals(entry.getValue(), labels.path(entry.getKey()),
                what + " " + entry.getKey() + " matches the pod's labels"));
    }

    private static long mebibytes(String quantity) {
        Matcher matcher = MEBIBYTES.matcher(quantity);
        assertTrue(matcher.matches(), "a quantity in Mi: " + quantity);
        return Long.parseLong(matcher.group(1));
    }

    /** The -Xmx of the launcher's JVM options, which pom.xml sets for the image. */
    private static long launcherHeapMebibytes() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher options = Pattern.compile("<launcher.jvm.options>([^<]*)</launcher.jvm.options>").matcher(pom);
        assertTrue(options.find(), "pom.xml sets the launcher's JVM options");
        Matcher heap = Pattern.compile("-Xmx([0-9]+)m").matcher(options.group(1));
        assertTrue(heap.find(), "the launcher bounds the heap: " + options.group(1));
        return Long.parseLong(heap.group(1));
    }
}
