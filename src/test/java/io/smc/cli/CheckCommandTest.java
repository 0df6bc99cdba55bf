package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer.AccessRule;
import io.smc.kube.fake.RecordedRequest;
import io.smc.runtime.ControllerPermissions;
import io.smc.runtime.WatchedKinds;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    private static final String REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    @TempDir
    Path dir;

    private ClusterCli cli;

    @BeforeEach
    void start() {
        cli = new ClusterCli(dir);
        cli.api.seed(Preflight.CRDS, (ObjectNode) Preflight.generated());
        cli.api.seed(ResourceType.NAMESPACES, "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": "
                + "{\"name\": \"flux-system\"}}");
        cli.api.seed(Preflight.DEPLOYMENTS, """
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "secret-manager-controller", "namespace": "flux-system"},
                 "spec": {"replicas": 1, "template": {"spec": {"containers": [{"name": "manager",
                   "image": "secret-manager-controller:0.1.0"}]}}},
                 "status": {"replicas": 1, "readyReplicas": 1, "updatedReplicas": 1}}
                """);
        WatchedKinds.SOURCES.stream().filter(kind -> !kind.kind().equals("Application"))
                .forEach(kind -> cli.api.serve(kind.versions().get(0)));
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    private List<RecordedRequest> reviews() {
        return cli.api.requests().stream().filter(r -> r.path().equals(REVIEWS)).toList();
    }

    @Test
    void passesEachCheckOfAHealthyInstall() {
        CliRun run = cli.run("check");

        assertEquals(0, run.exitCode(), run::toString);
        Golden.assertMatches("check.txt", run.out());
        assertEquals(ControllerPermissions.all().size(), reviews().size(), "one review per access the controller "
                + "needs");
        assertEquals("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":"
                + "{\"resourceAttributes\":{\"verb\":\"list\",\"group\":\"secret-management.microscaler.io\","
                + "\"resource\":\"secretmanagerconfigs\"}}}", reviews().get(0).body());
        assertTrue(reviews().stream().anyMatch(r -> r.body().equals("{\"apiVersion\":\"authorization.k8s.io/v1\","
                + "\"kind\":\"SelfSubjectAccessReview\",\"spec\":{\"resourceAttributes\":{\"namespace\":"
                + "\"flux-system\",\"verb\":\"update\",\"group\":\"coordination.k8s.io\",\"resource\":\"leases\"}}}")),
                reviews()::toString);
    }

    @Test
    void aMissingGrantIsAFailedLineAndExitOne() {
        cli.api.accessRules(List.of(new AccessRule("*", "secret-management.microscaler.io", "*", ""),
                new AccessRule("get", "", "secrets", ""), new AccessRule("*", "", "events", ""),
                new AccessRule("*", "coordination.k8s.io", "leases", "flux-system"),
                new AccessRule("*", "source.toolkit.fluxcd.io", "*", ""), new AccessRule("*", "argoproj.io", "*", ""),
                new AccessRule("list", "", "secrets", "argocd")));

        CliRun run = cli.run("check");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(List.of("FAIL  get configmaps in namespace argocd: not allowed (no RBAC rule of the fake allows "
                + "it)"), run.out().lines().filter(line -> line.startsWith("FAIL")).toList());
    }

    @Test
    void aMissingOrOutdatedCrdAndAnUnreadyControllerFail() {
        try (var client = cli.api.client()) {
            client.delete(Preflight.CRDS, null, Preflight.CRD_NAME, io.smc.kube.DeleteOptions.NONE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        ObjectNode outdated = (ObjectNode) Preflight.generated();
        ((ObjectNode) outdated.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema"))
                .put("description", "an older schema");
        CliRun missing = cli.run("check");
        cli.api.seed(Preflight.CRDS, outdated);
        cli.api.seed(Preflight.DEPLOYMENTS, """
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "secret-manager-controller", "namespace": "team-a"},
                 "spec": {"replicas": 1}, "status": {"replicas": 1, "readyReplicas": 0}}
                """);
        CliRun old = cli.run("check", "-n", "team-a");

        assertEquals(1, missing.exitCode(), missing::toString);
        assertTrue(missing.out().contains("FAIL  the SecretManagerConfig CRD is not installed: run "
                + "`secret-manager-controller install`\n"), missing::toString);
        assertTrue(old.out().contains("FAIL  CRD secretmanagerconfigs.secret-management.microscaler.io differs from "
                + "what this version generates: run `secret-manager-controller install` to upgrade it\n"),
                old::toString);
        assertTrue(old.out().contains("FAIL  controller deployment team-a/secret-manager-controller ready 0/1"),
                old::toString);
    }

    @Test
    void preChecksTheServerTheNamespaceAndTheRightToInstall() {
        cli.api.accessRules(List.of(new AccessRule("*", "*", "*", "flux-system"),
                new AccessRule("*", "rbac.authorization.k8s.io", "*", "")));

        CliRun run = cli.run("check", "--pre");

        assertEquals(1, run.exitCode(), run::toString);
        Golden.assertMatches("check-pre.txt", run.out());
    }

    @Test
    void anOldApiServerFails() {
        cli.api.version("v1.24.3");

        CliRun run = cli.run("check", "--pre");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("FAIL  API server reachable, Kubernetes v1.24.3 (1.26 or newer needed)\n"),
                run::toString);
    }

    @Test
    void anUnreachableServerIsOneFailedLine() {
        cli.api.close();

        CliRun run = cli.run("check");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.out().lines().count(), run::toString);
        assertTrue(run.out().startsWith("FAIL  API server not reachable: "), run::toString);
    }
}
