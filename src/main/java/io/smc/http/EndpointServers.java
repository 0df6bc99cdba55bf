package io.smc.http;

import io.smc.metrics.MetricsRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The controller's listeners, from its two flags: {@code --metrics-bind-address} and
 * {@code --health-probe-bind-address}. Equal addresses share one server for all three paths; different ones get a
 * server each; a disabled one (flag {@code 0}, an empty optional here) gets none, and the other is served alone.
 */
public final class EndpointServers {
    /** Prometheus' scrape path. */
    public static final String METRICS_PATH = "/metrics";
    /** The liveness probe's path; install manifests point the kubelet here. */
    public static final String LIVENESS_PATH = "/healthz";
    /** The readiness probe's path; install manifests point the kubelet here. */
    public static final String READINESS_PATH = "/readyz";

    private final List<EndpointServer> servers;

    private EndpointServers(List<EndpointServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /**
     * Starts the servers the two addresses call for (none when both are empty).
     *
     * @throws IOException when an address cannot be bound, including two different spellings of one address
     *                     ({@code :8080} and {@code 0.0.0.0:8080}); nothing is left listening
     */
    public static EndpointServers start(Optional<BindAddress> metrics, Optional<BindAddress> probes,
            MetricsRegistry registry, Probes checks) throws IOException {
        List<EndpointServer> started = new ArrayList<>();
        try {
            if (metrics.isPresent() && metrics.equals(probes)) {
                started.add(EndpointServer.start(metrics.get(), EnumSet.allOf(Endpoint.class), registry, checks));
            } else {
                if (metrics.isPresent()) {
                    started.add(EndpointServer.start(metrics.get(), EnumSet.of(Endpoint.METRICS), registry, checks));
                }
                if (probes.isPresent()) {
                    started.add(EndpointServer.start(probes.get(), EnumSet.of(Endpoint.PROBES), registry, checks));
                }
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(EndpointServer::stop);
            throw e;
        }
        return new EndpointServers(started);
    }

    /** The server that serves {@code endpoint}; empty when its address is disabled. */
    public Optional<EndpointServer> serving(Endpoint endpoint) {
        return servers.stream().filter(server -> server.endpoints().contains(endpoint)).findFirst();
    }

    /** Zero, one or two servers, metrics first. */
    public List<EndpointServer> servers() {
        return servers;
    }

    /** Stops every server; see {@link EndpointServer#stop()}. */
    public void stop() {
        servers.forEach(EndpointServer::stop);
    }
}
