package io.smc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smc.metrics.MetricsRegistry;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// The timeouts only end a test whose server hangs; nothing here measures time.
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LoadSheddingTest {
    private static final BindAddress LOOPBACK = BindAddress.parse("127.0.0.1:0").orElseThrow();

    private final MetricsRegistry registry = new MetricsRegistry();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean blockOnce = new AtomicBoolean(true);
    private EndpointServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop();
        }
    }

    /** Holds the first caller until the test releases it, as a stuck collector or check would. */
    private void blockTheFirstCall() {
        if (blockOnce.getAndSet(false)) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aProbeIsAnsweredWhileAScrapeIsStuckAndASecondScrapeIsTurnedAway() throws Exception {
        registry.onScrape(this::blockTheFirstCall);
        server = EndpointServer.start(LOOPBACK, EnumSet.allOf(Endpoint.class), registry, Probes.none());
        CompletableFuture<HttpResponse<String>> stuck = Http.sendAsync("GET", server.port(), "/metrics");
        entered.await();

        HttpResponse<String> second = Http.get(server.port(), "/metrics");
        HttpResponse<String> probe = Http.get(server.port(), "/readyz");
        release.countDown();

        assertEquals(503, second.statusCode());
        assertEquals("another scrape is in progress\n", second.body());
        assertEquals(200, probe.statusCode());
        assertEquals(200, stuck.get().statusCode());
    }

    @Test
    void requestsBeyondAFullQueueAreAnswered503WithoutWaiting() throws Exception {
        Probes probes = new Probes(List.of(), List.of(HealthCheck.of("stuck", () -> {
            blockTheFirstCall();
            return Optional.empty();
        })));
        server = EndpointServer.start(LOOPBACK, EnumSet.of(Endpoint.PROBES), registry, probes, 1, 1);
        CompletableFuture<HttpResponse<String>> running = Http.sendAsync("GET", server.port(), "/readyz");
        entered.await();
        CompletableFuture<HttpResponse<String>> queued = Http.sendAsync("GET", server.port(), "/healthz");
        while (server.queued() < 1) {
            Thread.sleep(5);
        }

        HttpResponse<String> turnedAway = Http.get(server.port(), "/healthz");
        release.countDown();

        assertEquals(503, turnedAway.statusCode());
        assertEquals("too many requests in flight\n", turnedAway.body());
        assertEquals(200, running.get().statusCode());
        assertEquals(200, queued.get().statusCode());
    }
}
