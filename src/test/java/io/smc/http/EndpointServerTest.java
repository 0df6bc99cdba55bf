package io.smc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.metrics.MetricsRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointServerTest {
    private static final BindAddress LOOPBACK = BindAddress.parse("127.0.0.1:0").orElseThrow();

    private final MetricsRegistry registry = new MetricsRegistry();
    private final AtomicReference<Optional<String>> informer = new AtomicReference<>(Optional.empty());
    private final AtomicBoolean cachesSynced = new AtomicBoolean();
    private final ShutdownCheck shutdown = new ShutdownCheck();
    private final Probes probes = new Probes(
            List.of(HealthCheck.of("informer secretmanagerconfigs", informer::get),
                    HealthCheck.of("ping", Optional::empty)),
            List.of(HealthCheck.of("caches", () -> cachesSynced.get() ? Optional.empty()
                    : Optional.of("not synced yet")), shutdown));
    private EndpointServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private int start() throws IOException {
        server = EndpointServer.start(LOOPBACK, EnumSet.allOf(Endpoint.class), registry, probes);
        return server.port();
    }

    @Test
    void healthzAnswersOkWhileEveryLivenessCheckPasses() throws Exception {
        HttpResponse<String> response = Http.get(start(), "/healthz");

        assertEquals(200, response.statusCode());
        assertEquals("ok", response.body());
        assertEquals(Optional.of("text/plain; charset=utf-8"), response.headers().firstValue("Content-Type"));
    }

    @Test
    void healthzAnswers500NamingEachFailingCheckAndWhy() throws Exception {
        int port = start();
        informer.set(Optional.of("watch thread stopped"));

        HttpResponse<String> response = Http.get(port, "/healthz");

        assertEquals(500, response.statusCode());
        assertEquals("informer secretmanagerconfigs: watch thread stopped\n", response.body());
    }

    @Test
    void aCheckThatThrowsFailsByItsExceptionsTypeWithoutItsMessage() throws Exception {
        Probes throwing = new Probes(List.of(HealthCheck.of("store", () -> {
            throw new IllegalStateException("token=hunter2");
        })), List.of());
        server = EndpointServer.start(LOOPBACK, EnumSet.of(Endpoint.PROBES), registry, throwing);

        HttpResponse<String> response = Http.get(server.port(), "/healthz");

        assertEquals(500, response.statusCode());
        assertEquals("store: the check threw IllegalStateException\n", response.body());
    }

    @Test
    void eachFailureStaysOnItsOwnLine() throws Exception {
        informer.set(Optional.of("watch failed\nand then more"));

        HttpResponse<String> response = Http.get(start(), "/healthz");

        assertEquals("informer secretmanagerconfigs: watch failed and then more\n", response.body());
    }

    @Test
    void readyzAnswers503BeforeTheCachesSyncThen200ThenAgain503OnceShutdownBegins() throws Exception {
        int port = start();

        HttpResponse<String> beforeSync = Http.get(port, "/readyz");
        cachesSynced.set(true);
        HttpResponse<String> synced = Http.get(port, "/readyz");
        shutdown.begin();
        HttpResponse<String> shuttingDown = Http.get(port, "/readyz");

        assertEquals(503, beforeSync.statusCode());
        assertEquals("caches: not synced yet\n", beforeSync.body());
        assertEquals(200, synced.statusCode());
        assertEquals("ok", synced.body());
        assertEquals(503, shuttingDown.statusCode());
        assertEquals("shutdown: shutting down\n", shuttingDown.body());
    }

    @Test
    void readinessDoesNotAffectLiveness() throws Exception {
        assertEquals(200, Http.get(start(), "/healthz").statusCode());
    }

    @Test
    void metricsServesTheRegistryInPrometheusTextFormat() throws Exception {
        registry.counter("secret_manager_syncs_total", "Syncs.", "result").labels("success").inc(3);
        int port = start();

        HttpResponse<String> response = Http.get(port, "/metrics");

        assertEquals(200, response.statusCode());
        assertEquals(Optional.of(MetricsRegistry.TEXT_CONTENT_TYPE), response.headers().firstValue("Content-Type"));
        assertEquals("""
                # HELP secret_manager_syncs_total Syncs.
                # TYPE secret_manager_syncs_total counter
                secret_manager_syncs_total{result="success"} 3
                """, response.body());
    }

    @Test
    void aCollectorThatThrowsDoesNotFailAScrape() throws Exception {
        registry.gauge("secret_manager_managed_secrets", "Secrets.").set(4);
        registry.onScrape(() -> {
            throw new IllegalStateException("collector broke");
        });

        HttpResponse<String> response = Http.get(start(), "/metrics");

        assertEquals(200, response.statusCode());
        assertEquals(4, Scrapes.value(response.body(), "secret_manager_managed_secrets"));
    }

    @Test
    void anEndpointThatFailsAnswers500WithoutTheErrorsText() throws Exception {
        // The registry skips a collector's exceptions, not its errors: this one reaches the router.
        registry.onScrape(() -> {
            throw new AssertionError("token=hunter2");
        });
        int port = start();

        HttpResponse<String> failed = Http.get(port, "/metrics");
        HttpResponse<String> after = Http.get(port, "/healthz");

        assertEquals(500, failed.statusCode());
        assertEquals("internal error\n", failed.body());
        assertEquals(200, after.statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/metricsx", "/metrics/", "/healthz/informer", "/readyz.json", "/debug/pprof"})
    void answers404ForAnyOtherPath(String path) throws Exception {
        HttpResponse<String> response = Http.get(start(), path);

        assertEquals(404, response.statusCode());
        assertEquals("not found\n", response.body());
    }

    @Test
    void aQueryStringDoesNotChangeThePath() throws Exception {
        assertEquals(200, Http.get(start(), "/healthz?verbose").statusCode());
    }

    @ParameterizedTest
    @CsvSource({"POST,/metrics", "PUT,/metrics", "DELETE,/metrics", "POST,/healthz", "PUT,/readyz",
            "DELETE,/readyz", "OPTIONS,/healthz"})
    void answers405WithAllowForMethodsOtherThanGetAndHead(String method, String path) throws Exception {
        HttpResponse<String> response = Http.send(method, start(), path);

        assertEquals(405, response.statusCode());
        assertEquals(Optional.of("GET, HEAD"), response.headers().firstValue("Allow"));
    }

    @Test
    void anUnknownPathIs404WhateverTheMethod() throws Exception {
        assertEquals(404, Http.send("POST", start(), "/quitquitquit").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/metrics", "/healthz", "/readyz"})
    void headAnswersGetsStatusAndHeadersWithoutABody(String path) throws Exception {
        registry.gauge("secret_manager_managed_secrets", "Secrets.").set(4);
        int port = start();

        HttpResponse<String> get = Http.get(port, path);
        HttpResponse<String> head = Http.send("HEAD", port, path);

        assertEquals(get.statusCode(), head.statusCode());
        assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
        assertEquals(Optional.of(Integer.toString(get.body().length())),
                head.headers().firstValue("Content-Length"));
        assertFalse(get.body().isEmpty());
        assertEquals("", head.body());
    }

    @Test
    void servesOnlyTheEndpointsItWasGiven() throws Exception {
        server = EndpointServer.start(LOOPBACK, EnumSet.of(Endpoint.METRICS), registry, probes);

        assertEquals(200, Http.get(server.port(), "/metrics").statusCode());
        assertEquals(404, Http.get(server.port(), "/healthz").statusCode());
        assertEquals(404, Http.get(server.port(), "/readyz").statusCode());
        assertEquals(Set.of(Endpoint.METRICS), server.endpoints());
    }

    @Test
    void refusesToStartWithNothingToServe() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EndpointServer.start(LOOPBACK, EnumSet.noneOf(Endpoint.class), registry, probes));

        assertEquals("nothing to serve on 127.0.0.1:0", e.getMessage());
    }

    @Test
    void anAddressInUseFailsNamingTheAddress() throws Exception {
        int port = start();
        BindAddress taken = BindAddress.parse("127.0.0.1:" + port).orElseThrow();

        IOException e = assertThrows(IOException.class,
                () -> EndpointServer.start(taken, EnumSet.of(Endpoint.PROBES), registry, probes));

        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + port + ": "), e.getMessage());
    }

    @Test
    void stopClosesTheListenerAndMayBeCalledAgain() throws Exception {
        int port = start();
        assertEquals(200, Http.get(port, "/healthz").statusCode());

        server.stop();
        server.stop();

        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }
}
