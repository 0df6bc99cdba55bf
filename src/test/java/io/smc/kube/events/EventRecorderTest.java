package io.smc.kube.events;

import static io.smc.kube.testing.ScriptedKubeApi.apiError;
import static io.smc.kube.testing.ScriptedKubeApi.transportError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.ResourceType;
import io.smc.kube.testing.Eventually;
import io.smc.kube.testing.MutableClock;
import io.smc.kube.testing.ScriptedKubeApi;
import io.smc.kube.testing.ScriptedKubeApi.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class EventRecorderTest {
    private static final EventReason SYNCED = EventReason.of("SecretsSynced");
    private static final EventReason SOURCE_MISSING = EventReason.of("SourceUnavailable");
    private static final ObjectReference CONFIG = new ObjectReference("secret-management.microscaler.io/v1beta1",
            "SecretManagerConfig", "team-a", "payments", "uid-1", "41");

    private final ScriptedKubeApi api = new ScriptedKubeApi();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00.123456789Z"));
    private final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    private final EventRecorder recorder = new EventRecorder(api, "secret-manager-controller", "smc-7d9f-abcde",
            Runnable::run, clock, logs::add);

    private List<ObjectNode> events() {
        return api.calls().stream().filter(call -> call.type().equals(ResourceType.EVENTS)).map(Call::body)
                .filter(body -> body != null && body.has("involvedObject")).map(ObjectNode.class::cast).toList();
    }

    private List<String> verbs() {
        return api.calls().stream().map(Call::verb).toList();
    }

    @Test
    void createsAnEventAboutTheInvolvedObject() {
        recorder.normal(CONFIG, SYNCED, "3 secrets in sync");

        assertEquals(List.of("create"), verbs());
        Call create = api.calls().get(0);
        assertEquals("team-a", create.namespace());
        JsonNode event = create.body();
        assertEquals("v1", event.path("apiVersion").asText());
        assertEquals("Event", event.path("kind").asText());
        assertTrue(event.at("/metadata/name").asText().matches("payments\\.[0-9a-f]+"), event.toString());
        assertEquals("team-a", event.at("/metadata/namespace").asText());
        assertEquals(CONFIG.toJson(), event.get("involvedObject"));
        assertEquals("SecretManagerConfig", event.at("/involvedObject/kind").asText());
        assertEquals("uid-1", event.at("/involvedObject/uid").asText());
        assertEquals("SecretsSynced", event.path("reason").asText());
        assertEquals("3 secrets in sync", event.path("message").asText());
        assertEquals("Normal", event.path("type").asText());
        assertEquals(1, event.path("count").asInt());
        assertEquals("2026-03-01T12:00:00Z", event.path("firstTimestamp").asText());
        assertEquals("2026-03-01T12:00:00Z", event.path("lastTimestamp").asText());
        assertEquals("secret-manager-controller", event.at("/source/component").asText());
        assertEquals("secret-manager-controller", event.path("reportingComponent").asText());
        assertEquals("smc-7d9f-abcde", event.path("reportingInstance").asText());
        assertTrue(api.stored(ResourceType.EVENTS, "team-a", event.at("/metadata/name").asText()).isPresent());
    }

    @Test
    void warningsHaveTheWarningType() {
        recorder.warning(CONFIG, SOURCE_MISSING, "GitRepository flux-system/app not found");

        assertEquals("Warning", events().get(0).path("type").asText());
    }

    @Test
    void eventsAboutClusterScopedObjectsGoToTheDefaultNamespace() {
        ObjectNode namespace = ScriptedKubeApi.newObject(ResourceType.NAMESPACES, null, "team-a");
        ((ObjectNode) namespace.get("metadata")).put("uid", "ns-uid");
        recorder.normal(ObjectReference.of(namespace), SYNCED, "ok");

        Call create = api.calls().get(0);
        assertEquals("default", create.namespace());
        assertNull(create.body().at("/involvedObject/namespace").textValue());
        assertEquals("ns-uid", create.body().at("/involvedObject/uid").asText());
    }

    @Test
    void aRepeatWithinTheWindowPatchesCountAndLastTimestampOfTheSameEvent() {
        recorder.warning(CONFIG, SOURCE_MISSING, "not found");
        String name = events().get(0).at("/metadata/name").asText();
        clock.advance(Duration.ofMinutes(9));
        recorder.warning(CONFIG, SOURCE_MISSING, "not found");

        assertEquals(List.of("create", "patch"), verbs());
        Call patch = api.calls().get(1);
        assertEquals(name, patch.name());
        assertEquals("team-a", patch.namespace());
        assertEquals(2, patch.body().path("count").asInt());
        assertEquals("2026-03-01T12:09:00Z", patch.body().path("lastTimestamp").asText());
        ObjectNode stored = api.stored(ResourceType.EVENTS, "team-a", name).orElseThrow();
        assertEquals(2, stored.path("count").asInt());
        assertEquals("2026-03-01T12:00:00Z", stored.path("firstTimestamp").asText());

        clock.advance(Duration.ofMinutes(9));
        recorder.warning(CONFIG, SOURCE_MISSING, "not found");
        assertEquals(3, api.calls().get(2).body().path("count").asInt());
    }

    @Test
    void aRepeatAfterTheWindowCreatesANewEvent() {
        recorder.warning(CONFIG, SOURCE_MISSING, "not found");
        clock.advance(EventRecorder.AGGREGATION_WINDOW);
        recorder.warning(CONFIG, SOURCE_MISSING, "not found");

        assertEquals(List.of("create", "create"), verbs());
        List<ObjectNode> events = events();
        assertNotEquals(events.get(0).at("/metadata/name"), events.get(1).at("/metadata/name"));
        assertEquals(1, events.get(1).path("count").asInt());
    }

    @Test
    void aDifferentTypeReasonMessageOrObjectIsADifferentEvent() {
        recorder.warning(CONFIG, SOURCE_MISSING, "not found");
        recorder.normal(CONFIG, SOURCE_MISSING, "not found");
        recorder.warning(CONFIG, SYNCED, "not found");
        recorder.warning(CONFIG, SOURCE_MISSING, "not found again");
        recorder.warning(new ObjectReference(CONFIG.apiVersion(), CONFIG.kind(), "team-b", CONFIG.name(), "uid-2",
                null), SOURCE_MISSING, "not found");
        // Only the object's resourceVersion differs: still the same event.
        recorder.warning(new ObjectReference(CONFIG.apiVersion(), CONFIG.kind(), CONFIG.namespace(), CONFIG.name(),
                CONFIG.uid(), "42"), SOURCE_MISSING, "not found");

        assertEquals(List.of("create", "create", "create", "create", "create", "patch"), verbs());
    }

    @Test
    void namesAreUniqueEvenWithinOneClockTick() {
        recorder.normal(CONFIG, SYNCED, "one");
        recorder.normal(CONFIG, SYNCED, "two");
        recorder.normal(CONFIG, SYNCED, "three");

        assertEquals(3, events().stream().map(event -> event.at("/metadata/name").asText()).distinct().count());
    }

    @Test
    void cutsMessagesTo1024Characters() {
        recorder.warning(CONFIG, SOURCE_MISSING, "x".repeat(5000));
        recorder.warning(CONFIG, SOURCE_MISSING, "y".repeat(1024));

        String cut = events().get(0).path("message").asText();
        assertEquals(1024, cut.length());
        assertTrue(cut.endsWith("..."));
        assertEquals("y".repeat(1024), events().get(1).path("message").asText());
    }

    @Test
    void doesNotSplitACharacterWhenCutting() {
        // 1021 characters are kept before the marker: here the last of them ends a surrogate pair...
        String whole = EventRecorder.truncate("a".repeat(1019) + "😀".repeat(10));
        assertTrue(whole.endsWith("a😀..."), whole.substring(1010));
        // ...and here it would begin one, so the pair goes.
        String dropped = EventRecorder.truncate("a".repeat(1020) + "😀".repeat(10));
        assertEquals("a".repeat(1020) + "...", dropped);
    }

    @Test
    void aFailedCreateIsLoggedAndSwallowed() {
        api.failNext("create", transportError("connection refused"));
        recorder.warning(CONFIG, SOURCE_MISSING, "token abc123 leaked?");

        assertEquals(List.of("create"), verbs());
        assertEquals(1, logs.size());
        assertTrue(logs.get(0).contains("SourceUnavailable") && logs.get(0).contains("team-a/payments")
                && logs.get(0).contains("connection refused"), logs.get(0));
        assertTrue(logs.stream().noneMatch(line -> line.contains("abc123")), logs::toString);

        // Nothing was remembered, so the next one is a create again, not a patch of an event that never existed.
        recorder.warning(CONFIG, SOURCE_MISSING, "token abc123 leaked?");
        assertEquals(List.of("create", "create"), verbs());
    }

    @Test
    void anUncheckedFailureOfTheApiIsSwallowedToo() {
        api.failNext("create", new IllegalStateException("bug"));
        recorder.normal(CONFIG, SYNCED, "ok");

        assertEquals(1, logs.size());
        assertTrue(logs.get(0).contains("IllegalStateException"), logs.get(0));
    }

    @Test
    void aFailedPatchIsLoggedAndTheNextRepeatTriesAgain() {
        recorder.warning(CONFIG, SOURCE_MISSING, "not found");
        api.failNext("patch", apiError(500, ApiException.Reason.OTHER));
        recorder.warning(CONFIG, SOURCE_MISSING, "not found");
        recorder.warning(CONFIG, SOURCE_MISSING, "not found");

        assertEquals(List.of("create", "patch", "patch"), verbs());
        assertEquals(2, api.calls().get(2).body().path("count").asInt());
        assertEquals(1, logs.size(), logs::toString);
    }

    @Test
    void aRepeatOfAnEventThatExpiredCreatesANewOne() {
        recorder.warning(CONFIG, SOURCE_MISSING, "not found");
        String name = events().get(0).at("/metadata/name").asText();
        api.remove(ResourceType.EVENTS, "team-a", name);
        clock.advance(Duration.ofSeconds(1));
        recorder.warning(CONFIG, SOURCE_MISSING, "not found");

        assertEquals(List.of("create", "patch", "create"), verbs());
        assertEquals(List.of(), logs);
    }

    @Test
    void remembersOnlyTheMostRecentEvents() {
        recorder.normal(CONFIG, SYNCED, "message 0");
        for (int i = 1; i <= EventRecorder.REMEMBERED_EVENTS; i++) {
            recorder.normal(CONFIG, SYNCED, "message " + i);
        }
        recorder.normal(CONFIG, SYNCED, "message " + EventRecorder.REMEMBERED_EVENTS);
        recorder.normal(CONFIG, SYNCED, "message 0");

        List<String> verbs = verbs();
        assertEquals(List.of("patch", "create"), verbs.subList(verbs.size() - 2, verbs.size()));
    }

    @Test
    void aRefusedTaskIsLoggedAndSwallowed() {
        EventRecorder busy = new EventRecorder(api, "secret-manager-controller", "smc-0", task -> {
            throw new RejectedExecutionException("queue full");
        }, clock, logs::add);

        busy.normal(CONFIG, SYNCED, "ok");
        busy.normal(null, SYNCED, "ok");

        assertEquals(List.of(), api.calls());
        assertEquals(2, logs.size(), logs::toString);
        assertTrue(logs.get(0).contains("dropped"), logs.get(0));
    }

    @Test
    void theBackgroundExecutorRecordsOffTheCallingThread() {
        ExecutorService executor = EventRecorder.backgroundExecutor();
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        EventRecorder background = new EventRecorder(api, "secret-manager-controller", "smc-0", task -> {
            executor.execute(() -> {
                threads.add(Thread.currentThread().getName());
                task.run();
            });
        }, clock, logs::add);
        try {
            background.normal(CONFIG, SYNCED, "ok");
            Eventually.await("the event to be created", () -> !api.calls("create").isEmpty());
        } finally {
            executor.shutdownNow();
        }

        assertEquals(List.of("event-recorder"), threads);
    }

    @Test
    void reasonsAreUpperCamelCase() {
        assertEquals("ReconcileFailed", EventReason.of("ReconcileFailed").value());
        for (String bad : List.of("reconcileFailed", "Reconcile Failed", "Reconcile-Failed", "", "R".repeat(129))) {
            assertThrows(IllegalArgumentException.class, () -> EventReason.of(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> EventReason.of(null));
    }

    @Test
    void refusesAMissingComponentOrInstance() {
        assertThrows(IllegalArgumentException.class,
                () -> new EventRecorder(api, " ", "smc-0", Runnable::run, clock, logs::add));
        assertThrows(IllegalArgumentException.class,
                () -> new EventRecorder(api, "smc", null, Runnable::run, clock, logs::add));
    }
}
