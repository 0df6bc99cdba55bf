package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> queued = new ArrayList<>();
    private final ConfigEvents events = new ConfigEvents(queued::add);

    private static ObjectNode config(long generation, String resourceVersion) {
        ObjectNode config = JSON.createObjectNode();
        config.putObject("metadata").put("namespace", "team-a").put("name", "app").put("generation", generation)
                .put("resourceVersion", resourceVersion);
        config.putObject("spec").putObject("sourceRef").put("name", "repo");
        return config;
    }

    @Test
    void addsAndDeletesAreQueuedByNamespaceAndName() {
        events.onAdd(config(1, "10"));
        events.onDelete(config(1, "11"));
        assertEquals(List.of("team-a/app", "team-a/app"), queued);
    }

    @Test
    void aNewGenerationIsQueued() {
        events.onUpdate(config(1, "10"), config(2, "11"));
        assertEquals(List.of("team-a/app"), queued);
    }

    @Test
    void aStatusWriteAloneIsNotQueued() {
        ObjectNode written = config(1, "11");
        written.putObject("status").put("observedGeneration", 1).putArray("conditions").addObject()
                .put("type", "Ready").put("status", "True");
        events.onUpdate(config(1, "10"), written);
        assertEquals(List.of(), queued);
    }

    @Test
    void labelsAndForeignAnnotationsAloneAreNotQueued() {
        ObjectNode relabelled = config(1, "11");
        relabelled.withObjectProperty("metadata").putObject("labels").put("team", "a");
        relabelled.withObjectProperty("metadata").putObject("annotations").put("example.com/note", "x");
        assertFalse(ConfigEvents.needsReconcile(config(1, "10"), relabelled));
    }

    @Test
    void theStartOfDeletionIsQueued() {
        ObjectNode deleting = config(1, "11");
        deleting.withObjectProperty("metadata").put("deletionTimestamp", "2026-12-07T06:00:00Z");
        assertTrue(ConfigEvents.needsReconcile(config(1, "10"), deleting));
    }

    @Test
    void triggerAnnotationsAreQueuedWhenTheyChange() {
        ObjectNode before = config(1, "10");
        before.withObjectProperty("metadata").putObject("annotations").put(ConfigEvents.FLUX_REQUESTED_AT, "1");
        ObjectNode flux = config(1, "11");
        flux.withObjectProperty("metadata").putObject("annotations").put(ConfigEvents.FLUX_REQUESTED_AT, "2");
        ObjectNode own = config(1, "12");
        own.withObjectProperty("metadata").putObject("annotations").put(ConfigEvents.FLUX_REQUESTED_AT, "1")
                .put("secret-management.microscaler.io/force-delete", "true");
        assertTrue(ConfigEvents.needsReconcile(before, flux));
        assertTrue(ConfigEvents.needsReconcile(before, own));
        assertFalse(ConfigEvents.needsReconcile(before, before.deepCopy()));
    }
}
