package io.smc.kube.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ResourceType;
import io.smc.runtime.WatchedKinds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The fake API server as a process of its own, for scripts and benchmarks that run the controller against it:
 * {@code FakeApiServerMain DIR [CONFIGS [suspended]]} serves the SecretManagerConfig kind with CONFIGS configs seeded
 * (spread over ten namespaces; with {@code suspended}, each with {@code spec.suspend: true}, so that a controller is
 * idle once it has reconciled each of them once), writes {@code DIR/kubeconfig} pointing at itself, and serves until
 * its standard input closes.
 */
public final class FakeApiServerMain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeApiServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int configs = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        boolean suspended = args.length > 2 && args[2].equals("suspended");
        try (FakeApiServer fake = FakeApiServer.start()) {
            fake.serve(WatchedKinds.CONFIGS, ResourceType.SECRETS, ResourceType.EVENTS, ResourceType.LEASES);
            for (int i = 0; i < configs; i++) {
                ObjectNode config = config("team-" + (i % 10), "config-" + i);
                if (suspended) {
                    config.withObjectProperty("spec").put("suspend", true);
                }
                fake.seed(WatchedKinds.CONFIGS, config);
            }
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(dir.resolve("kubeconfig.tmp"), kubeconfig(fake), StandardCharsets.UTF_8);
            Files.move(dir.resolve("kubeconfig.tmp"), kubeconfig, StandardCopyOption.ATOMIC_MOVE);
            while (System.in.read() >= 0) {
                // serve until the script closes our input
            }
        }
    }

    /** A kubeconfig for the fake: plain HTTP on loopback, a token nobody checks, namespace {@code default}. */
    public static String kubeconfig(FakeApiServer fake) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: fake
                  cluster:
                    server: %s
                users:
                - name: fake
                  user:
                    token: fake-token
                contexts:
                - name: fake
                  context:
                    cluster: fake
                    user: fake
                    namespace: default
                current-context: fake
                """.formatted(fake.uri());
    }

    /** A valid config reading a GitRepository of its own namespace. */
    public static ObjectNode config(String namespace, String name) {
        ObjectNode config = JSON.createObjectNode().put("apiVersion", WatchedKinds.CONFIGS.apiVersion())
                .put("kind", WatchedKinds.CONFIGS.kind());
        config.putObject("metadata").put("namespace", namespace).put("name", name);
        ObjectNode spec = config.putObject("spec");
        spec.putObject("sourceRef").put("kind", "GitRepository").put("name", "apps");
        spec.putObject("provider").putObject("gcp").put("projectId", "project-" + namespace);
        spec.putObject("secrets").put("environment", "dev");
        spec.put("reconcileInterval", "5m");
        return config;
    }
}
