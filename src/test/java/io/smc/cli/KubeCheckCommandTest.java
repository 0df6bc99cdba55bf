package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeCheckCommandTest {
    private static final ResourceType CONFIG_MAPS = new ResourceType("", "v1", "configmaps", "ConfigMap", true);

    @TempDir
    Path dir;

    private FakeApiServer server;
    private Path kubeconfig;

    @BeforeEach
    void start() throws Exception {
        server = FakeApiServer.start();
        server.seed(ResourceType.NAMESPACES, "{\"metadata\":{\"name\":\"apps\"}}");
        server.seed(ResourceType.NAMESPACES, "{\"metadata\":{\"name\":\"flux-system\"}}");
        server.seed(CONFIG_MAPS, "{\"metadata\":{\"name\":\"settings\",\"namespace\":\"apps\"},"
                + "\"data\":{\"password\":\"do-not-print-me\"}}");
        kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                current-context: fake
                clusters: [{name: fake, cluster: {server: "%s"}}]
                contexts: [{name: fake, context: {cluster: fake, user: me, namespace: apps}}]
                users: [{name: me, user: {token: kube-check-token}}]
                """.formatted(server.uri()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsNamespacesAndWatchesAResourcePrintingNamesOnly() {
        CliRun run = CliRun.of("kube-check", "--kubeconfig", kubeconfig.toString(), "--watch", "v1/configmaps",
                "--seconds", "1");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("2 namespaces at resourceVersion"), run::toString);
        assertTrue(run.out().contains("apps, flux-system"), run::toString);
        assertTrue(run.out().contains("ADDED configmaps apps/settings"), run::toString);
        assertTrue(run.out().contains("synced true, 1 cached"), run::toString);
        assertFalse(run.all().contains("do-not-print-me") || run.all().contains("kube-check-token"), run::toString);
    }

    @Test
    void unreachableClusterIsAClearError() throws Exception {
        server.close();

        CliRun run = CliRun.of("kube-check", "--kubeconfig", kubeconfig.toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: "), run::toString);
        assertFalse(run.err().contains("\tat "), run::toString);
    }

    @Test
    void missingContextNamesTheOnesThatExist() {
        CliRun run = CliRun.of("kube-check", "--kubeconfig", kubeconfig.toString(), "--context", "prod");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("prod") && run.err().contains("fake"), run::toString);
    }

    @Test
    void badWatchSpecIsAUsageError() {
        CliRun run = CliRun.of("kube-check", "--kubeconfig", kubeconfig.toString(), "--watch", "configmaps");

        assertEquals(2, run.exitCode(), run::toString);
    }
}
