package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeCommandTest {
    @TempDir
    Path dir;

    private ClusterCli cli;

    @BeforeEach
    void start() {
        cli = new ClusterCli(dir);
        ClusterObjects.demo(cli.api);
        ClusterObjects.billing(cli.api);
        ClusterObjects.gitRepository(cli.api);
        ClusterObjects.events(cli.api);
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void describesSpecConditionsInventorySourceAndTheObjectsOwnEvents() {
        CliRun run = cli.run("describe", "demo");

        assertEquals(0, run.exitCode(), run::toString);
        Golden.assertMatches("describe-demo.txt", run.out());
        assertTrue(cli.api.actions().contains("GET /api/v1/namespaces/apps/events?fieldSelector=involvedObject.kind"
                + "%3DSecretManagerConfig%2CinvolvedObject.name%3Ddemo%2CinvolvedObject.namespace%3Dapps"
                + "%2CinvolvedObject.uid%3D9d1c-demo"), cli.api.actions()::toString);
    }

    @Test
    void aMissingSourceIsShownNotFatal() {
        CliRun run = cli.run("describe", "billing");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Source Application argocd/billing:\n  <not found>\n"), run::toString);
        assertTrue(run.out().contains("DecryptionFailed"), run::toString);
    }

    @Test
    void anArgoCdSourceShowsItsHealthAndSyncedRevision() {
        cli.api.seed(new io.smc.kube.ResourceType("argoproj.io", "v1alpha1", "applications", "Application", true), """
                {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
                 "metadata": {"name": "billing", "namespace": "argocd"},
                 "spec": {"source": {"repoURL": "https://github.com/example/billing", "targetRevision": "v1.2.0"}},
                 "status": {"sync": {"status": "Synced", "revision": "3f2e0dbe"}, "health": {"status": "Healthy"}}}
                """);

        CliRun run = cli.run("describe", "billing");

        assertTrue(run.out().contains("Source Application argocd/billing:\n"
                + "  Ready:                <no Ready condition>\n"
                + "  Revision:             3f2e0dbe\n"
                + "  Health:               Healthy\n"), run::toString);
    }

    @Test
    void needsExactlyOneName() {
        CliRun run = cli.run("describe");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("describe takes one NAME"), run::toString);
    }
}
