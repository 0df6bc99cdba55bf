package io.smc.http;

import java.util.List;

/** What a server may serve: the metrics, the probes, or both (one server per bind address). */
public enum Endpoint {
    /** {@code /metrics}: the registry in Prometheus' text format. */
    METRICS(List.of("/metrics")),
    /** {@code /healthz} (liveness) and {@code /readyz} (readiness). */
    PROBES(List.of("/healthz", "/readyz"));

    private final List<String> paths;

    Endpoint(List<String> paths) {
        this.paths = paths;
    }

    public List<String> paths() {
        return paths;
    }
}
