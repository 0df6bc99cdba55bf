package io.smc.source.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ClusterConnection;
import io.smc.kube.CredentialSource;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.http.ClientOptions;
import io.smc.kube.http.HttpKubeClient;
import io.smc.source.SourceNotReadyException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FluxSourcesTest {
    private static final ResourceType GIT_V1 = SourceReference.Kind.GitRepository.type("v1");
    private static final ResourceType GIT_V1BETA2 = SourceReference.Kind.GitRepository.type("v1beta2");
    private static final SourceReference APPS = SourceReference.parse("GitRepository/flux-system/apps");
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private final FakeApiServer server = FakeApiServer.start();
    private final HttpKubeClient client = HttpKubeClient.create(
            new ClusterConnection(server.uri(), null, null, CredentialSource.NONE, "default", "fake API server"),
            ClientOptions.defaults());
    private final FluxSources sources = FluxSources.using(client);

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void readyGitRepositoryGivesItsArtifact() throws Exception {
        server.seed(GIT_V1, FluxObjects.gitRepository("v1", "apps", "uid-1", FluxObjects.ready(),
                FluxObjects.artifact("http://source-controller/a.tar.gz", "main@sha1:abc", DIGEST, 123)));

        FluxArtifact artifact = sources.current(APPS);

        assertEquals(new FluxArtifact("uid-1", "http://source-controller/a.tar.gz", "main@sha1:abc", DIGEST, 123L,
                "2026-11-28T10:00:00Z"), artifact);
    }

    @Test
    void aCachedSourceIsReadWithoutAnApiCall() throws Exception {
        ObjectNode watched = (ObjectNode) new ObjectMapper().readTree(FluxObjects.gitRepository("v1", "apps",
                "uid-1", FluxObjects.ready(), FluxObjects.artifact("http://source-controller/b.tar.gz",
                        "main@sha1:def", DIGEST, 456)));
        FluxSources cached = FluxSources.using(client, ref -> ref.equals(APPS) ? Optional.of(watched)
                : Optional.empty());

        FluxArtifact artifact = cached.current(APPS);

        assertEquals("main@sha1:def", artifact.revision());
        assertEquals(List.of(), server.actions(), "no GET of a source the cache holds");
    }

    @Test
    void aSourceTheCacheDoesNotHoldIsReadFromTheApi() throws Exception {
        server.seed(GIT_V1, FluxObjects.gitRepository("v1", "apps", "uid-1", FluxObjects.ready(),
                FluxObjects.artifact("http://source-controller/a.tar.gz", "main@sha1:abc", DIGEST, 123)));
        FluxSources cached = FluxSources.using(client, ref -> Optional.empty());

        assertEquals("main@sha1:abc", cached.current(APPS).revision());
    }

    @Test
    void notReadySourceIsNotReadyWithItsOwnMessage() {
        server.seed(GIT_V1, FluxObjects.gitRepository("v1", "apps", "uid-1", FluxObjects.condition("Ready",
                "False", "GitOperationFailed", "failed to checkout and determine revision: auth failed"), null));

        SourceNotReadyException e = assertThrows(SourceNotReadyException.class, () -> sources.current(APPS));

        assertTrue(e.getMessage().contains("failed to checkout and determine revision: auth failed"), e.getMessage());
    }

    @Test
    void reconcilingSourceIsNotReadyEvenWithAnOldArtifact() {
        server.seed(GIT_V1, FluxObjects.gitRepository("v1", "apps", "uid-1", FluxObjects.ready() + ","
                + FluxObjects.condition("Reconciling", "True", "Progressing", "building artifact: new revision"),
                FluxObjects.artifact("http://source-controller/a.tar.gz", "main@sha1:abc", DIGEST, 123)));

        SourceNotReadyException e = assertThrows(SourceNotReadyException.class, () -> sources.current(APPS));

        assertTrue(e.getMessage().contains("reconciling: building artifact: new revision"), e.getMessage());
    }

    @Test
    void readySourceWithoutArtifactIsNotReady() {
        server.seed(GIT_V1, FluxObjects.gitRepository("v1", "apps", "uid-1", FluxObjects.ready(), null));

        SourceNotReadyException e = assertThrows(SourceNotReadyException.class, () -> sources.current(APPS));

        assertTrue(e.getMessage().contains("no artifact"), e.getMessage());
    }

    @Test
    void missingSourceIsNotReadyNamingKindNamespaceAndName() {
        SourceNotReadyException e = assertThrows(SourceNotReadyException.class, () -> sources.current(APPS));

        assertEquals("GitRepository flux-system/apps not found", e.getMessage());
    }

    @Test
    void fallsBackToV1beta2AndItsLegacyChecksum() throws Exception {
        server.seed(GIT_V1BETA2, FluxObjects.gitRepository("v1beta2", "apps", "uid-2", FluxObjects.ready(),
                """
                {"url": "http://source-controller/b.tar.gz", "revision": "main/abc", "checksum": "%s"}
                """.formatted("cd".repeat(32))));

        FluxArtifact artifact = sources.current(APPS);

        assertEquals("main/abc", artifact.revision());
        assertEquals("sha256:" + "cd".repeat(32), artifact.digest());
        assertNull(artifact.size());
        assertTrue(server.actions().stream().anyMatch(a -> a.contains("v1beta2")), server.actions()::toString);
    }

    @Test
    void suspendGitPullsPatchesOnlyWhenDifferent() throws Exception {
        server.seed(GIT_V1, FluxObjects.gitRepository("v1", "apps", "uid-1", FluxObjects.ready(), null));
        server.clearRequests();

        assertFalse(sources.suspendGitPulls("flux-system", "apps", false));
        assertTrue(sources.suspendGitPulls("flux-system", "apps", true));
        assertFalse(sources.suspendGitPulls("flux-system", "apps", true));
        assertTrue(sources.suspendGitPulls("flux-system", "apps", false));

        List<String> patches = server.actions().stream().filter(a -> a.toLowerCase().contains("patch")).toList();
        assertEquals(2, patches.size(), server.actions()::toString);
        assertFalse(server.object(GIT_V1, "flux-system", "apps").orElseThrow().path("spec").path("suspend")
                .asBoolean(true));
    }
}
