package io.smc.http;

import java.util.List;

/**
 * The checks behind {@code /healthz} and {@code /readyz}. Both lists are fixed here; each check is asked afresh on
 * every request, so a check's answer may change at any time (caches synced, shutdown begun).
 *
 * @param liveness  every one must pass for {@code /healthz} to answer 200; a failure means "restart me"
 * @param readiness every one must pass for {@code /readyz} to answer 200; a failure means "send me no work yet"
 */
public record Probes(List<HealthCheck> liveness, List<HealthCheck> readiness) {
    public Probes {
        liveness = List.copyOf(liveness);
        readiness = List.copyOf(readiness);
    }

    /** No checks: both probes answer 200 as long as the server answers at all. */
    public static Probes none() {
        return new Probes(List.of(), List.of());
    }
}
