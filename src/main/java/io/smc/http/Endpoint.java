package io.smc.http;

import java.util.List;

/** What a server may serve: the metrics, the probes, or both (one server per bind address). */
public enum Endpoint {
    /** {@code /metrics}: the registry in Prometheus' text format. */
    METRICS(List.of(EndpointServers.METRICS_PATH)),
    /** {@code /healthz} (liveness) and {@code /readyz} (readiness). */
    PROBES(List.of(EndpointServers.LIVENESS_PATH, EndpointServers.READINESS_PATH));

    private final List<String> paths;

    Endpoint(List<String> paths) {
        this.paths = paths;
    }

    public List<String> paths() {
        return paths;
    }
}
