package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.testing.Eventually;
import io.smc.runtime.WatchedKinds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetCommandTest {
    @TempDir
    Path dir;

    private ClusterCli cli;

    @BeforeEach
    void start() {
        cli = new ClusterCli(dir);
        ClusterObjects.demo(cli.api);
        ClusterObjects.billing(cli.api);
        ClusterObjects.other(cli.api);
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void listsTheContextNamespacesConfigsAsATable() {
        CliRun run = cli.run("get");

        assertEquals(0, run.exitCode(), run::toString);
        Golden.assertMatches("get-table.txt", run.out());
        assertEquals(List.of("GET /apis/secret-management.microscaler.io/v1beta1/namespaces/apps/secretmanagerconfigs"),
                cli.api.actions());
    }

    @Test
    void listsEveryNamespaceWithANamespaceColumn() {
        CliRun run = cli.run("get", "-A");

        assertEquals(0, run.exitCode(), run::toString);
        Golden.assertMatches("get-all-namespaces.txt", run.out());
    }

    @Test
    void getsOneConfigAsJsonInTheNamespaceGiven() {
        CliRun run = cli.run("get", "demo", "-n", "apps", "--output", "json");

        assertEquals(0, run.exitCode(), run::toString);
        Golden.assertMatches("get-demo.json", run.out());
    }

    @Test
    void listsAsAYamlListOfKindList() {
        CliRun run = cli.run("get", "--namespace=team-b", "--output", "yaml");

        assertEquals(0, run.exitCode(), run::toString);
        Golden.assertMatches("get-team-b.yaml", run.out());
    }

    @Test
    void missingConfigNamesTheObjectAndTheVerb() {
        CliRun run = cli.run("get", "nope");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("error: get: SecretManagerConfig apps/nope not found\n", run.err());
    }

    @Test
    void missingCrdSaysToInstall() {
        cli.api.unserve(WatchedKinds.CONFIGS);

        CliRun run = cli.run("get", "nope");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("error: get: the SecretManagerConfig CRD is not installed: run `secret-manager-controller "
                + "install`\n", run.err());
    }

    @Test
    void emptyNamespaceSaysSoOnStandardError() {
        CliRun run = cli.run("get", "-n", "empty");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertEquals("No SecretManagerConfigs found in this namespace.\n", run.err());
    }

    @Test
    void badOutputAndTwoNamesAreUsageErrors() {
        assertEquals(2, cli.run("get", "--output", "wide").exitCode());
        assertEquals(2, cli.run("get", "a", "b").exitCode());
        assertEquals(2, cli.run("get", "a", "-A").exitCode());
        assertEquals(2, cli.run("get", "-A", "-n", "apps").exitCode());
    }

    @Test
    void watchPrintsALinePerChange() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Terminal terminal = new Terminal(print, print, Map.of());
        Thread watching = new Thread(() -> Main.withAllCommands(cli.clock, d -> { })
                .run(List.of("get", "--watch", "--kubeconfig", cli.kubeconfig.toString()), terminal));
        watching.start();
        try {
            Eventually.await("the two configs of apps listed", () -> out.toString(StandardCharsets.UTF_8)
                    .lines().filter(line -> line.startsWith("ADDED")).count() == 2);
            cli.api.awaitWatches(1);
            cli.api.client().patch(WatchedKinds.CONFIGS, "apps", "billing", io.smc.kube.PatchType.MERGE,
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"spec\":{\"suspend\":false}}"),
                    null, false, null);
            Eventually.await("the change printed", () -> out.toString(StandardCharsets.UTF_8).contains("MODIFIED"));
        } finally {
            watching.interrupt();
            watching.join(10_000);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.contains("MODIFIED  billing  False  DecryptionFailed  -  -  -  false  3d  no key opens "
                + "services/billing/profiles/prod/application.secrets.env"), lines::toString);
        assertTrue(!watching.isAlive(), "the watch ends when interrupted");
    }
}
