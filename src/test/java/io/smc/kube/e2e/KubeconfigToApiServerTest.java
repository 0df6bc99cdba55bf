package io.smc.kube.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.ClusterConnection;
import io.smc.kube.ListOptions;
import io.smc.kube.ResourceType;
import io.smc.kube.config.KubeConfigLoader;
import io.smc.kube.config.LoadOptions;
import io.smc.kube.fake.Failure;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.RecordedRequest;
import io.smc.kube.http.ClientOptions;
import io.smc.kube.http.HttpKubeClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kubeconfig as users write it, through the loader and the HTTP client, to the fake API server. */
class KubeconfigToApiServerTest {
    @TempDir
    Path dir;

    private FakeApiServer server;

    @BeforeEach
    void startServer() {
        server = FakeApiServer.start();
        server.seed(ResourceType.NAMESPACES, "{\"metadata\":{\"name\":\"flux-system\"}}");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** An exec plugin that hands out token-1, token-2, … one per run, counting its runs in a file. */
    private Path plugin() throws Exception {
        Path script = dir.resolve("credential-plugin");
        Files.writeString(script, """
                #!/bin/sh
                count_file="$(dirname "$0")/runs"
                n=$(( $(cat "$count_file" 2>/dev/null || echo 0) + 1 ))
                echo "$n" > "$count_file"
                printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"token-%s"}}' "$n"
                """);
        script.toFile().setExecutable(true);
        return script;
    }

    private ClusterConnection load(String userBlock) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                current-context: fake
                clusters:
                - name: fake
                  cluster: {server: "%s"}
                contexts:
                - name: fake
                  context: {cluster: fake, user: me, namespace: flux-system}
                users:
                - name: me
                  user:
                %s
                """.formatted(server.uri(), userBlock.indent(4)));
        return new KubeConfigLoader().load(LoadOptions.of(Map.of("PATH", "/usr/bin:/bin"), dir)
                .withKubeconfig(kubeconfig));
    }

    private List<String> tokensSent() {
        return server.requests().stream().map(r -> r.header("Authorization").orElse("")).toList();
    }

    @Test
    void execPluginTokenIsRefreshedAfterA401AndTheCallSucceeds() throws Exception {
        ClusterConnection connection = load("exec:\n  apiVersion: client.authentication.k8s.io/v1\n"
                + "  command: ./credential-plugin\n  interactiveMode: Never\n".replace("./credential-plugin",
                        plugin().toString()));
        HttpKubeClient client = HttpKubeClient.create(connection, ClientOptions.defaults());

        client.list(ResourceType.NAMESPACES, null, ListOptions.ALL);
        server.failNext(1, Failure.unauthorized());
        List<String> names = client.list(ResourceType.NAMESPACES, null, ListOptions.ALL).items().stream()
                .map(n -> n.path("metadata").path("name").asText()).toList();

        assertEquals(List.of("flux-system"), names);
        assertEquals(List.of("Bearer token-1", "Bearer token-1", "Bearer token-2"), tokensSent());
        assertEquals("2", Files.readString(dir.resolve("runs")).strip(), "the plugin ran once more, not per call");
        assertEquals("flux-system", connection.defaultNamespace());
    }

    @Test
    void staticTokenIsSentAndA403NamesWhatToFixInRbac() throws Exception {
        HttpKubeClient client = HttpKubeClient.create(load("token: static-token-value"), ClientOptions.defaults());
        server.failNext(1, Failure.status(403, "Forbidden", "secrets is forbidden: User \"me\" cannot list"));

        Exception e = org.junit.jupiter.api.Assertions.assertThrows(io.smc.kube.ApiException.class,
                () -> client.list(ResourceType.SECRETS, "flux-system", ListOptions.ALL));

        assertTrue(e.getMessage().contains("cannot list secrets in namespace \"flux-system\""), e.getMessage());
        assertTrue(!e.getMessage().contains("static-token-value"));
        assertEquals(List.of("Bearer static-token-value"), tokensSent());
        RecordedRequest request = server.requests().get(0);
        assertEquals("/api/v1/namespaces/flux-system/secrets", request.path());
    }
}
