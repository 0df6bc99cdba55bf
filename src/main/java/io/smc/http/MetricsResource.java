package io.smc.http;

import io.smc.metrics.MetricsRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * {@code /metrics}: the registry in Prometheus' text format. One scrape renders at a time; one that arrives while
 * another renders gets 503 at once. Scrapes then cannot take every worker of a server that also answers the probes,
 * and a stuck collector costs one thread, not all of them.
 */
final class MetricsResource implements Resource {
    private final MetricsRegistry registry;
    private final Semaphore rendering = new Semaphore(1);

    MetricsResource(MetricsRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Reply get() throws IOException {
        if (!rendering.tryAcquire()) {
            return Reply.text(503, "another scrape is in progress\n");
        }
        try {
            StringBuilder text = new StringBuilder(8192);
            registry.writeText(text);
            return new Reply(200, MetricsRegistry.TEXT_CONTENT_TYPE, text.toString().getBytes(StandardCharsets.UTF_8),
                    Map.of());
        } finally {
            rendering.release();
        }
    }
}
