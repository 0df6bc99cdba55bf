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
 * The Ready condition it concludes goes to the {@link ConfigMetrics} whether written or found unchanged.
 */
public final class StatusWriter {
    private final KubeApi api;
    private final Clock clock;
    private final ConfigMetrics metrics;

    public StatusWriter(KubeApi api, Clock clock) {
        this(api, clock, ConfigMetrics.NONE);
    }

    public StatusWriter(KubeApi api, Clock clock, ConfigMetrics metrics) {
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Writes what {@code verdict} makes of the cached object's status; returns whether it wrote. The Ready condition
     * is reported once the status holds it, so a failed write reports nothing.
     */
    public boolean write(ObjectNode cached, Verdict verdict) throws KubeException {
        SecretManagerConfigStatus previous = status(cached);
        SecretManagerConfigStatus next = StatusUpdate.next(previous, cached.path("metadata").path("generation")
                .asLong(0), clock.instant(), verdict);
        String namespace = cached.path("metadata").path("namespace").asText();
        String name = cached.path("metadata").path("name").asText();
        boolean changed = previous == null || StatusUpdate.differsMeaningfully(previous, next);
        if (changed) {
            api.patch(WatchedKinds.CONFIGS, namespace, name, PatchType.MERGE, StatusPatch.mergePatch(next), null,
                    false, "status");
        }
        metrics.ready(namespace, name, verdict.ready());
        return changed;
    }

    /** The config is gone from the cache: what was reported about its status goes too. */
    public void gone(String namespace, String name) {
        metrics.forget(namespace, name);
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
