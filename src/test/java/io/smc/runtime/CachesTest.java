package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.PatchType;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.http.HttpKubeClient;
import io.smc.kube.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The controller's caches against the fake API server over HTTP: what is watched, what is queued, what is kept. */
class CachesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceType GIT_REPOSITORIES = WatchedKinds.SOURCES.get(0).versions().get(0);
    private static final ResourceType BUCKETS_V1BETA2 = WatchedKinds.SOURCES.get(2).versions().get(1);

    private final FakeApiServer server = FakeApiServer.start();
    private final HttpKubeClient client = server.client();
    private final List<String> queued = Collections.synchronizedList(new ArrayList<>());
    private Caches caches;

    @AfterEach
    void stop() {
        if (caches != null) {
            caches.stop();
        }
        client.close();
        server.close();
    }

    private Caches start(List<String> namespaces, String selector, Duration rediscovery) {
        caches = new Caches(client, namespaces, selector, queued::add, rediscovery,
                builder -> builder.backoff(Duration.ofMillis(10), Duration.ofMillis(100)));
        caches.start();
        Eventually.await("the caches to sync", caches::synced, () -> server.actions().toString());
        return caches;
    }

    private ObjectNode config(String namespace, String name, String source, String... labels) {
        ObjectNode config = JSON.createObjectNode().put("apiVersion", WatchedKinds.CONFIGS.apiVersion())
                .put("kind", "SecretManagerConfig");
        ObjectNode metadata = config.putObject("metadata").put("namespace", namespace).put("name", name);
        for (int i = 0; i < labels.length; i += 2) {
            metadata.withObjectProperty("labels").put(labels[i], labels[i + 1]);
        }
        metadata.putArray("managedFields").addObject().put("manager", "kubectl");
        config.putObject("spec").putObject("sourceRef").put("name", source);
        return server.seed(WatchedKinds.CONFIGS, config);
    }

    private ObjectNode gitRepository(String namespace, String name, String revision) {
        ObjectNode source = JSON.createObjectNode().put("apiVersion", GIT_REPOSITORIES.apiVersion())
                .put("kind", "GitRepository");
        source.putObject("metadata").put("namespace", namespace).put("name", name);
        source.putObject("spec").put("url", "https://example.com/" + name + ".git");
        source.putObject("status").putObject("artifact").put("revision", revision);
        return server.seed(GIT_REPOSITORIES, source);
    }

    private void awaitQueued(String key, int times) {
        Eventually.await(key + " queued " + times + " times",
                () -> queued.stream().filter(key::equals).count() >= times, queued::toString);
    }

    @Test
    void startsWithoutFluxOrArgoCdAndIsReadyOnceTheConfigsAreListed() {
        config("team-a", "app", "repo");
        start(List.of(), null, Duration.ofMinutes(3));
        assertEquals(List.of(), caches.watchedSourceKinds());
        awaitQueued("team-a/app", 1);
        assertTrue(caches.config("team-a", "app").isPresent());
        assertEquals(List.of(), caches.deadInformers());
    }

    @Test
    void cachesConfigsWithoutManagedFieldsAndSourcesWithoutTheirSpec() {
        server.serve(GIT_REPOSITORIES);
        config("team-a", "app", "repo");
        gitRepository("team-a", "repo", "main@sha1:1");
        start(List.of(), null, Duration.ofMinutes(3));
        assertFalse(caches.config("team-a", "app").orElseThrow().path("metadata").has("managedFields"));
        assertEquals(List.of("GitRepository"), caches.watchedSourceKinds());
    }

    @Test
    void aNewRevisionQueuesEveryConfigReadingTheSourceAndNoOther() throws Exception {
        server.serve(GIT_REPOSITORIES);
        config("team-a", "one", "repo");
        config("team-a", "two", "repo");
        config("team-a", "other", "elsewhere");
        gitRepository("team-a", "repo", "main@sha1:1");
        start(List.of(), null, Duration.ofMinutes(3));
        awaitQueued("team-a/one", 2); // its own add, and the source's
        queued.clear();

        ObjectNode patch = JSON.createObjectNode();
        patch.putObject("status").putObject("artifact").put("revision", "main@sha1:2");
        client.patch(GIT_REPOSITORIES, "team-a", "repo", PatchType.MERGE, patch, null, false, "status");
        awaitQueued("team-a/one", 1);
        awaitQueued("team-a/two", 1);
        assertFalse(queued.contains("team-a/other"), queued.toString());
    }

    @Test
    void aWatchedSourceIsReadFromTheCacheTrimmedAndCurrentAsOfItsEvent() throws Exception {
        server.serve(GIT_REPOSITORIES);
        config("team-a", "app", "repo");
        gitRepository("team-a", "repo", "main@sha1:1");
        start(List.of(), null, Duration.ofMinutes(3));
        ObjectNode cached = caches.source("GitRepository", "team-a", "repo").orElseThrow();
        assertEquals("main@sha1:1", cached.path("status").path("artifact").path("revision").asText());
        assertFalse(cached.has("spec"), "a source is cached without its spec");

        queued.clear();
        ObjectNode patch = JSON.createObjectNode();
        patch.putObject("status").putObject("artifact").put("revision", "main@sha1:2");
        client.patch(GIT_REPOSITORIES, "team-a", "repo", PatchType.MERGE, patch, null, false, "status");
        awaitQueued("team-a/app", 1);
        assertEquals("main@sha1:2", caches.source("GitRepository", "team-a", "repo").orElseThrow()
                .path("status").path("artifact").path("revision").asText(), "the reconcile queued sees the new one");
    }

    @Test
    void aSourceTheCacheCannotTellAboutIsLeftToTheApi() {
        server.serve(GIT_REPOSITORIES);
        config("team-a", "app", "repo");
        gitRepository("team-b", "repo", "main@sha1:1");
        start(List.of("team-a"), null, Duration.ofMinutes(3));
        assertTrue(caches.source("GitRepository", "team-b", "repo").isEmpty(), "outside the namespaces watched");
        assertTrue(caches.source("GitRepository", "team-a", "missing").isEmpty(), "not seen");
        assertTrue(caches.source("Bucket", "team-a", "repo").isEmpty(), "a kind not served");
    }

    @Test
    void theConfigsOwnStatusWritesAreNotQueued() throws Exception {
        config("team-a", "app", "repo");
        start(List.of(), null, Duration.ofMinutes(3));
        awaitQueued("team-a/app", 1);
        ObjectNode status = JSON.createObjectNode();
        status.putObject("status").put("observedGeneration", 1);
        client.patch(WatchedKinds.CONFIGS, "team-a", "app", PatchType.MERGE, status, null, false, "status");
        ObjectNode spec = JSON.createObjectNode();
        spec.putObject("spec").put("suspend", true);
        client.patch(WatchedKinds.CONFIGS, "team-a", "app", PatchType.MERGE, spec, null, false, null);
        awaitQueued("team-a/app", 2);
        assertEquals(List.of("team-a/app", "team-a/app"), List.copyOf(queued), "the status write is not queued");
    }

    @Test
    void watchesOnlyTheNamespacesAndShardGiven() {
        config("team-a", "mine", "repo", "shard", "1");
        config("team-a", "theirs", "repo", "shard", "2");
        config("team-b", "mine", "repo", "shard", "1");
        config("team-c", "mine", "repo", "shard", "1");
        start(List.of("team-a", "team-b"), "shard=1", Duration.ofMinutes(3));
        awaitQueued("team-b/mine", 1);
        assertEquals(List.of("team-a/mine", "team-b/mine"), caches.configKeys().stream().sorted().toList());
        assertTrue(caches.config("team-c", "mine").isEmpty());
        assertTrue(server.actions().stream().noneMatch(action -> action.contains("/secrets")),
                "no Secret is listed or watched: " + server.actions());
    }

    @Test
    void aSourceKindInstalledLaterIsWatchedWithoutARestartAtTheVersionServed() throws Exception {
        config("team-a", "app", "b");
        start(List.of(), null, Duration.ofMillis(50));
        assertEquals(List.of(), caches.watchedSourceKinds());

        server.serve(BUCKETS_V1BETA2);
        ObjectNode bucket = JSON.createObjectNode().put("apiVersion", BUCKETS_V1BETA2.apiVersion())
                .put("kind", "Bucket");
        bucket.putObject("metadata").put("namespace", "team-a").put("name", "b");
        bucket.putObject("status").putObject("artifact").put("revision", "etag:1");
        server.seed(BUCKETS_V1BETA2, bucket);
        ObjectNode config = caches.config("team-a", "app").orElseThrow().deepCopy();
        config.withObjectProperty("spec").withObjectProperty("sourceRef").put("kind", "Bucket");
        client.update(WatchedKinds.CONFIGS, "team-a", config);

        Eventually.await("the Bucket informer", () -> caches.watchedSourceKinds().contains("Bucket"));
        Eventually.await("the Bucket list at v1beta2", () -> server.actions().stream().anyMatch(a -> a.startsWith(
                "GET /apis/source.toolkit.fluxcd.io/v1beta2/buckets?")), () -> server.actions().toString());
        Eventually.await("the Bucket cache", caches::synced);
        queued.clear();
        ObjectNode patch = JSON.createObjectNode();
        patch.putObject("status").putObject("artifact").put("revision", "etag:2");
        client.patch(BUCKETS_V1BETA2, "team-a", "b", PatchType.MERGE, patch, null, false, "status");
        awaitQueued("team-a/app", 1);
    }
}
