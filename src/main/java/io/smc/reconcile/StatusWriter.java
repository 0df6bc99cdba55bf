package io.smc.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.ApiJson;
import io.smc.api.Condition;
import io.smc.api.Conditions;
import io.smc.api.SecretManagerConfigStatus;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.PatchType;
import io.smc.runtime.WatchedKinds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Writes a config's status through the status subresource, and only when it changed in substance: an unchanged
 * periodic resync writes nothing (the timestamps alone do not count), so a quiet cluster sees no status traffic.
 */
public final class StatusWriter {
    private final KubeApi api;
    private final Clock clock;

    public StatusWriter(KubeApi api, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes what {@code verdict} makes of the cached object's status; returns whether it wrote. */
    public boolean write(ObjectNode cached, Verdict verdict) throws KubeException {
        SecretManagerConfigStatus previous = status(cached);
        SecretManagerConfigStatus next = StatusUpdate.next(previous, cached.path("metadata").path("generation")
                .asLong(0), clock.instant(), verdict);
        if (previous != null && !StatusUpdate.differsMeaningfully(previous, next)) {
            return false;
        }
        api.patch(WatchedKinds.CONFIGS, cached.path("metadata").path("namespace").asText(),
                cached.path("metadata").path("name").asText(), PatchType.MERGE, StatusPatch.mergePatch(next), null, false,
                "status");
        return true;
    }

    /** When the next reconcile after {@code delay} is due, for the status. */
    public Instant after(Duration delay) {
        return clock.instant().plus(delay);
    }

    /** Whether the cached object's Ready condition says the last reconcile failed (False, not Suspended). */
    public boolean wasFailing(ObjectNode cached) {
        SecretManagerConfigStatus status = status(cached);
        if (status == null || status.conditions() == null) {
            return false;
        }
        return status.conditions().stream().anyMatch(c -> c.type().equals(Conditions.READY)
                && c.status() == Condition.Status.False && !c.reason().equals(Conditions.REASON_SUSPENDED));
    }

    private static SecretManagerConfigStatus status(ObjectNode cached) {
        JsonNode status = cached.get("status");
        if (status == null || !status.isObject()) {
            return null;
        }
        try {
            return ApiJson.mapper().treeToValue(status, SecretManagerConfigStatus.class);
        } catch (Exception e) {
            // A status this controller cannot read (written by an older or newer one) is replaced, not kept.
            return null;
        }
    }
}
