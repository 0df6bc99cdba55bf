package io.smc.kube.fake;

import static io.smc.kube.fake.RawApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.RawApi.Answer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeApiServerTest {
    private static final String WIDGETS = "/apis/example.io/v1/namespaces/apps/widgets";
    private static final ResourceType WIDGET_TYPE = new ResourceType("example.io", "v1", "widgets", "Widget", true);

    private FakeApiServer server;
    private RawApi api;

    @BeforeEach
    void start() {
        server = FakeApiServer.start();
        api = new RawApi(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ObjectNode widget(String name, String size) {
        return json("""
                {"apiVersion": "example.io/v1", "kind": "Widget", "metadata": {"name": "%s", "labels": {"app": "web"}},
                 "spec": {"size": "%s"}}""".formatted(name, size));
    }

    private Answer create(String name) {
        Answer created = api.post(WIDGETS, widget(name, "small"));
        assertEquals(201, created.code(), created.body().toString());
        return created;
    }

    @Test
    void createSetsServerFieldsAndTheNextGlobalResourceVersion() {
        Answer secret = api.post("/api/v1/namespaces/apps/secrets", json("{\"metadata\": {\"name\": \"s\"}}"));
        Answer widget = create("w");

        assertTrue(Long.parseLong(widget.resourceVersion()) > Long.parseLong(secret.resourceVersion()));
        assertEquals(server.resourceVersion(), widget.resourceVersion());
        assertFalse(widget.body().path("metadata").path("uid").asText().isEmpty());
        assertFalse(widget.body().path("metadata").path("creationTimestamp").asText().isEmpty());
        assertEquals("apps", widget.body().path("metadata").path("namespace").asText());
        assertEquals(1, widget.generation());
    }

    @Test
    void createDropsStatusButSeedingKeepsIt() {
        ObjectNode withStatus = widget("created", "small");
        withStatus.putObject("status").put("ready", true);
        Answer created = api.post(WIDGETS, withStatus);
        ObjectNode seeded = server.seed(WIDGET_TYPE, widget("seeded", "small").put("kind", "Widget")
                .set("status", json("{\"ready\": true}")));

        assertTrue(created.body().path("status").isMissingNode());
        assertTrue(seeded.path("status").path("ready").asBoolean());
    }

    @Test
    void generationCountsSpecChangesOnly() {
        ObjectNode object = create("w").object();

        ((ObjectNode) object.path("metadata").path("labels")).put("team", "a");
        Answer relabelled = api.put(WIDGETS + "/w", object);
        ObjectNode resized = relabelled.object();
        ((ObjectNode) resized.path("spec")).put("size", "large");
        Answer specChanged = api.put(WIDGETS + "/w", resized);
        ObjectNode withStatus = specChanged.object();
        withStatus.putObject("status").put("observedGeneration", 2);
        Answer statusChanged = api.put(WIDGETS + "/w/status", withStatus);

        assertEquals(1, relabelled.generation());
        assertNotEquals(object.path("metadata").path("resourceVersion").asText(), relabelled.resourceVersion());
        assertEquals(2, specChanged.generation());
        assertEquals(2, statusChanged.generation());
        assertEquals(2, statusChanged.body().path("status").path("observedGeneration").asInt());
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheResourceVersionAndSendsNoEvent() {
        Answer created = create("w");

        Answer again = api.put(WIDGETS + "/w", created.object());

        assertEquals(created.resourceVersion(), again.resourceVersion());
        try (RawApi.Watch watch = api.watch(WIDGETS + "?watch=1&timeoutSeconds=1&resourceVersion="
                + created.resourceVersion())) {
            assertEquals(List.of(), watch.rest());
        }
    }

    @Test
    void aNormalUpdateIgnoresStatusAndAStatusUpdateIgnoresTheRest() {
        ObjectNode object = create("w").object();
        object.putObject("status").put("ready", true);
        ((ObjectNode) object.path("spec")).put("size", "large");

        Answer updated = api.put(WIDGETS + "/w", object);
        ObjectNode next = updated.object().deepCopy();
        next.putObject("status").put("ready", true);
        ((ObjectNode) next.path("spec")).put("size", "huge");
        Answer statusUpdated = api.put(WIDGETS + "/w/status", next);

        assertTrue(updated.body().path("status").isMissingNode());
        assertEquals("large", updated.body().path("spec").path("size").asText());
        assertTrue(statusUpdated.body().path("status").path("ready").asBoolean());
        assertEquals("large", statusUpdated.body().path("spec").path("size").asText());
    }

    @Test
    void aStaleResourceVersionIsAConflict() {
        ObjectNode stale = create("w").object();
        api.put(WIDGETS + "/w", widget("w", "large"));

        Answer conflict = api.put(WIDGETS + "/w", stale);

        assertEquals(409, conflict.code());
        assertEquals("Conflict", conflict.reason());
        assertEquals("Operation cannot be fulfilled on widgets.example.io \"w\": the object has been modified;"
                + " please apply your changes to the latest version and try again",
                conflict.body().path("message").asText());
    }

    @Test
    void anExistingNameIsAlreadyExistsAndAMissingOneNotFound() {
        create("w");

        Answer exists = api.post(WIDGETS, widget("w", "small"));
        Answer missing = api.get(WIDGETS + "/nope");

        assertEquals(409, exists.code());
        assertEquals("AlreadyExists", exists.reason());
        assertEquals(404, missing.code());
        assertEquals("NotFound", missing.reason());
        assertEquals("widgets.example.io \"nope\" not found", missing.body().path("message").asText());
        assertEquals("example.io", missing.body().path("details").path("group").asText());
    }

    @Test
    void anObjectNamedForAnotherNamespaceIsRefused() {
        ObjectNode elsewhere = widget("w", "small");
        ((ObjectNode) elsewhere.path("metadata")).put("namespace", "other");

        assertEquals(400, api.post(WIDGETS, elsewhere).code());
    }

    @Test
    void deletingAnObjectWithFinalizersOnlyMarksItUntilTheLastFinalizerGoes() {
        ObjectNode object = widget("w", "small");
        ((ObjectNode) object.path("metadata")).putArray("finalizers").add("example.io/cleanup");
        String start = api.post(WIDGETS, object).resourceVersion();

        Answer marked = api.delete(WIDGETS + "/w", "");
        Answer markedAgain = api.delete(WIDGETS + "/w", "");
        ObjectNode released = marked.object();
        ((ObjectNode) released.path("metadata")).putArray("finalizers");
        Answer lastUpdate = api.put(WIDGETS + "/w", released);

        assertEquals(200, marked.code());
        assertFalse(marked.body().path("metadata").path("deletionTimestamp").asText().isEmpty());
        assertEquals(2, marked.generation());
        assertEquals(marked.resourceVersion(), markedAgain.resourceVersion());
        assertEquals(200, lastUpdate.code());
        assertEquals(404, api.get(WIDGETS + "/w").code());
        try (RawApi.Watch watch = api.watch(WIDGETS + "?watch=1&timeoutSeconds=1&resourceVersion=" + start)) {
            assertEquals(List.of("MODIFIED w", "MODIFIED w", "DELETED w"), watch.rest());
        }
    }

    @Test
    void aDeletingObjectTakesNoNewFinalizers() {
        ObjectNode object = widget("w", "small");
        ((ObjectNode) object.path("metadata")).putArray("finalizers").add("a");
        api.post(WIDGETS, object);
        ObjectNode marked = api.delete(WIDGETS + "/w", "").object();
        ((ObjectNode) marked.path("metadata")).putArray("finalizers").add("a").add("b");

        Answer refused = api.put(WIDGETS + "/w", marked);

        assertEquals(422, refused.code());
        assertEquals("metadata.finalizers", refused.body().path("details").path("causes").path(0).path("field")
                .asText());
    }

    @Test
    void deletePreconditionsMustMatchTheObject() {
        Answer created = create("w");
        String uid = created.body().path("metadata").path("uid").asText();

        Answer wrongUid = api.delete(WIDGETS + "/w", "{\"preconditions\": {\"uid\": \"other\"}}");
        Answer wrongVersion = api.delete(WIDGETS + "/w", "{\"preconditions\": {\"resourceVersion\": \"999\"}}");
        Answer matching = api.delete(WIDGETS + "/w", "{\"preconditions\": {\"uid\": \"" + uid
                + "\", \"resourceVersion\": \"" + created.resourceVersion() + "\"}}");

        assertEquals(409, wrongUid.code());
        assertTrue(wrongUid.body().path("message").asText().contains("Precondition failed: UID in precondition"));
        assertEquals(409, wrongVersion.code());
        assertEquals(200, matching.code());
        assertEquals(404, api.get(WIDGETS + "/w").code());
    }

    @Test
    void aMergePatchMergesObjectsAndRemovesNulls() {
        create("w");

        Answer patched = api.patch(WIDGETS + "/w", "application/merge-patch+json",
                "{\"metadata\": {\"labels\": {\"app\": null, \"tier\": \"db\"}}, \"spec\": {\"colour\": \"red\"}}");

        assertEquals(json("{\"tier\": \"db\"}"), patched.body().path("metadata").path("labels"));
        assertEquals(json("{\"size\": \"small\", \"colour\": \"red\"}"), patched.body().path("spec"));
        assertEquals(2, patched.generation());
    }

    @Test
    void aJsonPatchAppliesItsOperationsAndAFailedTestChangesNothing() {
        Answer created = create("w");

        Answer failed = api.patch(WIDGETS + "/w", "application/json-patch+json", """
                [{"op": "replace", "path": "/spec/size", "value": "large"},
                 {"op": "test", "path": "/spec/size", "value": "small"}]""");
        String versionAfterFailure = api.get(WIDGETS + "/w").resourceVersion();
        Answer patched = api.patch(WIDGETS + "/w", "application/json-patch+json", """
                [{"op": "test", "path": "/spec/size", "value": "small"},
                 {"op": "add", "path": "/spec/parts", "value": ["a"]},
                 {"op": "add", "path": "/spec/parts/-", "value": "b"},
                 {"op": "remove", "path": "/metadata/labels/app"}]""");

        assertEquals(422, failed.code());
        assertEquals(created.resourceVersion(), versionAfterFailure);
        assertEquals(json("{\"size\": \"small\", \"parts\": [\"a\", \"b\"]}"), patched.body().path("spec"));
        assertTrue(patched.body().path("metadata").path("labels").isEmpty());
    }

    @Test
    void applyCreatesOrMergesAndRecordsTheFieldManager() {
        Answer created = api.patch(WIDGETS + "/w?fieldManager=smc", "application/apply-patch+yaml",
                "apiVersion: example.io/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: small\n");
        Answer merged = api.patch(WIDGETS + "/w?fieldManager=smc&force=true", "application/apply-patch+yaml",
                "{\"apiVersion\": \"example.io/v1\", \"kind\": \"Widget\", \"metadata\": {\"name\": \"w\"},"
                        + " \"spec\": {\"colour\": \"red\"}}");
        Answer unmanaged = api.patch(WIDGETS + "/w", "application/apply-patch+yaml", "{}");

        assertEquals(201, created.code());
        assertEquals("smc", created.body().path("metadata").path("managedFields").path(0).path("manager").asText());
        assertEquals(json("{\"size\": \"small\", \"colour\": \"red\"}"), merged.body().path("spec"));
        assertEquals(1, merged.body().path("metadata").path("managedFields").size());
        assertEquals(422, unmanaged.code());
    }

    @Test
    void aPatchOfTheStatusSubresourceChangesOnlyStatus() {
        create("w");

        Answer patched = api.patch(WIDGETS + "/w/status", "application/merge-patch+json",
                "{\"spec\": {\"size\": \"large\"}, \"status\": {\"ready\": true}}");

        assertEquals("small", patched.body().path("spec").path("size").asText());
        assertTrue(patched.body().path("status").path("ready").asBoolean());
        assertEquals(1, patched.generation());
    }

    @Test
    void listsByLabelSelectorAndPagesWithContinueTokens() {
        for (String name : List.of("d", "c", "b", "a")) {
            ObjectNode object = widget(name, "small");
            ((ObjectNode) object.path("metadata").path("labels")).put("shard", name.equals("b") ? "1" : "0");
            api.post(WIDGETS, object);
        }

        Answer first = api.get(WIDGETS + "?labelSelector=shard%3D0&limit=2");
        Answer second = api.get(WIDGETS + "?labelSelector=shard%3D0&limit=2&continue="
                + first.body().path("metadata").path("continue").asText());

        assertEquals(List.of("a", "c"), names(first));
        assertEquals(1, first.body().path("metadata").path("remainingItemCount").asInt());
        assertEquals(server.resourceVersion(), first.resourceVersion());
        assertEquals("WidgetList", first.body().path("kind").asText());
        assertEquals(List.of("d"), names(second));
        assertTrue(second.body().path("metadata").path("continue").isMissingNode());
    }

    @Test
    void aContinueTokenFromBeforeCompactionIsExpired() {
        create("a");
        create("b");
        Answer first = api.get(WIDGETS + "?limit=1");
        create("c");
        server.compact();

        Answer expired = api.get(WIDGETS + "?limit=1&continue=" + first.body().path("metadata").path("continue")
                .asText());

        assertEquals(410, expired.code());
        assertEquals("Expired", expired.reason());
    }

    @Test
    void listAtResourceVersionZeroIsServedLikeAConsistentList() {
        create("a");

        assertEquals(names(api.get(WIDGETS)), names(api.get(WIDGETS + "?resourceVersion=0")));
        assertEquals(api.get(WIDGETS).resourceVersion(), api.get(WIDGETS + "?resourceVersion=0").resourceVersion());
    }

    @Test
    void listsAcrossNamespacesAndByFieldSelector() {
        create("a");
        api.post("/apis/example.io/v1/namespaces/other/widgets", widget("b", "small"));

        assertEquals(List.of("a", "b"), names(api.get("/apis/example.io/v1/widgets")));
        assertEquals(List.of("b"), names(api.get("/apis/example.io/v1/widgets?fieldSelector=metadata.namespace%3Dother")));
        assertEquals(List.of("a", "b"), names(api.get("/apis/example.io/v1/widgets?fieldSelector=spec.size%3Dsmall")));
        assertEquals(List.of(), names(api.get("/apis/example.io/v1/widgets?fieldSelector=spec.size%3Dlarge")));
        assertEquals(400, api.get("/apis/example.io/v1/widgets?fieldSelector=spec%5B0%5D%3Dsmall").code());
    }

    @Test
    void aWatchFromAVersionReplaysLaterChangesThenFollowsLiveOnes() {
        String start = create("a").resourceVersion();
        create("b");
        api.delete(WIDGETS + "/a", "");

        try (RawApi.Watch watch = api.watch(WIDGETS + "?watch=1&timeoutSeconds=5&resourceVersion=" + start)) {
            assertEquals("ADDED b", watch.next());
            assertEquals("DELETED a", watch.next());
            server.awaitWatches(1);
            create("c");
            assertEquals("ADDED c", watch.next());
        }
    }

    @Test
    void aWatchWithoutVersionStartsWithTheCurrentObjects() {
        create("a");
        create("b");

        try (RawApi.Watch watch = api.watch(WIDGETS + "?watch=1&timeoutSeconds=1")) {
            assertEquals(List.of("ADDED a", "ADDED b"), watch.rest());
        }
    }

    @Test
    void aSelectedWatchSeesObjectsLeavingAndEnteringTheSelectionAsDeletedAndAdded() {
        String start = create("w").resourceVersion();
        api.patch(WIDGETS + "/w", "application/merge-patch+json", "{\"metadata\": {\"labels\": {\"app\": \"db\"}}}");
        api.patch(WIDGETS + "/w", "application/merge-patch+json", "{\"spec\": {\"size\": \"large\"}}");
        api.patch(WIDGETS + "/w", "application/merge-patch+json", "{\"metadata\": {\"labels\": {\"app\": \"web\"}}}");

        try (RawApi.Watch watch = api.watch(WIDGETS + "?watch=1&timeoutSeconds=1&labelSelector=app%3Dweb"
                + "&resourceVersion=" + start)) {
            assertEquals(List.of("DELETED w", "ADDED w"), watch.rest());
        }
    }

    @Test
    void aWatchFromACompactedVersionIsGone() {
        String old = create("a").resourceVersion();
        create("b");
        server.compact();

        try (RawApi.Watch watch = api.watch(WIDGETS + "?watch=1&resourceVersion=" + old)) {
            assertEquals(410, watch.code);
            assertEquals("Expired", watch.nextEvent().path("reason").asText());
        }
        try (RawApi.Watch fromNow = api.watch(WIDGETS + "?watch=1&timeoutSeconds=1&resourceVersion="
                + server.resourceVersion())) {
            assertEquals(200, fromNow.code);
        }
    }

    @Test
    void bookmarksGoOnlyToWatchesThatAllowThem() {
        try (RawApi.Watch with = api.watch(WIDGETS + "?watch=1&timeoutSeconds=2&allowWatchBookmarks=true");
             RawApi.Watch without = api.watch(WIDGETS + "?watch=1&timeoutSeconds=2")) {
            server.awaitWatches(2);
            create("a");
            server.bookmark();

            assertEquals(List.of("ADDED a", "BOOKMARK " + server.resourceVersion()), with.rest());
            assertEquals(List.of("ADDED a"), without.rest());
        }
    }

    @Test
    void expiringOpenWatchesSendsAGoneErrorEventAndEndsThem() {
        try (RawApi.Watch watch = api.watch(WIDGETS + "?watch=1&timeoutSeconds=5")) {
            server.awaitWatches(1);
            server.expireWatches();

            assertEquals(List.of("ERROR 410"), watch.rest());
        }
    }

    @Test
    void servesClusterScopedAndCoreSubresourcePaths() {
        Answer namespace = api.post("/api/v1/namespaces", json("{\"metadata\": {\"name\": \"apps\"}}"));
        Answer status = api.put("/api/v1/namespaces/apps/status", json("""
                {"metadata": {"name": "apps"}, "status": {"phase": "Active"}}"""));

        assertEquals(201, namespace.code());
        assertTrue(namespace.body().path("metadata").path("namespace").isMissingNode());
        assertEquals("Active", status.body().path("status").path("phase").asText());
        assertEquals(404, api.get("/healthz").code());
    }

    @Test
    void recordsEveryRequestButPrintsOnlyItsAction() {
        api.send("GET", WIDGETS + "?limit=1", null, null);
        server.failNext(1, Failure.forbidden("no"), request -> request.method().equals("POST"));
        api.get(WIDGETS + "/x");
        Answer refused = api.post(WIDGETS, widget("a", "small"));

        assertEquals(403, refused.code());
        assertEquals(List.of("GET " + WIDGETS + "?limit=1", "GET " + WIDGETS + "/x", "POST " + WIDGETS),
                server.actions());
        RecordedRequest post = server.requests().get(2);
        assertTrue(post.body().contains("\"size\":\"small\""));
        assertEquals("POST " + WIDGETS, post.toString());
    }

    @Test
    void seededObjectsCanBeReadBack() {
        server.seed(WIDGET_TYPE, "{\"kind\": \"Widget\", \"metadata\": {\"name\": \"w\", \"namespace\": \"apps\"}}");

        assertEquals("w", server.object(WIDGET_TYPE, "apps", "w").orElseThrow().path("metadata").path("name")
                .asText());
        assertEquals(1, server.objects(WIDGET_TYPE, null).size());
        assertEquals(0, server.objects(WIDGET_TYPE, "other").size());
    }

    private static List<String> names(Answer list) {
        List<String> names = new java.util.ArrayList<>();
        list.body().path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
        return names;
    }
}
