package io.smc.provider.gcp;

import com.google.api.gax.rpc.StatusCode;
import io.smc.metrics.Counter;
import io.smc.metrics.Histogram;
import io.smc.metrics.MetricsRegistry;
import java.time.Duration;
import java.util.List;

/**
 * {@link ProviderMetrics} kept in a {@link MetricsRegistry}, for {@code /metrics} and the benchmark. The codes alerts
 * watch exist at zero for every method from the start: a counter's first series appearing at 1 would show no
 * increase to {@code increase()}, and the first quota or permission error would go unseen.
 */
public final class RegisteredProviderMetrics implements ProviderMetrics {
    private static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    private static final double[] WAIT_BUCKETS = {0.001, 0.01, 0.1, 0.5, 1, 5, 10, 30, 60};
    /** The codes present at zero for every method (config/monitoring alerts on the last two). */
    static final List<StatusCode.Code> INITIAL_CODES = List.of(StatusCode.Code.OK,
            StatusCode.Code.RESOURCE_EXHAUSTED, StatusCode.Code.PERMISSION_DENIED);

    private final Counter requests;
    private final Histogram duration;
    private final Histogram limiterWait;

    public RegisteredProviderMetrics(MetricsRegistry registry) {
        requests = registry.counter("secret_manager_provider_requests_total",
                "Calls to the secret provider, by provider, method and status code.", "provider", "method", "code");
        duration = registry.histogram("secret_manager_provider_request_duration_seconds",
                "Time of one call to the secret provider, by method.", LATENCY_BUCKETS, "method");
        limiterWait = registry.histogram("secret_manager_rate_limiter_wait_seconds",
                "Time a call waited for the client-side quota limiter.", WAIT_BUCKETS);
        for (GcpMethod method : GcpMethod.values()) {
            for (StatusCode.Code code : INITIAL_CODES) {
                requests.labels("gcp", method.rpc(), code.name());
            }
        }
    }

    @Override
    public void request(String method, String code, Duration elapsed) {
        requests.labels("gcp", method, code).inc();
        duration.labels(method).observe(seconds(elapsed));
    }

    @Override
    public void limiterWait(Duration waited) {
        limiterWait.observe(seconds(waited));
    }

    /** The count of calls so far by method and code, e.g. for the benchmark's figures. */
    public double requests(String method, String code) {
        return requests.labels("gcp", method, code).value();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
