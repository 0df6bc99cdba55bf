package io.smc.kube.http;

import io.smc.kube.ClientMetrics;
import io.smc.metrics.Counter;
import io.smc.metrics.Histogram;
import io.smc.metrics.MetricsRegistry;
import java.time.Duration;

/**
 * {@link ClientMetrics} kept in a {@link MetricsRegistry} under client-go's names: every API call counted by code,
 * method and host, and timed by verb and host. Watches are timed as the whole life of the stream's opening call.
 */
public final class RegisteredClientMetrics implements ClientMetrics {
    private static final double[] LATENCY_BUCKETS = {0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60};

    private final Counter requests;
    private final Histogram duration;

    public RegisteredClientMetrics(MetricsRegistry registry) {
        requests = registry.counter("rest_client_requests_total",
                "Requests to the Kubernetes API server, by status code, method and host.", "code", "method", "host");
        duration = registry.histogram("rest_client_request_duration_seconds",
                "Latency of requests to the Kubernetes API server, by verb and host.", LATENCY_BUCKETS, "verb",
                "host");
    }

    @Override
    public void request(String method, String verb, String host, String code, Duration elapsed) {
        requests.labels(code, method, host).inc();
        duration.labels(verb, host).observe(elapsed.toNanos() / 1e9);
    }
}
