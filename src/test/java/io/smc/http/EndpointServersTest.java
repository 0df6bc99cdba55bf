package io.smc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.metrics.MetricsRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EndpointServersTest {
    private final MetricsRegistry registry = new MetricsRegistry();
    private EndpointServers servers;

    @AfterEach
    void stop() {
        if (servers != null) {
            servers.stop();
        }
    }

    private static Optional<BindAddress> address(String flag) {
        return BindAddress.parse(flag);
    }

    private void start(String metricsFlag, String probesFlag) throws IOException {
        servers = EndpointServers.start(address(metricsFlag), address(probesFlag), registry, Probes.none());
    }

    private int portOf(Endpoint endpoint) {
        return servers.serving(endpoint).orElseThrow().port();
    }

    @Test
    void equalAddressesShareOneServerForAllThreePaths() throws Exception {
        start("127.0.0.1:0", "127.0.0.1:0");

        assertEquals(1, servers.servers().size());
        int port = portOf(Endpoint.METRICS);
        assertEquals(port, portOf(Endpoint.PROBES));
        assertEquals(200, Http.get(port, "/metrics").statusCode());
        assertEquals(200, Http.get(port, "/healthz").statusCode());
        assertEquals(200, Http.get(port, "/readyz").statusCode());
    }

    @Test
    void differentAddressesGetAServerEachServingOnlyItsOwnPaths() throws Exception {
        start("127.0.0.1:0", ":0");

        assertEquals(2, servers.servers().size());
        int metrics = portOf(Endpoint.METRICS);
        int probes = portOf(Endpoint.PROBES);
        assertNotEquals(metrics, probes);
        assertEquals(200, Http.get(metrics, "/metrics").statusCode());
        assertEquals(404, Http.get(metrics, "/healthz").statusCode());
        assertEquals(404, Http.get(metrics, "/readyz").statusCode());
        assertEquals(404, Http.get(probes, "/metrics").statusCode());
        assertEquals(200, Http.get(probes, "/healthz").statusCode());
        assertEquals(200, Http.get(probes, "/readyz").statusCode());
        assertEquals(EnumSet.of(Endpoint.METRICS), servers.servers().get(0).endpoints());
    }

    @Test
    void disabledMetricsStillServesTheProbesOnTheirAddress() throws Exception {
        start("0", "127.0.0.1:0");

        assertEquals(1, servers.servers().size());
        assertEquals(Optional.empty(), servers.serving(Endpoint.METRICS));
        int probes = portOf(Endpoint.PROBES);
        assertEquals(200, Http.get(probes, "/healthz").statusCode());
        assertEquals(404, Http.get(probes, "/metrics").statusCode());
    }

    @Test
    void disabledProbesStillServesTheMetrics() throws Exception {
        start("127.0.0.1:0", "0");

        assertEquals(1, servers.servers().size());
        assertEquals(Optional.empty(), servers.serving(Endpoint.PROBES));
        assertEquals(200, Http.get(portOf(Endpoint.METRICS), "/metrics").statusCode());
        assertEquals(404, Http.get(portOf(Endpoint.METRICS), "/healthz").statusCode());
    }

    @Test
    void bothDisabledStartsNothing() throws Exception {
        start("0", "0");

        assertEquals(0, servers.servers().size());
    }

    @Test
    void whenTheSecondAddressCannotBeBoundTheFirstIsNotLeftListening() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class,
                    () -> start("127.0.0.1:" + free, "127.0.0.1:" + taken.getLocalPort()));

            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    e.getMessage());
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", free).close());
    }
}
