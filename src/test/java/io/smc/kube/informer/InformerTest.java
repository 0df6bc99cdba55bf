package io.smc.kube.informer;

import static io.smc.kube.testing.ScriptedKubeApi.apiError;
import static io.smc.kube.testing.ScriptedKubeApi.await;
import static io.smc.kube.testing.ScriptedKubeApi.bookmark;
import static io.smc.kube.testing.ScriptedKubeApi.deliver;
import static io.smc.kube.testing.ScriptedKubeApi.emit;
import static io.smc.kube.testing.ScriptedKubeApi.end;
import static io.smc.kube.testing.ScriptedKubeApi.errorEvent;
import static io.smc.kube.testing.ScriptedKubeApi.fail;
import static io.smc.kube.testing.ScriptedKubeApi.transportError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.time.BackoffTest;
import io.smc.kube.ApiException;
import io.smc.kube.ListOptions;
import io.smc.kube.ResourceType;
import io.smc.kube.WatchEvent;
import io.smc.kube.WatchOptions;
import io.smc.kube.testing.Eventually;
import io.smc.kube.testing.MutableClock;
import io.smc.kube.testing.RecordingSleeper;
import io.smc.kube.testing.ScriptedKubeApi;
import io.smc.kube.testing.ScriptedKubeApi.Call;
import io.smc.kube.testing.ScriptedKubeApi.Gate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InformerTest {
    static final ResourceType CONFIGS = new ResourceType("secret-management.microscaler.io", "v1beta1",
            "secretmanagerconfigs", "SecretManagerConfig", true);
    /** Every test's jitter takes an eighth off: 1 s becomes 875 ms. */
    private static final double JITTER_SHARE = 0.5;

    private final ScriptedKubeApi api = new ScriptedKubeApi();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    private final RecordingHandler handler = new RecordingHandler();
    private final List<Informer> started = new ArrayList<>();

    @AfterEach
    void stopInformers() {
        started.forEach(Informer::stop);
    }

    private Informer.Builder builder() {
        return builder(CONFIGS);
    }

    private Informer.Builder builder(ResourceType type) {
        return Informer.builder(api, type).handler(handler).sleeper(sleeper).clock(clock)
                .random(BackoffTest.fixedJitter(JITTER_SHARE)).log(logs::add);
    }

    private Informer start(Informer.Builder builder) {
        Informer informer = builder.build();
        started.add(informer);
        informer.start();
        return informer;
    }

    private Informer startSynced(Informer.Builder builder) {
        Informer informer = start(builder);
        Eventually.await("the first list", informer::hasSynced, this::state);
        return informer;
    }

    private ObjectNode put(String namespace, String name) {
        return api.put(CONFIGS, ScriptedKubeApi.newObject(CONFIGS, namespace, name));
    }

    private ObjectNode putWithSource(String namespace, String name, String source) {
        ObjectNode object = ScriptedKubeApi.newObject(CONFIGS, namespace, name);
        object.putObject("spec").putObject("sourceRef").put("kind", "GitRepository").put("name", source);
        return api.put(CONFIGS, object);
    }

    private ObjectNode update(ObjectNode stored) {
        ObjectNode changed = stored.deepCopy();
        changed.withObjectProperty("spec").put("generation", changed.path("spec").path("generation").asInt() + 1);
        return api.put(CONFIGS, changed);
    }

    private static String rv(ObjectNode object) {
        return ObjectKeys.resourceVersion(object);
    }

    private static Duration jittered(long millis) {
        return Duration.ofMillis(millis - millis / 8);
    }

    private void awaitEvents(int count) {
        Eventually.await(count + " handler events", () -> handler.count() >= count, this::state);
    }

    private void awaitCalls(String verb, int count) {
        Eventually.await(count + " " + verb + " calls", () -> api.calls(verb).size() >= count, this::state);
    }

    private String state() {
        return "events " + handler.events() + ", calls " + api.calls().stream().map(Call::verb).toList()
                + ", sleeps " + sleeper.sleeps() + ", log " + logs;
    }

    private static Map<String, String> versions(Informer informer) {
        Map<String, String> versions = new TreeMap<>();
        informer.list().forEach(object -> versions.put(ObjectKeys.of(object), rv(object)));
        return versions;
    }

    private List<ListOptions> lists() {
        return api.calls("list").stream().map(Call::listOptions).toList();
    }

    private List<WatchOptions> watches() {
        return api.calls("watch").stream().map(Call::watchOptions).toList();
    }

    // ---- list, then watch ----

    @Test
    void listsThenWatchesFromTheListResourceVersionWithBookmarksAndARandomisedTimeout() {
        put("ns1", "a");
        put("ns1", "b");
        String listed = api.revision();
        for (int i = 0; i < 6; i++) {
            api.scriptWatch(bookmark(Integer.toString(5000 + i)), end());
        }
        Informer informer = builder().random(new java.util.Random(42)).build();
        started.add(informer);
        informer.start();
        awaitCalls("watch", 7);

        assertEquals(List.of("list", "watch"), api.calls().stream().limit(2).map(Call::verb).toList());
        List<WatchOptions> watches = watches();
        assertEquals(listed, watches.get(0).resourceVersion());
        Set<Long> timeouts = new HashSet<>();
        for (WatchOptions watch : watches) {
            assertTrue(watch.allowBookmarks(), watch.toString());
            assertTrue(watch.timeoutSeconds() >= 300 && watch.timeoutSeconds() <= 600, watch.toString());
            timeouts.add(watch.timeoutSeconds());
        }
        assertTrue(timeouts.size() > 1, "timeouts not randomised: " + timeouts);
        assertEquals(List.of("add ns1/a@1001", "add ns1/b@1002"), handler.events());
    }

    @Test
    void theFirstListAsksTheWatchCacheAndARelistReadsConsistentPages() throws Exception {
        for (int i = 0; i < 5; i++) {
            put("ns1", "cfg-" + i);
        }
        Informer informer = startSynced(builder().pageLimit(2));
        api.awaitOpenWatch().inject(errorEvent(410, "Expired"));
        awaitCalls("list", 4);
        Eventually.await("a watch after the relist", () -> api.calls("watch").size() >= 2, this::state);

        List<ListOptions> lists = lists();
        assertEquals(new ListOptions(null, null, "0", 0, null), lists.get(0));
        assertEquals(new ListOptions(null, null, null, 2, null), lists.get(1));
        assertEquals(new ListOptions(null, null, null, 2, "continue-1"), lists.get(2));
        assertEquals(new ListOptions(null, null, null, 2, "continue-2"), lists.get(3));
        assertEquals(4, lists.size());
        assertEquals(api.versions(CONFIGS), versions(informer));
    }

    @Test
    void withoutTheWatchCacheTheFirstListIsConsistentAndFollowsContinueTokens() {
        for (int i = 0; i < 1200; i++) {
            put("ns" + i % 3, String.format("cfg-%04d", i));
        }
        Informer informer = startSynced(builder().allowWatchCacheList(false));

        List<ListOptions> lists = lists();
        assertEquals(3, lists.size(), lists.toString());
        for (ListOptions list : lists) {
            assertNull(list.resourceVersion());
            assertEquals(500, list.limit());
        }
        assertEquals(List.of("continue-1", "continue-2"), lists.subList(1, 3).stream()
                .map(ListOptions::continueToken).toList());
        assertEquals(1200, informer.list().size());
        assertEquals(1200, handler.count());
        awaitCalls("watch", 1); // the watch opens after the sync is announced, on the informer's own thread
        assertEquals(api.revision(), watches().get(0).resourceVersion());
    }

    @Test
    void passesTheNamespaceAndLabelSelectorToListAndWatch() throws Exception {
        ObjectNode matching = ScriptedKubeApi.newObject(CONFIGS, "team-a", "a");
        matching.withObjectProperty("metadata").withObjectProperty("labels").put("shard", "1");
        api.put(CONFIGS, matching);
        ObjectNode otherShard = ScriptedKubeApi.newObject(CONFIGS, "team-a", "b");
        otherShard.withObjectProperty("metadata").withObjectProperty("labels").put("shard", "2");
        api.put(CONFIGS, otherShard);
        ObjectNode otherNamespace = ScriptedKubeApi.newObject(CONFIGS, "team-b", "c");
        otherNamespace.withObjectProperty("metadata").withObjectProperty("labels").put("shard", "1");
        api.put(CONFIGS, otherNamespace);

        Informer informer = startSynced(builder().namespace("team-a").labelSelector("shard=1"));
        api.awaitOpenWatch();

        Call list = api.calls("list").get(0);
        assertEquals("team-a", list.namespace());
        assertEquals("shard=1", list.listOptions().labelSelector());
        Call watch = api.calls("watch").get(0);
        assertEquals("team-a", watch.namespace());
        assertEquals("shard=1", watch.watchOptions().labelSelector());
        assertEquals(Set.of("team-a/a"), versions(informer).keySet());
    }

    @Test
    void hasSyncedIsFalseUntilTheFirstListIsDelivered() throws Exception {
        put("ns1", "a");
        put("ns1", "b");
        api.failNext("list", transportError("connection refused"));
        AtomicReference<Informer> self = new AtomicReference<>();
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Boolean> syncedDuringDelivery = Collections.synchronizedList(new ArrayList<>());
        Informer informer = builder().handler(new ResourceEventHandler() {
            @Override
            public void onAdd(ObjectNode object) {
                syncedDuringDelivery.add(self.get().hasSynced());
                inHandler.countDown();
                try {
                    release.await(Eventually.LIMIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build();
        self.set(informer);
        started.add(informer);
        assertFalse(informer.hasSynced());

        informer.start();
        assertTrue(inHandler.await(Eventually.LIMIT.toSeconds(), TimeUnit.SECONDS));
        assertFalse(informer.hasSynced(), "synced while the first list was still being delivered");
        assertEquals(1, sleeper.sleeps().size(), "the failed list was not retried after a pause");
        release.countDown();
        Eventually.await("sync", informer::hasSynced, this::state);

        assertEquals(List.of(false, false), syncedDuringDelivery);
    }

    @Test
    void anEmptyListStillCompletesTheSync() {
        Informer informer = startSynced(builder());
        assertTrue(informer.list().isEmpty());
        assertEquals(api.revision(), informer.resourceVersion());
    }

    // ---- watch events ----

    @Test
    void deliversAddsUpdatesAndDeletesAndKeysTheCacheByNamespaceAndName() throws Exception {
        ObjectNode a = put("ns1", "a");
        Informer informer = startSynced(builder());
        api.awaitOpenWatch();
        ObjectNode b = put("ns2", "a");
        ObjectNode a2 = update(a);
        api.remove(CONFIGS, "ns1", "a");
        String deletedAt = api.revision();
        awaitEvents(4);

        assertEquals(List.of("add ns1/a@" + rv(a), "add ns2/a@" + rv(b), "update ns1/a@" + rv(a) + "->" + rv(a2),
                "delete ns1/a@" + rv(a2)), handler.events());
        assertTrue(informer.get("ns1", "a").isEmpty());
        assertEquals(rv(b), rv(informer.get("ns2", "a").orElseThrow()));
        assertEquals(rv(b), rv(informer.getByKey("ns2/a").orElseThrow()));
        assertEquals(deletedAt, informer.resourceVersion());
    }

    @Test
    void keysClusterScopedObjectsByNameAlone() {
        api.put(ResourceType.NAMESPACES, ScriptedKubeApi.newObject(ResourceType.NAMESPACES, null, "alpha"));
        Informer informer = startSynced(builder(ResourceType.NAMESPACES).namespace("ignored"));

        assertTrue(informer.get(null, "alpha").isPresent());
        assertTrue(informer.get("anything", "alpha").isPresent());
        assertTrue(informer.getByKey("alpha").isPresent());
        assertNull(api.calls("list").get(0).namespace());
        assertEquals(List.of("add alpha@1001"), handler.events());
    }

    @Test
    void doesNotDeliverAnUpdateWhoseResourceVersionIsUnchanged() throws Exception {
        ObjectNode a = put("ns1", "a");
        ObjectNode sameVersion = a.deepCopy();
        sameVersion.withObjectProperty("spec").put("doctored", true);
        api.scriptWatch(emit(WatchEvent.Type.MODIFIED, sameVersion), emit(WatchEvent.Type.ADDED, sameVersion));
        Informer informer = startSynced(builder());
        ObjectNode cached = informer.get("ns1", "a").orElseThrow();
        api.awaitOpenWatch();
        ObjectNode a2 = update(a);
        awaitEvents(2);

        assertEquals(List.of("add ns1/a@" + rv(a), "update ns1/a@" + rv(a) + "->" + rv(a2)), handler.events());
        assertSame(cached, handler.objects().get(0));
        assertFalse(handler.objects().get(1).path("spec").has("doctored"));
    }

    @Test
    void aBookmarkOnlyAdvancesTheResourceVersion() throws Exception {
        put("ns1", "a");
        api.scriptWatch(bookmark("5000"), end());
        Informer informer = startSynced(builder());
        ObjectNode cached = informer.get("ns1", "a").orElseThrow();
        awaitCalls("watch", 2);

        assertEquals("5000", watches().get(1).resourceVersion());
        assertEquals("5000", informer.resourceVersion());
        assertEquals(1, handler.count());
        assertSame(cached, informer.get("ns1", "a").orElseThrow());
        assertEquals(1, api.calls("list").size());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void handlersReceiveTheCachedInstances() throws Exception {
        ObjectNode a = put("ns1", "a");
        Informer informer = startSynced(builder());
        ObjectNode cached = informer.get("ns1", "a").orElseThrow();
        api.awaitOpenWatch();
        update(a);
        awaitEvents(2);

        assertSame(cached, handler.objects().get(0));
        assertSame(informer.get("ns1", "a").orElseThrow(), handler.objects().get(1));
    }

    // ---- 410 Gone and relists ----

    @Test
    void goneWhenOpeningTheWatchTriggersAConsistentRelistAtOnce() throws Exception {
        put("ns1", "a");
        api.failNext("watch", apiError(410, ApiException.Reason.GONE));
        Informer informer = startSynced(builder());
        awaitCalls("watch", 2);

        List<ListOptions> lists = lists();
        assertEquals(2, lists.size());
        assertEquals("0", lists.get(0).resourceVersion());
        assertNull(lists.get(1).resourceVersion());
        assertEquals(500, lists.get(1).limit());
        assertEquals(List.of(), sleeper.sleeps());
        assertEquals(1, handler.count(), "the relist re-delivered unchanged objects");
        assertEquals(api.versions(CONFIGS), versions(informer));
    }

    @Test
    void aGoneErrorEventTriggersARelist() throws Exception {
        put("ns1", "a");
        api.scriptWatch(errorEvent(410, "Expired"));
        startSynced(builder());
        awaitCalls("watch", 2);

        assertEquals(2, api.calls("list").size());
        assertEquals(List.of(), sleeper.sleeps());
        assertTrue(logs.stream().anyMatch(line -> line.contains("410") && line.contains("relisting")), logs::toString);
    }

    @Test
    void aRelistDeliversExactlyTheDeletesUpdatesAndAddsOfTheDifference() throws Exception {
        put("ns1", "a");
        ObjectNode b = put("ns1", "b");
        ObjectNode c = put("ns1", "c");
        Gate gate = api.gate();
        api.scriptWatch(await(gate), errorEvent(410, "Expired"));
        Informer informer = startSynced(builder());
        ObjectNode cachedA = informer.get("ns1", "a").orElseThrow();
        api.awaitOpenWatch();

        ObjectNode b2 = update(b);
        api.remove(CONFIGS, "ns1", "c");
        ObjectNode d = put("ns1", "d");
        api.compact();
        gate.open();
        awaitEvents(6);
        awaitCalls("watch", 2);

        assertEquals(Set.of("update ns1/b@" + rv(b) + "->" + rv(b2), "delete ns1/c@" + rv(c),
                "add ns1/d@" + rv(d)), Set.copyOf(handler.events().subList(3, handler.count())));
        assertEquals(6, handler.count());
        assertSame(cachedA, informer.get("ns1", "a").orElseThrow());
        assertEquals(api.versions(CONFIGS), versions(informer));
        assertEquals(List.of(), handler.contradictions());
    }

    @Test
    void theTransformTrimsListedAndWatchedObjectsBeforeTheyAreCachedAndIndexed() throws Exception {
        putWithSource("ns1", "listed", "repo-a");
        api.scriptWatch(deliver(1));
        Informer informer = startSynced(builder()
                .transform(object -> {
                    object.remove("spec");
                    object.putObject("status").put("trimmed", true);
                    return object;
                })
                .index("trimmed", object -> List.of(object.path("status").path("trimmed").asText())));
        putWithSource("ns1", "watched", "repo-a");
        awaitEvents(2);

        for (String name : List.of("listed", "watched")) {
            ObjectNode cached = informer.get("ns1", name).orElseThrow();
            assertFalse(cached.has("spec"), name);
            assertTrue(cached.path("status").path("trimmed").asBoolean(), name);
            assertTrue(api.stored(CONFIGS, "ns1", name).orElseThrow().has("spec"), "the server's copy of " + name);
        }
        assertEquals(Set.of("ns1/listed", "ns1/watched"), keys(informer.byIndex("trimmed", "true")));
    }

    @Test
    void secondaryIndexesFollowAddsUpdatesDeletesAndRelists() throws Exception {
        putWithSource("ns1", "one", "repo-a");
        ObjectNode two = putWithSource("ns1", "two", "repo-a");
        putWithSource("ns2", "three", "repo-b");
        Gate gate = api.gate();
        api.scriptWatch(deliver(3), await(gate), errorEvent(410, "Expired"));
        Informer informer = startSynced(builder()
                .index("source", object -> List.of(object.path("spec").path("sourceRef").path("name").asText()))
                .index("namespaceAndSource", object -> List.of(
                        object.at("/metadata/namespace").asText(),
                        object.at("/spec/sourceRef/name").asText())));
        assertEquals(Set.of("ns1/one", "ns1/two"), keys(informer.byIndex("source", "repo-a")));
        assertEquals(Set.of("ns2/three"), keys(informer.byIndex("source", "repo-b")));

        ObjectNode moved = two.deepCopy();
        moved.withObjectProperty("spec").withObjectProperty("sourceRef").put("name", "repo-b");
        api.put(CONFIGS, moved);
        api.remove(CONFIGS, "ns1", "one");
        putWithSource("ns2", "four", "repo-a");
        awaitEvents(6);

        assertEquals(Set.of("ns2/four"), keys(informer.byIndex("source", "repo-a")));
        assertEquals(Set.of("ns1/two", "ns2/three"), keys(informer.byIndex("source", "repo-b")));
        assertEquals(Set.of("ns2/three", "ns2/four"), keys(informer.byIndex("namespaceAndSource", "ns2")));
        assertEquals(Set.of(), keys(informer.byIndex("source", "repo-c")));

        // Changes the watch never saw, brought in by the relist.
        api.remove(CONFIGS, "ns2", "four");
        putWithSource("ns1", "one", "repo-c");
        gate.open();
        awaitEvents(8);

        assertEquals(Set.of(), keys(informer.byIndex("source", "repo-a")));
        assertEquals(Set.of("ns1/one"), keys(informer.byIndex("source", "repo-c")));
        assertEquals(Set.of("ns1/one", "ns1/two"), keys(informer.byIndex("namespaceAndSource", "ns1")));
        assertThrows(IllegalArgumentException.class, () -> informer.byIndex("unknown", "x"));
    }

    private static Set<String> keys(List<ObjectNode> objects) {
        Set<String> keys = new HashSet<>();
        objects.forEach(object -> keys.add(ObjectKeys.of(object)));
        return keys;
    }

    // ---- clean ends ----

    @Test
    void reopensACleanlyEndedWatchFromTheLastResourceVersionAtOnce() throws Exception {
        put("ns1", "a");
        api.scriptWatch(deliver(1), end());
        startSynced(builder());
        api.awaitOpenWatch();
        ObjectNode b = put("ns1", "b");
        awaitCalls("watch", 2);

        assertEquals(rv(b), watches().get(1).resourceVersion());
        assertEquals(1, api.calls("list").size());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void threeWatchesInARowEndingAtOnceWithoutEventsTriggerARelist() {
        put("ns1", "a");
        api.scriptWatch(end());
        api.scriptWatch(end());
        api.scriptWatch(end());
        startSynced(builder());
        awaitCalls("watch", 4);
        awaitCalls("list", 2);

        assertEquals(List.of("list", "watch", "watch", "watch", "list", "watch"),
                api.calls().stream().limit(6).map(Call::verb).toList());
        assertNull(lists().get(1).resourceVersion());
        assertEquals(1, handler.count());
    }

    @Test
    void emptyWatchesThatAreNotInARowDoNotTriggerARelist() {
        put("ns1", "a");
        api.scriptWatch(end());
        api.scriptWatch(end());
        api.scriptWatch(bookmark("4000"), end());
        api.scriptWatch(end());
        api.scriptWatch(end());
        startSynced(builder());
        awaitCalls("watch", 6);

        assertEquals(1, api.calls("list").size());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void aQuietWatchThatRanItsTimeDoesNotCountAsEmpty() {
        put("ns1", "a");
        List<Gate> gates = List.of(api.gate(), api.gate(), api.gate());
        gates.forEach(gate -> api.scriptWatch(await(gate), end()));
        startSynced(builder());
        for (int i = 0; i < gates.size(); i++) {
            awaitCalls("watch", i + 1);
            clock.advance(Duration.ofMinutes(5));
            gates.get(i).open();
        }
        awaitCalls("watch", 4);

        assertEquals(1, api.calls("list").size());
    }

    // ---- failures and backoff ----

    @Test
    void aDisconnectMidStreamReconnectsFromTheLastResourceVersionAfterABackoff() throws Exception {
        put("ns1", "a");
        api.scriptWatch(deliver(1), fail(transportError("connection reset")));
        startSynced(builder());
        api.awaitOpenWatch();
        ObjectNode b = put("ns1", "b");
        awaitCalls("watch", 2);

        assertEquals(rv(b), watches().get(1).resourceVersion());
        assertEquals(List.of(jittered(1000)), sleeper.sleeps());
        assertEquals(1, api.calls("list").size());
        assertTrue(logs.stream().anyMatch(line -> line.contains("connection reset")), logs::toString);
    }

    @Test
    void aLineThatIsNotJsonIsTreatedAsADisconnect() throws Exception {
        put("ns1", "a");
        String listed = api.revision();
        api.scriptWatch(fail(transportError("watch line is not JSON")));
        Informer informer = startSynced(builder());
        awaitCalls("watch", 2);
        api.awaitOpenWatch();
        ObjectNode b = put("ns1", "b");
        awaitEvents(2);

        assertEquals(listed, watches().get(1).resourceVersion());
        assertEquals(List.of(jittered(1000)), sleeper.sleeps());
        assertEquals(rv(b), informer.resourceVersion());
        assertTrue(informer.isRunning());
    }

    @Test
    void aServerErrorOpeningTheWatchBacksOffWithoutRelisting() {
        put("ns1", "a");
        String listed = api.revision();
        api.failNext("watch", apiError(503, ApiException.Reason.OTHER));
        api.failNext("watch", apiError(500, ApiException.Reason.OTHER));
        startSynced(builder());
        awaitCalls("watch", 3);

        assertEquals(List.of(jittered(1000), jittered(2000)), sleeper.sleeps());
        assertEquals(1, api.calls("list").size());
        watches().forEach(watch -> assertEquals(listed, watch.resourceVersion()));
    }

    @Test
    void anErrorEventOtherThanGoneBacksOffAndWatchesAgain() {
        put("ns1", "a");
        api.scriptWatch(errorEvent(500, "InternalError"));
        startSynced(builder());
        awaitCalls("watch", 2);

        assertEquals(List.of(jittered(1000)), sleeper.sleeps());
        assertEquals(1, api.calls("list").size());
    }

    @Test
    void aFailedListBacksOffAndListsAgainBeforeWatching() {
        put("ns1", "a");
        api.failNext("list", transportError("connection refused"));
        api.failNext("list", apiError(500, ApiException.Reason.OTHER));
        startSynced(builder());
        awaitCalls("watch", 1);

        assertEquals(List.of("list", "list", "list", "watch"),
                api.calls().stream().limit(4).map(Call::verb).toList());
        assertEquals(List.of(jittered(1000), jittered(2000)), sleeper.sleeps());
        assertEquals("0", lists().get(2).resourceVersion(), "the first list is still allowed the watch cache");
    }

    @Test
    void backoffDelaysDoubleUpToTheCapWithJitter() {
        for (int i = 0; i < 8; i++) {
            api.failNext("list", transportError("connection refused"));
        }
        startSynced(builder());

        assertEquals(List.of(jittered(1000), jittered(2000), jittered(4000), jittered(8000), jittered(16000),
                jittered(30000), jittered(30000), jittered(30000)), sleeper.sleeps());
    }

    @Test
    void backoffStartsOverAfterAHealthyWatch() throws Exception {
        for (int i = 0; i < 3; i++) {
            api.failNext("list", transportError("connection refused"));
        }
        api.scriptWatch(deliver(1), fail(transportError("connection reset")));
        startSynced(builder());
        api.awaitOpenWatch();
        put("ns1", "a");
        awaitCalls("watch", 2);

        assertEquals(List.of(jittered(1000), jittered(2000), jittered(4000), jittered(1000)), sleeper.sleeps());
    }

    @Test
    void aSecondGoneWithoutProgressWaitsBeforeRelisting() {
        api.failNext("watch", apiError(410, ApiException.Reason.GONE));
        api.failNext("watch", apiError(410, ApiException.Reason.GONE));
        startSynced(builder());
        awaitCalls("watch", 3);

        assertEquals(3, api.calls("list").size());
        assertEquals(List.of(jittered(1000)), sleeper.sleeps());
    }

    @Test
    void waitsAsLongAsTheServerAsksWhenThatIsLongerThanTheBackoff() {
        api.failNext("list", new ApiException("slow down", 429, ApiException.Reason.TOO_MANY_REQUESTS, List.of(),
                Duration.ofSeconds(45)));
        startSynced(builder());

        assertEquals(List.of(Duration.ofSeconds(45)), sleeper.sleeps());
    }

    @Test
    void aBugInTheClientDoesNotEndTheLoop() {
        put("ns1", "a");
        api.failNext("list", new IllegalStateException("bug"));
        api.failNext("watch", new NullPointerException());
        Informer informer = startSynced(builder());
        awaitCalls("watch", 2);

        assertTrue(informer.isRunning());
        assertEquals(2, sleeper.sleeps().size());
    }

    // ---- handlers ----

    @Test
    void aHandlerThatThrowsDoesNotStopTheLoopOrTheOtherHandlers() throws Exception {
        ObjectNode a = put("ns1", "a");
        Informer informer = startSynced(Informer.builder(api, CONFIGS).sleeper(sleeper).clock(clock).log(logs::add)
                .handler(new ResourceEventHandler() {
                    @Override
                    public void onAdd(ObjectNode object) {
                        throw new IllegalStateException("broken handler");
                    }

                    @Override
                    public void onUpdate(ObjectNode oldObject, ObjectNode newObject) {
                        throw new IllegalStateException("broken handler");
                    }
                })
                .handler(handler));
        api.awaitOpenWatch();
        put("ns1", "b");
        update(a);
        awaitEvents(3);

        assertTrue(informer.isRunning());
        assertEquals(api.versions(CONFIGS), versions(informer));
        assertTrue(logs.stream().anyMatch(line -> line.contains("failed on ADD of ns1/b")
                && line.contains("IllegalStateException")), logs::toString);
    }

    @Test
    void logsNamesVersionsAndErrorSummariesButNeverObjectContents() throws Exception {
        String value = "hunter2-correct-horse";
        String encoded = Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode secret = ScriptedKubeApi.newObject(ResourceType.SECRETS, "ns1", "db");
        secret.putObject("data").put("password", encoded);
        api.put(ResourceType.SECRETS, secret);
        api.failNext("list", transportError("connection refused"));
        api.scriptWatch(errorEvent(410, "Expired"));
        api.scriptWatch(fail(transportError("connection reset")));
        Informer informer = startSynced(Informer.builder(api, ResourceType.SECRETS).sleeper(sleeper).clock(clock)
                .log(logs::add).handler(new ResourceEventHandler() {
                    @Override
                    public void onAdd(ObjectNode object) {
                        throw new IllegalArgumentException("cannot use " + object.at("/data/password").asText()
                                + " " + value);
                    }
                }).index("password", object -> {
                    throw new IllegalStateException(object.toString());
                }));
        awaitCalls("watch", 3);
        informer.stop();

        assertTrue(logs.size() >= 5, logs::toString);
        assertTrue(logs.stream().allMatch(line -> line.startsWith("secrets")), logs::toString);
        assertTrue(logs.stream().anyMatch(line -> line.contains("ns1/db")), logs::toString);
        for (String line : logs) {
            assertFalse(line.contains(value) || line.contains(encoded), line);
        }
    }

    // ---- lifecycle ----

    @Test
    void stopEndsAWatchBlockedInNext() throws Exception {
        put("ns1", "a");
        api.scriptWatch(await(api.gate()));
        Informer informer = startSynced(builder());
        ScriptedKubeApi.FakeWatch watch = api.awaitOpenWatch();
        Eventually.await("the loop to block in next()", watch::isReaderWaiting);

        informer.stop();

        assertFalse(informer.isRunning(), "the loop thread outlived stop()");
        assertTrue(watch.isClosed());
        assertEquals(1, api.calls("watch").size());
    }

    @Test
    void stopEndsABackoffSleep() {
        api.failNext("list", transportError("connection refused"));
        Informer informer = Informer.builder(api, CONFIGS).log(logs::add)
                .backoff(Duration.ofHours(1), Duration.ofHours(2)).build();
        started.add(informer);
        informer.start();
        awaitCalls("list", 1);

        informer.stop();

        assertFalse(informer.isRunning(), "the loop thread outlived stop()");
        assertFalse(informer.hasSynced());
    }

    @Test
    void theLoopThreadIsNamedAfterTheResource() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        api.put(CONFIGS, ScriptedKubeApi.newObject(CONFIGS, "ns1", "a"));
        startSynced(builder().namespace("ns1").handler(new ResourceEventHandler() {
            @Override
            public void onAdd(ObjectNode object) {
                thread.set(Thread.currentThread().getName());
            }
        }));

        assertEquals("informer-secretmanagerconfigs.secret-management.microscaler.io-ns1", thread.get());
    }

    @Test
    void startsOnlyOnceAndRefusesBadOptions() {
        Informer informer = startSynced(builder());
        assertThrows(IllegalStateException.class, informer::start);
        assertThrows(IllegalArgumentException.class, () -> builder().pageLimit(0));
        assertThrows(IllegalArgumentException.class, () -> builder().index("a", o -> List.of())
                .index("a", o -> List.of()));
        assertThrows(IllegalArgumentException.class, () -> builder().backoff(Duration.ofSeconds(5),
                Duration.ofSeconds(1)));
    }
}
