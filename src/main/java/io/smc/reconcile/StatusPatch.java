package io.smc.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.ApiJson;
import io.smc.api.SecretManagerConfigStatus;
import java.lang.reflect.RecordComponent;
import java.util.Objects;

/**
 * The body of a JSON merge patch ({@link io.smc.kube.PatchType#MERGE}) of the {@code status} subresource:
 * {@code {"status": {...}}}, so a reconciler writes its status without a read-modify-write of the whole object and
 * without touching spec or metadata.
 */
public final class StatusPatch {
    private StatusPatch() {
    }

    /**
     * The merge patch that makes the object's status equal {@code status}. Every status field is present: one that
     * is null in {@code status} is written as JSON null, because in a merge patch an absent field keeps the server's
     * value and only null removes it (a {@code nextReconcileTime} that no longer applies must go). Lists replace
     * the server's lists whole, as merge patches do.
     */
    public static ObjectNode mergePatch(SecretManagerConfigStatus status) {
        Objects.requireNonNull(status, "status");
        ObjectNode present = ApiJson.mapper().valueToTree(status);
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (RecordComponent component : SecretManagerConfigStatus.class.getRecordComponents()) {
            JsonNode value = present.get(component.getName());
            if (value == null) {
                fields.putNull(component.getName());
            } else {
                fields.set(component.getName(), value);
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("status", fields);
        return body;
    }
}
