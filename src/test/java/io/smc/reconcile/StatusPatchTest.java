package io.smc.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.ApiJson;
import io.smc.api.Conditions;
import io.smc.api.InventoryEntry;
import io.smc.api.SecretManagerConfigStatus;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StatusPatchTest {
    private static final Instant NOW = Instant.parse("2026-12-07T06:17:35Z");

    private static SecretManagerConfigStatus published() {
        return StatusUpdate.next(null, 2, NOW, Verdict.ready("1 secret in step", "main@sha1:abc", 1,
                List.of(new InventoryEntry("db-password", 4L, "ENABLED")), NOW.plusSeconds(600))
                .withHandledReconcileAt("2026-12-07T06:17:00Z"));
    }

    @Test
    void patchBodyRoundTripsIntoTheStatus() throws Exception {
        SecretManagerConfigStatus status = published();

        String body = ApiJson.mapper().writeValueAsString(StatusPatch.mergePatch(status));
        JsonNode parsed = ApiJson.mapper().readTree(body);

        assertEquals(status, ApiJson.mapper().treeToValue(parsed.get("status"), SecretManagerConfigStatus.class));
    }

    @Test
    void aStatusWithGapsRoundTripsToo() throws Exception {
        SecretManagerConfigStatus status = StatusUpdate.next(null, 1, NOW, Verdict.progressing("started"));

        SecretManagerConfigStatus read = ApiJson.mapper().treeToValue(
                StatusPatch.mergePatch(status).get("status"), SecretManagerConfigStatus.class);

        assertEquals(status, read);
        assertNull(read.inventory());
    }

    @Test
    void patchTouchesOnlyTheStatus() {
        List<String> top = new ArrayList<>();
        StatusPatch.mergePatch(published()).fieldNames().forEachRemaining(top::add);

        assertEquals(List.of("status"), top);
    }

    @Test
    void everyStatusFieldIsInThePatchSoNullsClearTheServersValues() {
        SecretManagerConfigStatus stalled = StatusUpdate.next(null, 3, NOW,
                Verdict.stalled(Conditions.REASON_VALIDATION_FAILED, "spec.secrets: required"));

        JsonNode fields = StatusPatch.mergePatch(stalled).get("status");

        List<String> names = new ArrayList<>();
        fields.fieldNames().forEachRemaining(names::add);
        assertEquals(Stream.of(SecretManagerConfigStatus.class.getRecordComponents())
                .map(RecordComponent::getName).toList(), names);
        assertTrue(fields.get("nextReconcileTime").isNull());
        assertTrue(fields.get("inventory").isNull());
        assertEquals("Failed", fields.get("phase").asText());
    }

    @Test
    void mergingThePatchOverAnOlderStatusGivesTheNewStatus() throws Exception {
        ObjectNode object = ApiJson.mapper().createObjectNode();
        object.putObject("spec").put("suspend", false);
        object.set("status", ApiJson.mapper().valueToTree(published()));
        SecretManagerConfigStatus suspended = StatusUpdate.next(published(), 3, NOW, Verdict.suspended());
        assertTrue(object.at("/status/nextReconcileTime").isTextual(), "the older status has a next time");

        JsonNode merged = merge(object, StatusPatch.mergePatch(suspended));

        assertEquals(suspended, ApiJson.mapper().treeToValue(merged.get("status"), SecretManagerConfigStatus.class));
        assertFalse(merged.get("status").has("nextReconcileTime"), "a null in a merge patch removes the field");
        assertEquals(object.get("spec"), merged.get("spec"));
    }

    /** RFC 7386 JSON merge patch, as the API server applies {@code application/merge-patch+json}. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : ApiJson.mapper().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
