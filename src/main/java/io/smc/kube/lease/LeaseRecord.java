package io.smc.kube.lease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ResourceType;
import java.time.Instant;

/**
 * The spec of a {@code coordination.k8s.io/v1} Lease, with the resourceVersion it was read at. Absent fields are
 * null (a lease nobody holds has no holder), except {@code leaseTransitions}, which counts from 0.
 *
 * @param resourceVersion null for a lease not yet created; an update sends it back so a lost race is a conflict
 */
public record LeaseRecord(String holderIdentity, Integer leaseDurationSeconds, Instant acquireTime,
        Instant renewTime, int leaseTransitions, String resourceVersion) {

    /**
     * Reads a Lease object.
     *
     * @throws IllegalArgumentException a time field is not an RFC 3339 time
     */
    public static LeaseRecord fromLease(ObjectNode lease) {
        JsonNode spec = lease.path("spec");
        return new LeaseRecord(text(spec.get("holderIdentity")),
                spec.path("leaseDurationSeconds").isNumber() ? spec.get("leaseDurationSeconds").asInt() : null,
                time(spec.get("acquireTime")), time(spec.get("renewTime")),
                spec.path("leaseTransitions").asInt(0), text(lease.path("metadata").get("resourceVersion")));
    }

    /** The Lease object to create or update, named {@code name} in {@code namespace}. */
    public ObjectNode toLease(String namespace, String name) {
        ObjectNode lease = JsonNodeFactory.instance.objectNode();
        lease.put("apiVersion", ResourceType.LEASES.apiVersion());
        lease.put("kind", ResourceType.LEASES.kind());
        ObjectNode metadata = lease.putObject("metadata").put("name", name).put("namespace", namespace);
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        ObjectNode spec = lease.putObject("spec");
        if (holderIdentity != null) {
            spec.put("holderIdentity", holderIdentity);
        }
        if (leaseDurationSeconds != null) {
            spec.put("leaseDurationSeconds", leaseDurationSeconds);
        }
        if (acquireTime != null) {
            spec.put("acquireTime", MicroTime.format(acquireTime));
        }
        if (renewTime != null) {
            spec.put("renewTime", MicroTime.format(renewTime));
        }
        spec.put("leaseTransitions", leaseTransitions);
        return lease;
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() || node.asText().isEmpty() ? null : node.asText();
    }

    private static Instant time(JsonNode node) {
        String text = text(node);
        return text == null ? null : MicroTime.parse(text);
    }
}
