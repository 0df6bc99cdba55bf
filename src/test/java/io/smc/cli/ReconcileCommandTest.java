package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.RecordedRequest;
import io.smc.runtime.WatchedKinds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileCommandTest {
    private static final String CONFIG = "/apis/secret-management.microscaler.io/v1beta1/namespaces/apps/"
            + "secretmanagerconfigs/demo";
    /** The clock's now, as the request's value. */
    private static final String REQUEST = "2026-12-01T12:00:00Z";

    @TempDir
    Path dir;

    private ClusterCli cli;

    @BeforeEach
    void start() {
        cli = new ClusterCli(dir);
        ClusterObjects.demo(cli.api);
        ClusterObjects.billing(cli.api);
        ClusterObjects.gitRepository(cli.api);
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    /** What the controller does with a request: records it as handled, with the outcome as the Ready condition. */
    private void controllerHandles(ResourceType type, String namespace, String name, String status, String reason,
            String message) {
        ObjectNode object = cli.api.object(type, namespace, name).orElseThrow();
        String requested = object.path("metadata").path("annotations").path(
                type.equals(WatchedKinds.CONFIGS) ? "secret-management.microscaler.io/reconcile"
                        : "reconcile.fluxcd.io/requestedAt").asText(null);
        if (requested == null) {
            return;
        }
        try (var client = cli.api.client()) {
            client.patch(type, namespace, name, io.smc.kube.PatchType.MERGE, new ObjectMapper().readTree("""
                    {"status": {"lastHandledReconcileAt": "%s", "conditions": [{"type": "Ready", "status": "%s",
                      "reason": "%s", "message": "%s", "lastTransitionTime": "2026-12-01T12:00:04Z"}]}}
                    """.formatted(requested, status, reason, message)), null, false, "status");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<RecordedRequest> patches() {
        // The test's stand-in for the controller writes the status; the command's own patches are the rest.
        return cli.api.requests().stream().filter(r -> r.method().equals("PATCH") && !r.path().endsWith("/status"))
                .toList();
    }

    @Test
    void setsTheAnnotationThenWaitsUntilTheControllerHandledItAndIsReady() {
        AtomicInteger polls = new AtomicInteger();
        cli.onSleep(() -> {
            if (polls.incrementAndGet() == 3) {
                controllerHandles(WatchedKinds.CONFIGS, "apps", "demo", "True", "ReconciliationSucceeded",
                        "Synced 2 secrets at revision main@sha1:4567cdef");
            }
        });

        CliRun run = cli.run("reconcile", "demo");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("reconciled apps/demo: Synced 2 secrets at revision main@sha1:4567cdef\n", run.out());
        assertEquals(1, patches().size(), patches()::toString);
        assertEquals("PATCH " + CONFIG, patches().get(0).action());
        assertEquals("{\"metadata\":{\"annotations\":{\"secret-management.microscaler.io/reconcile\":\"" + REQUEST
                + "\"}}}", patches().get(0).body());
        assertEquals("application/merge-patch+json", patches().get(0).header("Content-Type").orElseThrow());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)), cli.sleeps);
    }

    @Test
    void aFailedReconcileExitsOneWithTheReason() {
        cli.onSleep(() -> controllerHandles(WatchedKinds.CONFIGS, "apps", "demo", "False", "ProviderError",
                "PERMISSION_DENIED on projects/demo-project"));

        CliRun run = cli.run("reconcile", "demo");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("reconcile of apps/demo failed: ProviderError: PERMISSION_DENIED on projects/demo-project\n",
                run.out());
    }

    @Test
    void timesOutWith124WhenNoControllerHandlesTheRequest() {
        CliRun run = cli.run("reconcile", "demo", "--timeout", "10s");

        assertEquals(124, run.exitCode(), run::toString);
        assertTrue(run.err().contains("error: reconcile SecretManagerConfig apps/demo: the controller did not handle "
                + "the request within 10s"), run::toString);
        assertEquals(5, cli.sleeps.size(), "a poll every 2s for 10s of the fake clock");
    }

    @Test
    void anOldHandledValueIsNotTakenForTheNewRequest() {
        controllerHandles(WatchedKinds.CONFIGS, "apps", "demo", "True", "ReconciliationSucceeded", "old");

        CliRun run = cli.run("reconcile", "demo", "--timeout", "4s");

        assertEquals(124, run.exitCode(), run::toString);
    }

    @Test
    void withSourceAnnotatesTheGitRepositoryAndWaitsForItFirst() {
        cli.onSleep(() -> {
            controllerHandles(ClusterObjects.GIT, "flux-system", "apps", "True", "Succeeded", "stored artifact");
            controllerHandles(WatchedKinds.CONFIGS, "apps", "demo", "True", "ReconciliationSucceeded", "Synced");
        });

        CliRun run = cli.run("reconcile", "demo", "--with-source", "--force");

        assertEquals(0, run.exitCode(), run::toString);
        List<RecordedRequest> patches = patches();
        assertEquals(List.of("PATCH /apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/apps",
                "PATCH " + CONFIG), patches.stream().map(RecordedRequest::action).toList());
        assertEquals("{\"metadata\":{\"annotations\":{\"reconcile.fluxcd.io/requestedAt\":\"" + REQUEST + "\"}}}",
                patches.get(0).body());
        assertTrue(run.err().contains("GitRepository flux-system/apps: True Succeeded: stored artifact"),
                run::toString);
    }

    @Test
    void withSourceTimesOutWith124WhenTheSourceIsNotHandledAndLeavesTheConfigAlone() {
        CliRun run = cli.run("reconcile", "demo", "--with-source", "--timeout", "6s");

        assertEquals(124, run.exitCode(), run::toString);
        assertTrue(run.err().contains("GitRepository flux-system/apps did not handle the request within 6s"),
                run::toString);
        assertEquals(List.of("PATCH /apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/apps"),
                patches().stream().map(RecordedRequest::action).toList());
    }

    @Test
    void refusesASuspendedConfigWithoutPatchingIt() {
        CliRun run = cli.run("reconcile", "billing", "--force");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("error: reconcile SecretManagerConfig apps/billing: it is suspended; `secret-manager-controller "
                + "resume billing` reconciles it\n", run.err());
        assertEquals(List.of(), patches());
    }

    @Test
    void badTimeoutIsAUsageError() {
        assertEquals(2, cli.run("reconcile", "demo", "--timeout", "soon").exitCode());
        assertEquals(2, cli.run("reconcile").exitCode());
    }

    @Test
    void suspendPatchesTheSpecAndSaysWhatChanged() {
        CliRun run = cli.run("suspend", "demo");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("SecretManagerConfig apps/demo: spec.suspend false → true\n", run.out());
        assertEquals("{\"spec\":{\"suspend\":true}}", patches().get(0).body());
        assertEquals(true, cli.api.object(WatchedKinds.CONFIGS, "apps", "demo").orElseThrow().path("spec")
                .path("suspend").asBoolean());
    }

    @Test
    void suspendingASuspendedConfigChangesNothing() {
        CliRun run = cli.run("suspend", "billing");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("SecretManagerConfig apps/billing: spec.suspend is already true, nothing changed\n", run.out());
        assertEquals(List.of(), patches());
    }

    @Test
    void resumeClearsTheSuspendAndRequestsAReconcileInOnePatchThenWaits() {
        cli.onSleep(() -> controllerHandles(WatchedKinds.CONFIGS, "apps", "billing", "True",
                "ReconciliationSucceeded", "Synced 4 secrets at revision v1.2.0"));

        CliRun run = cli.run("resume", "billing");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("{\"metadata\":{\"annotations\":{\"secret-management.microscaler.io/reconcile\":\"" + REQUEST
                + "\"}},\"spec\":{\"suspend\":false}}", patches().get(0).body());
        assertEquals("SecretManagerConfig apps/billing: spec.suspend true → false\n"
                + "reconciled apps/billing: Synced 4 secrets at revision v1.2.0\n", run.out());
    }

    @Test
    void resumeTimesOutWith124() {
        assertEquals(124, cli.run("resume", "billing", "--timeout", "2s").exitCode());
    }

    @Test
    void gitPullsAreSuspendedAndResumedThroughTheirOwnField() {
        CliRun suspend = cli.run("suspend-git-pulls", "demo");
        CliRun resume = cli.run("resume-git-pulls", "demo");

        assertEquals(0, suspend.exitCode(), suspend::toString);
        assertEquals(0, resume.exitCode(), resume::toString);
        assertEquals(List.of("{\"spec\":{\"suspendGitPulls\":true}}", "{\"spec\":{\"suspendGitPulls\":false}}"),
                patches().stream().map(RecordedRequest::body).toList());
        assertEquals("SecretManagerConfig apps/demo: spec.suspendGitPulls true → false\n", resume.out());
    }

    @Test
    void forbiddenPatchNamesTheVerbAndTheObject() {
        cli.api.failNext(1, io.smc.kube.fake.Failure.forbidden("secretmanagerconfigs.secret-management.microscaler.io "
                + "\"demo\" is forbidden: User \"dev\" cannot patch resource"), r -> r.method().equals("PATCH"));

        CliRun run = cli.run("suspend", "demo");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: suspend SecretManagerConfig apps/demo: "), run::toString);
        assertTrue(run.err().contains("cannot patch"), run::toString);
    }
}
