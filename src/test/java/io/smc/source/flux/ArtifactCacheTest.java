package io.smc.source.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smc.kube.ClusterConnection;
import io.smc.kube.CredentialSource;
import io.smc.kube.KubeApi;
import io.smc.kube.PatchType;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.http.ClientOptions;
import io.smc.kube.http.HttpKubeClient;
import io.smc.source.Artifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactCacheTest {
    private static final ResourceType GIT = SourceReference.Kind.GitRepository.type("v1");
    private static final SourceReference APPS = SourceReference.parse("GitRepository/flux-system/apps");

    @TempDir
    Path dir;

    private final ArtifactServer artifacts = ArtifactServer.start();
    private final FakeApiServer api = FakeApiServer.start();
    private final KubeApi client = HttpKubeClient.create(
            new ClusterConnection(api.uri(), null, null, CredentialSource.NONE, "default", "fake API server"),
            ClientOptions.defaults());
    private final FluxSources sources = FluxSources.using(client);

    @AfterEach
    void stop() {
        artifacts.close();
        api.close();
    }

    private ArtifactCache cache(int keep) {
        return ArtifactCache.create(dir.resolve("cache"), sources, ArtifactDownloader.create(Duration.ofSeconds(5),
                Duration.ofSeconds(20), 1024 * 1024, Map.of()), TarGzUnpacker.create(), keep);
    }

    /** Publishes revision {@code n} of the apps repository, as source-controller does after a new commit. */
    private String publish(int n) throws Exception {
        byte[] archive = TestTar.create().file("svc/profiles/dev/application.secrets.env", "REVISION=" + n + "\n")
                .gzip();
        String path = "/gitrepository/flux-system/apps/" + n + ".tar.gz";
        String url = artifacts.serve(path, archive);
        String artifact = FluxObjects.artifact(url, "main@sha1:" + n, ArtifactServer.sha256(archive),
                archive.length);
        if (api.object(GIT, "flux-system", "apps").isEmpty()) {
            api.seed(GIT, FluxObjects.gitRepository("v1", "apps", "uid-apps", FluxObjects.ready(), artifact));
        } else {
            client.patch(GIT, "flux-system", "apps", PatchType.MERGE,
                    JSON.readTree("{\"status\": {\"artifact\": " + artifact + "}}"), null, false, "status");
        }
        return path;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private List<Path> entries() throws Exception {
        try (Stream<Path> list = Files.list(dir.resolve("cache").resolve("uid-apps"))) {
            return list.toList();
        }
    }

    @Test
    void secondFetchOfARevisionIsACacheHit() throws Exception {
        String path = publish(1);
        ArtifactCache cache = cache(3);

        Artifact first = cache.fetch(APPS);
        Artifact second = cache.fetch(APPS);

        assertEquals(first, second);
        assertEquals("main@sha1:1", first.revision());
        assertEquals("REVISION=1\n", Files.readString(first.root().resolve("svc/profiles/dev/application.secrets.env")));
        assertEquals(1, artifacts.requests(path));
        assertEquals(1, cache.downloads());
        assertEquals(1, cache.cacheHits());
        assertTrue(cache.downloadedBytes() > 0);
    }

    @Test
    void manyConcurrentFetchesOfOneRevisionDownloadOnce() throws Exception {
        String path = publish(1);
        ArtifactCache cache = cache(3);
        artifacts.hold();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Artifact>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> cache.fetch(APPS)));
            }
            while (artifacts.requests(path) == 0) {
                Thread.sleep(10);
            }
            artifacts.open();
            for (Future<Artifact> result : results) {
                assertEquals("main@sha1:1", result.get().revision());
            }
        } finally {
            callers.shutdownNow();
        }

        assertEquals(1, artifacts.requests(path));
        assertEquals(1, cache.downloads());
    }

    @Test
    void keepsOnlyTheNewestRevisions() throws Exception {
        ArtifactCache cache = cache(2);
        List<Artifact> fetched = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            publish(n);
            fetched.add(cache.fetch(APPS));
            // marker times order the entries; make them distinct on coarse file systems
            Files.setLastModifiedTime(fetched.get(n - 1).root().resolveSibling("complete"),
                    java.nio.file.attribute.FileTime.fromMillis(1_000_000L * n));
        }

        assertEquals(2, entries().size());
        assertFalse(Files.exists(fetched.get(0).root()));
        assertFalse(Files.exists(fetched.get(1).root()));
        assertTrue(Files.exists(fetched.get(2).root()));
        assertTrue(Files.exists(fetched.get(3).root()));
    }

    @Test
    void entryWithoutItsCompletionMarkerIsFetchedAgain() throws Exception {
        String path = publish(1);
        Artifact first = cache(3).fetch(APPS);
        Files.delete(first.root().resolveSibling("complete"));
        Files.delete(first.root().resolve("svc/profiles/dev/application.secrets.env"));

        ArtifactCache restarted = cache(3);
        Artifact again = restarted.fetch(APPS);

        assertEquals(2, artifacts.requests(path));
        assertEquals(1, restarted.downloads());
        assertEquals("REVISION=1\n", Files.readString(again.root().resolve("svc/profiles/dev/application.secrets.env")));
    }
}
