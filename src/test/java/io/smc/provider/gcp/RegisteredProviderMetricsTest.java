package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.metrics.MetricsRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisteredProviderMetricsTest {
    private final MetricsRegistry registry = new MetricsRegistry();
    private final RegisteredProviderMetrics metrics = new RegisteredProviderMetrics(registry);

    private List<String> requestSeries() throws IOException {
        StringBuilder out = new StringBuilder();
        registry.writeText(out);
        return out.toString().lines().filter(line -> line.startsWith("secret_manager_provider_requests_total{"))
                .toList();
    }

    @Test
    void theCodesAlertsWatchAreServedAtZeroForEveryMethodBeforeAnyCall() throws IOException {
        List<String> series = requestSeries();

        assertEquals(GcpMethod.values().length * 3, series.size(), series.toString());
        for (GcpMethod method : GcpMethod.values()) {
            for (String code : List.of("OK", "RESOURCE_EXHAUSTED", "PERMISSION_DENIED")) {
                String expected = "secret_manager_provider_requests_total{provider=\"gcp\",method=\"" + method.rpc()
                        + "\",code=\"" + code + "\"} 0";
                assertTrue(series.contains(expected), expected + " in " + series);
            }
        }
    }

    @Test
    void eachAttemptCountsUnderItsMethodAndCodeAndOtherCodesAppearWhenSeen() throws IOException {
        metrics.request("AddSecretVersion", "RESOURCE_EXHAUSTED", Duration.ofMillis(3));
        metrics.request("AddSecretVersion", "UNAVAILABLE", Duration.ofMillis(3));

        assertEquals(1, metrics.requests("AddSecretVersion", "RESOURCE_EXHAUSTED"));
        assertTrue(requestSeries().contains("secret_manager_provider_requests_total{provider=\"gcp\","
                + "method=\"AddSecretVersion\",code=\"UNAVAILABLE\"} 1"), requestSeries().toString());
        assertEquals(GcpMethod.values().length * 3 + 1, requestSeries().size());
    }
}
