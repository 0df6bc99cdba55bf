package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer;
import io.smc.source.flux.TestTar;
import io.smc.testing.GitOpsRepo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FluxSourceCommandTest {
    private static final ResourceType GIT = new ResourceType("source.toolkit.fluxcd.io", "v1", "gitrepositories",
            "GitRepository", true);

    @TempDir
    Path dir;

    private FakeApiServer api;
    private HttpServer artifacts;
    private final AtomicInteger downloads = new AtomicInteger();
    private Path kubeconfig;

    @BeforeEach
    void start() throws Exception {
        GitOpsRepo.at(dir.resolve("repo")).env("svc", "dev", "A=1\nB=2\n");
        byte[] archive = TestTar.ofDirectory(dir.resolve("repo"));
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        artifacts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        artifacts.createContext("/gitrepository/flux-system/apps/", exchange -> {
            try (exchange) {
                downloads.incrementAndGet();
                exchange.sendResponseHeaders(200, archive.length);
                exchange.getResponseBody().write(archive);
            }
        });
        artifacts.start();
        api = FakeApiServer.start();
        api.seed(GIT, """
                {"apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
                 "metadata": {"name": "apps", "namespace": "flux-system", "uid": "4f6c1d2e"},
                 "spec": {"interval": "1m", "url": "https://github.com/example/apps", "ref": {"branch": "main"}},
                 "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "Succeeded",
                   "message": "stored artifact", "lastTransitionTime": "2026-11-28T10:00:00Z"}],
                  "artifact": {"url": "http://127.0.0.1:%d/gitrepository/flux-system/apps/0123abcd.tar.gz",
                   "revision": "main@sha1:0123abcd", "digest": "%s", "size": %d,
                   "lastUpdateTime": "2026-11-28T10:00:00Z"}}}
                """.formatted(artifacts.getAddress().getPort(), digest, archive.length));
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                current-context: fake
                clusters: [{name: fake, cluster: {server: "%s"}}]
                contexts: [{name: fake, context: {cluster: fake, user: me}}]
                users: [{name: me, user: {token: flux-test-token}}]
                """.formatted(api.uri()));
    }

    @AfterEach
    void stop() {
        api.close();
        artifacts.stop(0);
    }

    private CliRun plan(String source) {
        return CliRun.of("plan", "--source", source, "--kubeconfig", kubeconfig.toString(), "--cache-dir",
                dir.resolve("cache").toString(), "--store", "local:" + dir.resolve("store"), "--environment", "dev");
    }

    @Test
    void planAgainstAFluxGitRepositoryShowsTheCreatesAndTheRevision() {
        CliRun run = plan("flux:GitRepository/flux-system/apps");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.out().contains("(revision main@sha1:0123abcd)"), run::toString);
        assertTrue(Pattern.compile("(?m)^create +svc-A ").matcher(run.out()).find(), run::toString);
        assertTrue(Pattern.compile("(?m)^create +svc-B ").matcher(run.out()).find(), run::toString);
        assertFalse(run.all().contains("flux-test-token"), run::toString);
    }

    @Test
    void secondPlanReadsTheCachedRevision() {
        plan("flux:GitRepository/flux-system/apps");
        CliRun again = plan("flux:GitRepository/flux-system/apps");

        assertEquals(2, again.exitCode(), again::toString);
        assertEquals(1, downloads.get());
    }

    @Test
    void missingSourceIsAClearError() {
        CliRun run = plan("flux:GitRepository/flux-system/other");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("GitRepository flux-system/other not found"), run::toString);
    }

    @Test
    void malformedFluxSourceIsAUsageError() {
        CliRun run = plan("flux:Kustomization/flux-system/apps");

        assertTrue(run.err().contains("GitRepository, OCIRepository or Bucket"), run::toString);
    }
    @Test
    void missingArgoCdApplicationIsAClearError() {
        CliRun run = plan("argocd:argocd/payments");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: source not ready: "), run::toString);
        assertTrue(run.err().contains("argocd/payments"), run::toString);
    }

    @Test
    void malformedArgoCdSourceIsAUsageError() {
        CliRun run = plan("argocd:payments");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("argocd:<namespace>/<name>"), run::toString);
    }
}
