package io.smc.kube.informer;

import static io.smc.kube.testing.ScriptedKubeApi.apiError;
import static io.smc.kube.testing.ScriptedKubeApi.end;
import static io.smc.kube.testing.ScriptedKubeApi.errorEvent;
import static io.smc.kube.testing.ScriptedKubeApi.fail;
import static io.smc.kube.testing.ScriptedKubeApi.transportError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.ResourceType;
import io.smc.kube.testing.Eventually;
import io.smc.kube.testing.MutableClock;
import io.smc.kube.testing.RecordingSleeper;
import io.smc.kube.testing.ScriptedKubeApi;
import io.smc.kube.testing.ScriptedKubeApi.FakeWatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The informer against a server that keeps changing and keeps dropping it, in a seeded random mix. */
class InformerSurvivalTest {
    private static final ResourceType TYPE = InformerTest.CONFIGS;
    private static final int ROUNDS = 100;

    private enum Disruption {
        /** The connection breaks mid-stream. */
        RESET,
        /** The server sends an ERROR event with a 410 Status. */
        GONE_EVENT,
        /** The stream breaks and re-opening it is answered 410. */
        GONE_ON_OPEN,
        /** The history is compacted, then the stream breaks: re-opening may or may not be too old. */
        COMPACTION,
        /** The server ends the stream cleanly (its timeout). */
        CLEAN_END,
        /** The stream ends, then three watches in a row end at once without events (GKE). */
        EMPTY_WATCHES,
        /** A 410 event, and the relist that follows fails once. */
        LIST_FAILURE,
        /** A line that is not JSON, and the next open answers 500. */
        GARBAGE_THEN_SERVER_ERROR
    }

    private final ScriptedKubeApi api = new ScriptedKubeApi();
    private final Random chaos = new Random(20261128L);
    private final List<String> logs = Collections.synchronizedList(new ArrayList<>());

    @Test
    void survivesAHundredDisconnectsAndGonesWhileTheServerKeepsChangingAndEndsIdenticalToTheServer()
            throws Exception {
        for (int i = 0; i < 30; i++) {
            change();
        }
        RecordingHandler handler = new RecordingHandler();
        RecordingSleeper sleeper = new RecordingSleeper();
        Informer informer = Informer.builder(api, TYPE).handler(handler).sleeper(sleeper)
                .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))).random(new Random(7))
                .log(logs::add).pageLimit(7).build();
        Map<Disruption, Integer> disruptions = new EnumMap<>(Disruption.class);
        try {
            informer.start();
            Eventually.await("the first list", informer::hasSynced);
            for (int round = 0; round < ROUNDS; round++) {
                changes();
                FakeWatch watch = api.awaitOpenWatch();
                Disruption disruption = Disruption.values()[chaos.nextInt(Disruption.values().length)];
                disruptions.merge(disruption, 1, Integer::sum);
                disrupt(watch, disruption);
                changes();
                Eventually.await("round " + round + " (" + disruption + ") to close its watch", watch::isClosed,
                        () -> "log " + logs);
            }
            Eventually.await("the cache to catch up with the server",
                    () -> api.versions(TYPE).equals(versions(informer)) && api.versions(TYPE).equals(handler.mirror()),
                    () -> "server " + api.versions(TYPE) + ", cache " + versions(informer) + ", mirror "
                            + handler.mirror());

            assertTrue(informer.isRunning());
        } finally {
            informer.stop();
        }

        Map<String, String> server = api.versions(TYPE);
        assertEquals(server, versions(informer));
        assertEquals(server, handler.mirror(), "the handlers' view drifted from the cache");
        assertEquals(List.of(), handler.contradictions());
        assertTrue(server.size() > 10, "the server emptied out: " + server);
        assertEquals(Disruption.values().length, disruptions.size(), "not every disruption was tried: " + disruptions);
        int relists = disruptions.get(Disruption.GONE_EVENT) + disruptions.get(Disruption.GONE_ON_OPEN)
                + 2 * disruptions.get(Disruption.LIST_FAILURE) + disruptions.get(Disruption.EMPTY_WATCHES);
        assertTrue(api.calls("list").size() > relists, "lists " + api.calls("list").size() + ", " + disruptions);
        assertTrue(api.calls("watch").size() > ROUNDS, "watches " + api.calls("watch").size());
    }

    private void disrupt(FakeWatch watch, Disruption disruption) {
        switch (disruption) {
            case RESET -> watch.inject(fail(transportError("connection reset")));
            case GONE_EVENT -> watch.inject(errorEvent(410, "Expired"));
            case GONE_ON_OPEN -> {
                api.failNext("watch", apiError(410, ApiException.Reason.GONE));
                watch.inject(fail(transportError("connection reset")));
            }
            case COMPACTION -> {
                change();
                api.compact();
                watch.inject(fail(transportError("connection reset")));
            }
            case CLEAN_END -> watch.inject(end());
            case EMPTY_WATCHES -> {
                for (int i = 0; i < Reflector.EMPTY_WATCHES_BEFORE_RELIST; i++) {
                    api.scriptWatch(end());
                }
                watch.inject(end());
            }
            case LIST_FAILURE -> {
                api.failNext("list", transportError("connection refused"));
                watch.inject(errorEvent(410, "Gone"));
            }
            case GARBAGE_THEN_SERVER_ERROR -> {
                api.failNext("watch", apiError(500, ApiException.Reason.OTHER));
                watch.inject(fail(transportError("watch line is not JSON")));
            }
        }
    }

    private void changes() {
        for (int i = chaos.nextInt(4); i > 0; i--) {
            change();
        }
    }

    /** Creates, updates or deletes one of 60 objects in three namespaces. */
    private void change() {
        String namespace = "ns-" + chaos.nextInt(3);
        String name = "cfg-" + chaos.nextInt(20);
        Optional<ObjectNode> current = api.stored(TYPE, namespace, name);
        if (current.isEmpty()) {
            ObjectNode object = ScriptedKubeApi.newObject(TYPE, namespace, name);
            object.putObject("spec").put("generation", 1);
            api.put(TYPE, object);
        } else if (chaos.nextInt(3) == 0) {
            api.remove(TYPE, namespace, name);
        } else {
            ObjectNode changed = current.get();
            changed.withObjectProperty("spec").put("generation", changed.at("/spec/generation").asInt() + 1);
            api.put(TYPE, changed);
        }
    }

    private static Map<String, String> versions(Informer informer) {
        Map<String, String> versions = new TreeMap<>();
        informer.list().forEach(object -> versions.put(ObjectKeys.of(object), ObjectKeys.resourceVersion(object)));
        return versions;
    }
}
