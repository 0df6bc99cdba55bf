package io.smc.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.DeleteOptions;
import io.smc.kube.PatchType;
import io.smc.kube.ResourceType;
import io.smc.kube.events.EventRecorder;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.FakeApiServerMain;
import io.smc.kube.fake.RecordedRequest;
import io.smc.kube.http.HttpKubeClient;
import io.smc.metrics.MetricsRegistry;
import io.smc.plan.KnownValues;
import io.smc.provider.LatestVersion;
import io.smc.provider.NewSecret;
import io.smc.provider.SecretStore;
import io.smc.provider.StoreException;
import io.smc.provider.StoredSecret;
import io.smc.provider.local.LocalSecretStore;
import io.smc.runtime.Result;
import io.smc.secrets.SecretValue;
import io.smc.runtime.TerminalException;
import io.smc.runtime.WatchedKinds;
import io.smc.source.argocd.ArgoApplications;
import io.smc.source.argocd.ArgoCdSource;
import io.smc.source.argocd.GitFetcher;
import io.smc.source.argocd.RepositoryCredentials;
import io.smc.source.argocd.TestRepo;
import io.smc.source.flux.ArtifactCache;
import io.smc.source.flux.ArtifactDownloader;
import io.smc.source.flux.ArtifactServer;
import io.smc.source.flux.FluxObjects;
import io.smc.source.flux.FluxSources;
import io.smc.source.flux.TarGzUnpacker;
import io.smc.source.flux.TestTar;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler against the fake API server over HTTP, real artifacts over loopback HTTP and the local store, as
 * sample-controller's tests do: given the objects, assert the API actions, the store's secrets, the status and the
 * events.
 */
class ConfigReconcilerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceType GIT = new ResourceType("source.toolkit.fluxcd.io", "v1", "gitrepositories",
            "GitRepository", true);
    private static final Path SOPS = Path.of("src/test/resources/sops");

    @TempDir
    Path dir;

    private final FakeApiServer server = FakeApiServer.start();
    private final ArtifactServer artifacts = ArtifactServer.start();
    private final HttpKubeClient client = server.client();
    private ConfigReconciler reconciler;
    private MetricsRegistry metrics = new MetricsRegistry();
    /** The local store by default; a test may put a failing one in before the first reconcile. */
    private ConfigStores stores = (config, namespace) -> {
        LocalSecretStore store = LocalSecretStore.open(dir.resolve("store"), LocalSecretStore.Mode.WRITE);
        return new ConfigStores.Opened(store, 1, store);
    };

    @AfterEach
    void stop() {
        artifacts.close();
        client.close();
        server.close();
    }

    private ConfigReconciler reconciler() {
        if (reconciler == null) {
            FluxSources flux = FluxSources.using(client);
            ArtifactCache cache = ArtifactCache.create(dir.resolve("cache"), flux, ArtifactDownloader.create(
                    Duration.ofSeconds(5), Duration.ofSeconds(20), 1024 * 1024, Map.of()), TarGzUnpacker.create(), 3);
            ArgoCdSource argo = new ArgoCdSource(new ArgoApplications(client), new RepositoryCredentials(client,
                    "argocd", null, false), new GitFetcher(dir.resolve("argocd"), TestRepo.runner(),
                    GitFetcher.DEFAULT_KEEP));
            ClusterSources sources = new ClusterSources(flux, () -> cache, () -> argo);
            reconciler = new ConfigReconciler((namespace, name) -> server.object(WatchedKinds.CONFIGS, namespace,
                    name), client, sources, (config, namespace) -> stores.open(config, namespace), new DecryptionKeys(client, null),
                    new KnownValues(Clock.systemUTC()), new EventRecorder(client, "secret-manager-controller",
                            "test", Runnable::run, Clock.systemUTC(), line -> { }),
                    new StatusWriter(client, Clock.systemUTC(), new RegisteredConfigMetrics(metrics)));
        }
        return reconciler;
    }

    /** Publishes revision {@code n} of the repository as source-controller does: a real .tar.gz over HTTP. */
    private void publish(int n, TestTar tar) throws Exception {
        byte[] archive = tar.gzip();
        String url = artifacts.serve("/gitrepository/team-a/apps/" + n + ".tar.gz", archive);
        String artifact = FluxObjects.artifact(url, "main@sha1:" + n, ArtifactServer.sha256(archive),
                archive.length);
        if (server.object(GIT, "team-a", "apps").isEmpty()) {
            ObjectNode source = (ObjectNode) JSON.readTree(FluxObjects.gitRepository("v1", "apps", "uid-apps",
                    FluxObjects.ready(), artifact));
            source.withObjectProperty("metadata").put("namespace", "team-a");
            server.seed(GIT, source);
        } else {
            client.patch(GIT, "team-a", "apps", PatchType.MERGE, JSON.readTree("{\"status\": {\"artifact\": "
                    + artifact + "}}"), null, false, "status");
        }
    }

    private static TestTar env(String content) {
        return TestTar.create().file("svc/deployment-configuration/profiles/dev/application.secrets.env", content);
    }

    private ObjectNode config(String name) {
        return server.seed(WatchedKinds.CONFIGS, FakeApiServerMain.config("team-a", name));
    }

    private Result reconcile(String name) throws Exception {
        return reconciler().reconcile("team-a", name);
    }

    private JsonNode ready(String name) {
        for (JsonNode condition : server.object(WatchedKinds.CONFIGS, "team-a", name).orElseThrow().path("status")
                .path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition;
            }
        }
        throw new AssertionError("no Ready condition on " + name);
    }

    /** The config's Ready series as served: status → value, e.g. {True=1, False=0, Unknown=0}; empty when none. */
    private Map<String, String> readySeries(String name) throws Exception {
        StringBuilder text = new StringBuilder();
        metrics.writeText(text);
        String prefix = "secret_manager_config_condition{namespace=\"team-a\",name=\"" + name
                + "\",type=\"Ready\",status=\"";
        Map<String, String> series = new java.util.TreeMap<>();
        text.toString().lines().filter(line -> line.startsWith(prefix)).forEach(line -> series.put(
                line.substring(prefix.length(), line.indexOf('"', prefix.length())),
                line.substring(line.lastIndexOf(' ') + 1)));
        return series;
    }

    private Map<String, StoredSecret> store() throws Exception {
        if (!Files.exists(dir.resolve("store"))) {
            return Map.of();
        }
        try (LocalSecretStore store = LocalSecretStore.open(dir.resolve("store"), LocalSecretStore.Mode.READ)) {
            return store.list();
        }
    }

    /** Runs ahead of a store call, by method name and arguments: to write it down, or to fail it. */
    @FunctionalInterface
    private interface BeforeCall {
        void before(String method, Object[] args) throws Exception;
    }

    /** From now on, every store the reconciler opens runs {@code before} ahead of each call. */
    private void intercept(BeforeCall before) {
        ConfigStores local = stores;
        stores = (config, namespace) -> {
            ConfigStores.Opened opened = local.open(config, namespace);
            SecretStore store = opened.store();
            SecretStore intercepted = (SecretStore) Proxy.newProxyInstance(SecretStore.class.getClassLoader(),
                    new Class<?>[] {SecretStore.class}, (proxy, method, args) -> {
                        before.before(method.getName(), args);
                        try {
                            return method.invoke(store, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            return new ConfigStores.Opened(intercepted, opened.parallelism(), opened.lease());
        };
    }

    /** Writes down every store call but {@code id()}, by method name. */
    private static BeforeCall recording(List<String> calls) {
        return (method, args) -> {
            if (!method.equals("id")) {
                calls.add(method);
            }
        };
    }

    private int versions(String name) throws Exception {
        try (LocalSecretStore store = LocalSecretStore.open(dir.resolve("store"), LocalSecretStore.Mode.READ)) {
            return store.versions(name).size();
        }
    }

    private List<String> actions(String method, String pathPart) {
        return server.requests().stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart))
                .map(RecordedRequest::action).toList();
    }

    private List<JsonNode> events() {
        return server.objects(ResourceType.EVENTS, "team-a").stream().map(JsonNode.class::cast).toList();
    }

    @Test
    void aNewConfigGetsItsFinalizerItsSecretsPublishedAReadyStatusAndOneSummaryEvent() throws Exception {
        publish(1, env("DB_PASSWORD=one\nAPI_KEY=two\n"));
        config("app");

        Result result = reconcile("app");

        assertEquals(Result.Kind.REQUEUE_AFTER, result.kind());
        assertTrue(result.delay().compareTo(Duration.ofSeconds(270)) >= 0
                && result.delay().compareTo(Duration.ofSeconds(330)) <= 0, "5m ± 10 %: " + result);
        assertEquals(List.of("svc-API_KEY", "svc-DB_PASSWORD"), store().keySet().stream().sorted().toList());
        ObjectNode stored = server.object(WatchedKinds.CONFIGS, "team-a", "app").orElseThrow();
        assertEquals(ConfigReconciler.FINALIZER, stored.path("metadata").path("finalizers").path(0).asText());
        JsonNode ready = ready("app");
        assertEquals("True", ready.path("status").asText());
        assertEquals("ReconciliationSucceeded", ready.path("reason").asText());
        assertEquals("Synced 2 secrets at revision main@sha1:1", ready.path("message").asText());
        assertEquals("main@sha1:1", stored.path("status").path("lastAppliedRevision").asText());
        assertEquals(2, stored.path("status").path("inventory").size());
        assertEquals(1, events().size(), events().toString());
        assertEquals("SecretCreated", events().get(0).path("reason").asText());
        assertEquals("2 create at revision main@sha1:1", events().get(0).path("message").asText());
        JsonNode inventory = stored.path("status").path("inventory");
        assertEquals("svc-API_KEY", inventory.path(0).path("name").asText());
        assertEquals(1, inventory.path(0).path("version").asLong());
        assertEquals("ENABLED", inventory.path(0).path("state").asText());
    }

    @Test
    void anUnchangedResyncWritesNoStatusNoEventAndNoSecret() throws Exception {
        publish(1, env("DB_PASSWORD=one\n"));
        config("app");
        reconcile("app");
        server.clearRequests();
        List<String> calls = new ArrayList<>();
        intercept(recording(calls));

        reconcile("app");

        assertEquals(List.of(), actions("PATCH", "/status"), "no status write");
        assertEquals(List.of(), actions("POST", "/events"), "no event");
        assertEquals(List.of(), calls, "no call to the store but its id");
    }

    @Test
    void aNewRevisionAddsVersionsOnlyForTheChangedSecrets() throws Exception {
        publish(1, env("DB_PASSWORD=one\nAPI_KEY=two\n"));
        config("app");
        reconcile("app");

        publish(2, env("DB_PASSWORD=changed\nAPI_KEY=two\n"));
        reconcile("app");

        assertEquals(2, versions("svc-DB_PASSWORD"));
        assertEquals(1, versions("svc-API_KEY"));
        assertEquals("Synced 2 secrets at revision main@sha1:2", ready("app").path("message").asText());
    }

    @Test
    void aSourceThatIsNotReadyWaitsAndWritesNothing() throws Exception {
        config("app");

        Result result = reconcile("app");

        assertEquals(Result.after(ConfigReconciler.SOURCE_WAIT), result);
        JsonNode ready = ready("app");
        assertEquals("False", ready.path("status").asText());
        assertEquals("SourceNotReady", ready.path("reason").asText());
        assertTrue(ready.path("message").asText().contains("not found"), ready.toString());
        assertEquals(Map.of(), store());
    }

    @Test
    void aTamperedArtifactIsArtifactFailedThenRecovers() throws Exception {
        publish(1, env("DB_PASSWORD=one\n"));
        config("app");
        artifacts.failNext(ArtifactServer.Fault.TRUNCATED);

        assertEquals(Result.retry(), reconcile("app"));
        assertEquals("ArtifactFailed", ready("app").path("reason").asText());
        assertEquals(Map.of(), store());

        reconcile("app");
        assertEquals("True", ready("app").path("status").asText());
        List<String> reasons = events().stream().map(e -> e.path("reason").asText()).toList();
        assertTrue(reasons.contains("ReconciliationSucceeded"), "recovery is an event: " + reasons);
    }

    @Test
    void anInvalidConfigIsStalledAndNotRetried() throws Exception {
        ObjectNode invalid = FakeApiServerMain.config("team-a", "app");
        invalid.withObjectProperty("spec").put("reconcileInterval", "10s");
        server.seed(WatchedKinds.CONFIGS, invalid);

        TerminalException error = assertThrows(TerminalException.class, () -> reconcile("app"));

        assertTrue(error.getMessage().contains("spec.reconcileInterval"), error.getMessage());
        assertEquals("ValidationFailed", ready("app").path("reason").asText());
        JsonNode conditions = server.object(WatchedKinds.CONFIGS, "team-a", "app").orElseThrow().path("status")
                .path("conditions");
        assertTrue(conditions.toString().contains("\"type\":\"Stalled\""), conditions.toString());
    }

    @Test
    void aFileNoKeyOpensIsDecryptionFailedAndNothingIsPublished() throws Exception {
        byte[] encrypted = Files.readAllBytes(SOPS.resolve("age/secrets.env"));
        publish(1, TestTar.create().file("svc/deployment-configuration/profiles/dev/application.secrets.env", encrypted)
                .file("other/deployment-configuration/profiles/dev/application.secrets.env", "PLAIN=value\n"));
        config("app");

        Result result = reconcile("app");

        assertEquals(Result.after(ConfigReconciler.BUILD_RETRY), result, "the keys are read again soon");
        JsonNode ready = ready("app");
        assertEquals("DecryptionFailed", ready.path("reason").asText());
        assertTrue(ready.path("message").asText().contains("application.secrets.env"), ready.toString());
        assertEquals(Map.of(), store(), "not even the plain file's secret is published");

        // The keys arrive and the config names them: the next reconcile publishes.
        ObjectNode keys = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        keys.putObject("metadata").put("namespace", "team-a").put("name", "sops-keys");
        keys.putObject("data").put("identity.agekey", Base64.getEncoder().encodeToString(
                Files.readAllBytes(SOPS.resolve("keys/test.agekey"))));
        server.seed(ResourceType.SECRETS, keys);
        ObjectNode config = server.object(WatchedKinds.CONFIGS, "team-a", "app").orElseThrow();
        config.withObjectProperty("spec").putObject("decryption").putObject("secretRef").put("name", "sops-keys");
        client.update(WatchedKinds.CONFIGS, "team-a", config);
        reconcile("app");
        assertEquals("True", ready("app").path("status").asText());
        assertTrue(store().containsKey("other-PLAIN"), store().keySet().toString());
    }

    @Test
    void aSuspendedConfigSaysSoAndDoesNothingElse() throws Exception {
        publish(1, env("DB_PASSWORD=one\n"));
        ObjectNode config = FakeApiServerMain.config("team-a", "app");
        config.withObjectProperty("spec").put("suspend", true);
        server.seed(WatchedKinds.CONFIGS, config);

        assertEquals(Result.done(), reconcile("app"));
        assertEquals("Suspended", ready("app").path("reason").asText());
        assertEquals(Map.of(), store());
    }

    @Test
    void deletionWithRetainKeepsTheSecretsAndLetsTheConfigGo() throws Exception {
        publish(1, env("DB_PASSWORD=one\n"));
        config("app");
        reconcile("app");

        client.delete(WatchedKinds.CONFIGS, "team-a", "app", DeleteOptions.NONE);
        assertTrue(server.object(WatchedKinds.CONFIGS, "team-a", "app").isPresent(), "held by the finalizer");
        assertEquals(Result.done(), reconcile("app"));

        assertTrue(server.object(WatchedKinds.CONFIGS, "team-a", "app").isEmpty(), "gone once the finalizer went");
        assertEquals(List.of("svc-DB_PASSWORD"), List.copyOf(store().keySet()));
    }

    @Test
    void deletionWithDeleteRemovesTheConfigsOwnSecretsFirst() throws Exception {
        publish(1, env("DB_PASSWORD=one\n"));
        ObjectNode config = FakeApiServerMain.config("team-a", "app");
        config.withObjectProperty("spec").put("deletionPolicy", "Delete");
        server.seed(WatchedKinds.CONFIGS, config);
        reconcile("app");
        assertEquals(1, store().size());

        client.delete(WatchedKinds.CONFIGS, "team-a", "app", DeleteOptions.NONE);
        reconcile("app");

        assertTrue(server.object(WatchedKinds.CONFIGS, "team-a", "app").isEmpty());
        assertEquals(Map.of(), store(), "the config's secrets are deleted with it");
    }

    @Test
    void theReadyConditionIsServedAsAMetricThatFollowsEachReconcileAndGoesWithTheConfig() throws Exception {
        publish(1, env("DB_PASSWORD=one\n"));
        config("app");
        assertEquals(Map.of(), readySeries("app"), "nothing before the first reconcile");

        reconcile("app");
        assertEquals(Map.of("False", "0", "True", "1", "Unknown", "0"), readySeries("app"));

        publish(2, env("DB_PASSWORD=two\n"));
        artifacts.failNext(ArtifactServer.Fault.TRUNCATED);
        reconcile("app");
        assertEquals("ArtifactFailed", ready("app").path("reason").asText());
        assertEquals(Map.of("False", "1", "True", "0", "Unknown", "0"), readySeries("app"));

        client.patch(WatchedKinds.CONFIGS, "team-a", "app", PatchType.MERGE, JSON.readTree(
                "{\"spec\": {\"suspend\": true}}"), null, false, null);
        reconcile("app");
        assertEquals(Map.of("False", "0", "True", "0", "Unknown", "1"), readySeries("app"), "suspended: Unknown");

        client.delete(WatchedKinds.CONFIGS, "team-a", "app", DeleteOptions.NONE);
        reconcile("app");
        assertTrue(server.object(WatchedKinds.CONFIGS, "team-a", "app").isEmpty(), "the finalizer went");
        reconcile("app");
        assertEquals(Map.of(), readySeries("app"), "a deleted config is no longer reported");
    }

    @Test
    void aRestartedControllerReportsTheReadyConditionEvenWhenTheStatusIsUnchanged() throws Exception {
        publish(1, env("DB_PASSWORD=one\n"));
        config("app");
        reconcile("app");
        reconciler = null;
        metrics = new MetricsRegistry();
        server.clearRequests();

        reconcile("app");

        assertEquals(List.of(), actions("PATCH", "/status"), "the status is unchanged and not written");
        assertEquals(Map.of("False", "0", "True", "1", "Unknown", "0"), readySeries("app"));
    }

    @Test
    void aConfigThatIsGoneIsDone() throws Exception {
        assertEquals(Result.done(), reconcile("nothing-here"));
        assertEquals(List.of(), actions("PATCH", ""));
    }

    @Test
    void aRevisionWithoutTheEnvironmentIsBuildFailedAndWritesNothing() throws Exception {
        publish(1, TestTar.create().file("svc/deployment-configuration/profiles/prod/application.secrets.env",
                "A=1\n"));
        config("app");

        assertEquals(Result.Kind.REQUEUE_AFTER, reconcile("app").kind());
        assertEquals("BuildFailed", ready("app").path("reason").asText());
        assertTrue(ready("app").path("message").asText().contains("'dev'"), ready("app").toString());
        assertEquals(Map.of(), store());
    }

    @Test
    void aSecretNoConfigOwnsIsAnOwnershipConflictAndNothingIsWritten() throws Exception {
        try (LocalSecretStore store = LocalSecretStore.open(dir.resolve("store"), LocalSecretStore.Mode.WRITE)) {
            store.create("svc-DB_PASSWORD", new NewSecret(Map.of(), Map.of(), null));
            store.addVersion("svc-DB_PASSWORD", SecretValue.ofUtf8("someone else's"));
        }
        publish(1, env("DB_PASSWORD=one\nAPI_KEY=two\n"));
        config("app");

        reconcile("app");

        assertEquals("OwnershipConflict", ready("app").path("reason").asText());
        assertTrue(ready("app").path("message").asText().contains("svc-DB_PASSWORD"), ready("app").toString());
        assertEquals(List.of("svc-DB_PASSWORD"), List.copyOf(store().keySet()), "not even the free name is written");
    }

    @Test
    void aProviderThatCannotBeReachedIsProviderErrorRetriedWithBackoff() throws Exception {
        stores = (config, namespace) -> {
            throw StoreException.transientFailure("Secret Manager is unavailable (UNAVAILABLE)", null);
        };
        publish(1, env("DB_PASSWORD=one\n"));
        config("app");

        assertEquals(Result.retry(), reconcile("app"));
        JsonNode ready = ready("app");
        assertEquals("ProviderError", ready.path("reason").asText());
        JsonNode conditions = server.object(WatchedKinds.CONFIGS, "team-a", "app").orElseThrow().path("status")
                .path("conditions");
        assertTrue(conditions.toString().contains("ProgressingWithRetry"), conditions.toString());
    }

    @Test
    void deletionWithDeleteKeepsTheFinalizerWhileTheProviderFailsUnlessForced() throws Exception {
        publish(1, env("DB_PASSWORD=one\n"));
        ObjectNode config = FakeApiServerMain.config("team-a", "app");
        config.withObjectProperty("spec").put("deletionPolicy", "Delete");
        server.seed(WatchedKinds.CONFIGS, config);
        reconcile("app");
        stores = (c, namespace) -> {
            throw StoreException.refused("Secret team-a/gcp-key key 'key.json' does not exist");
        };
        client.delete(WatchedKinds.CONFIGS, "team-a", "app", DeleteOptions.NONE);

        assertEquals(Result.retry(), reconcile("app"));
        assertEquals("DeletionFailed", ready("app").path("reason").asText());
        assertTrue(server.object(WatchedKinds.CONFIGS, "team-a", "app").isPresent(), "the finalizer holds it");

        ObjectNode forced = JSON.createObjectNode();
        forced.putObject("metadata").putObject("annotations").put(ConfigReconciler.FORCE_DELETE, "true");
        client.patch(WatchedKinds.CONFIGS, "team-a", "app", PatchType.MERGE, forced, null, false, null);
        assertEquals(Result.done(), reconcile("app"));
        assertTrue(server.object(WatchedKinds.CONFIGS, "team-a", "app").isEmpty(), "forced out");
        assertEquals(List.of("svc-DB_PASSWORD"), List.copyOf(store().keySet()), "the secrets it could not delete stay");
    }

    @Test
    void aManualRequestChecksDriftAtOnceAndIsRecordedAsHandled() throws Exception {
        publish(1, env("DB_PASSWORD=one\n"));
        config("app");
        reconcile("app");
        try (LocalSecretStore store = LocalSecretStore.open(dir.resolve("store"), LocalSecretStore.Mode.WRITE)) {
            store.addVersion("svc-DB_PASSWORD", SecretValue.ofUtf8("changed by hand"));
        }
        reconcile("app");
        assertEquals(2, versions("svc-DB_PASSWORD"), "a resync trusts its memory until the drift-check interval");

        ObjectNode request = JSON.createObjectNode();
        request.putObject("metadata").putObject("annotations").put(ConfigReconciler.RECONCILE_REQUEST,
                "2026-12-07T07:30:00Z");
        client.patch(WatchedKinds.CONFIGS, "team-a", "app", PatchType.MERGE, request, null, false, null);
        reconcile("app");

        assertEquals(3, versions("svc-DB_PASSWORD"), "the source's value is published again");
        assertEquals("2026-12-07T07:30:00Z", server.object(WatchedKinds.CONFIGS, "team-a", "app").orElseThrow()
                .path("status").path("lastHandledReconcileAt").asText());
        assertTrue(events().stream().anyMatch(e -> e.path("message").asText().startsWith("1 add-version")),
                events().toString());
    }

    @Test
    void suspendGitPullsSuspendsTheGitRepositoryWhileTheConfigIsSuspendedOnly() throws Exception {
        publish(1, env("DB_PASSWORD=one\n"));
        ObjectNode config = FakeApiServerMain.config("team-a", "app");
        config.withObjectProperty("spec").put("suspend", true).put("suspendGitPulls", true);
        server.seed(WatchedKinds.CONFIGS, config);

        reconcile("app");
        assertTrue(server.object(GIT, "team-a", "apps").orElseThrow().path("spec").path("suspend").asBoolean());
        reconcile("app");
        assertEquals(1, actions("PATCH", "/gitrepositories/apps").size(), "patched only when it differs");

        ObjectNode resume = JSON.createObjectNode();
        resume.putObject("spec").put("suspend", false);
        client.patch(WatchedKinds.CONFIGS, "team-a", "app", PatchType.MERGE, resume, null, false, null);
        reconcile("app");
        assertFalse(server.object(GIT, "team-a", "apps").orElseThrow().path("spec").path("suspend").asBoolean());
        assertEquals("True", ready("app").path("status").asText());
    }

    @Test
    void failedWritesAreRetriedWithBackoffAndWhatSucceededIsNotWrittenAgain() throws Exception {
        publish(1, env("DB_PASSWORD=one\nAPI_KEY=two\n"));
        config("app");
        reconcile("app");
        publish(2, env("DB_PASSWORD=changed\nAPI_KEY=changed\n"));
        List<String> calls = new ArrayList<>();
        AtomicBoolean quotaExhausted = new AtomicBoolean(true);
        BeforeCall record = recording(calls);
        intercept((method, args) -> {
            record.before(method, args);
            if (method.equals("addVersion") && "svc-API_KEY".equals(args[0]) && quotaExhausted.get()) {
                throw StoreException.transientFailure("RESOURCE_EXHAUSTED: quota exceeded", null);
            }
        });

        assertEquals(Result.retry(), reconcile("app"));
        assertEquals("ProviderError", ready("app").path("reason").asText());
        assertTrue(ready("app").path("message").asText().startsWith("1 of 2 actions failed"), ready("app").toString());
        assertEquals(2, versions("svc-DB_PASSWORD"));
        assertEquals(1, versions("svc-API_KEY"));

        calls.clear();
        quotaExhausted.set(false);
        reconcile("app");
        assertEquals("True", ready("app").path("status").asText());
        assertEquals(2, versions("svc-DB_PASSWORD"), "the version that was written is not written again");
        assertEquals(2, versions("svc-API_KEY"));
        assertEquals(1, calls.stream().filter("addVersion"::equals).count(), calls.toString());
    }

    @Test
    void anArgoCdApplicationIsReadAtItsTargetRevisionAndPath() throws Exception {
        TestRepo repo = TestRepo.init(dir.resolve("origin"));
        String commit = repo.write("envs/dev/svc/deployment-configuration/profiles/dev/application.secrets.env",
                "DB_PASSWORD=from-git\n").commit("first");
        server.seed(ArgoApplications.APPLICATIONS, """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"apps","namespace":"argocd"},
                 "spec":{"source":{"repoURL":"%s","targetRevision":"main","path":"envs/dev"}}}""".formatted(repo.url()));
        ObjectNode config = FakeApiServerMain.config("team-a", "app");
        config.withObjectProperty("spec").putObject("sourceRef").put("kind", "Application").put("name", "apps")
                .put("namespace", "argocd");
        server.seed(WatchedKinds.CONFIGS, config);

        reconcile("app");

        assertEquals("Synced 1 secrets at revision " + commit, ready("app").path("message").asText());
        try (LocalSecretStore store = LocalSecretStore.open(dir.resolve("store"), LocalSecretStore.Mode.READ)) {
            LatestVersion latest = store.accessLatest("svc-DB_PASSWORD");
            assertTrue(latest instanceof LatestVersion.Readable readable && new String(readable.value().bytes(),
                    StandardCharsets.UTF_8).equals("from-git"), "the value from git is published");
        }
    }
}
