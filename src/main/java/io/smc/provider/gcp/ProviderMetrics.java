package io.smc.provider.gcp;

import java.time.Duration;

/**
 * Where the provider reports its calls: {@code secret_manager_provider_requests_total{provider,method,code}},
 * {@code secret_manager_provider_request_duration_seconds{method}} and
 * {@code secret_manager_rate_limiter_wait_seconds}.
 */
public interface ProviderMetrics {
    ProviderMetrics NONE = new ProviderMetrics() {
        @Override
        public void request(String method, String code, Duration elapsed) {
        }

        @Override
        public void limiterWait(Duration waited) {
        }
    };

    /**
     * One attempt of a call.
     *
     * @param method the RPC, such as {@code AddSecretVersion}
     * @param code   the gRPC status code name, {@code OK} on success
     */
    void request(String method, String code, Duration elapsed);

    /** The time a call waited for the quota limiter before it went. */
    void limiterWait(Duration waited);
}
