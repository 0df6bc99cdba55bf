package io.smc.http;

import com.sun.net.httpserver.HttpServer;
import io.smc.log.Log;
import io.smc.metrics.MetricsRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One listener serving some of the controller's endpoints ({@link Endpoint}): {@code /metrics}, and {@code /healthz}
 * with {@code /readyz}. Only GET and HEAD are answered (405 with {@code Allow: GET, HEAD} otherwise), any other path
 * is 404, and a failing endpoint answers 500 without saying why. Two worker threads answer requests; more than a
 * short queue's worth of waiting requests are turned away with 503 ({@link BoundedExecutor}), and a client that is
 * slow to send its request or read the answer is cut off ({@link RequestTimeouts}).
 *
 * <p>A started server keeps the process running (the JDK's dispatcher thread is not a daemon) until {@link #stop()}.
 */
public final class EndpointServer {
    static final int THREADS = 2;
    static final int QUEUE = 16;
    private static final Log LOG = Log.of(EndpointServer.class);

    private final HttpServer server;
    private final BoundedExecutor executor;
    private final Set<Endpoint> endpoints;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EndpointServer(HttpServer server, BoundedExecutor executor, Set<Endpoint> endpoints) {
        this.server = server;
        this.executor = executor;
        this.endpoints = endpoints;
    }

    /**
     * Binds {@code address} and starts answering.
     *
     * @param registry what {@code /metrics} serves; unused unless {@code endpoints} has {@link Endpoint#METRICS}
     * @param probes   what the probes ask; unused unless {@code endpoints} has {@link Endpoint#PROBES}
     * @throws IOException              when the address cannot be bound (in use, not an address of this host, a host
     *                                  name that does not resolve); nothing is left listening
     * @throws IllegalArgumentException when {@code endpoints} is empty
     */
    public static EndpointServer start(BindAddress address, Set<Endpoint> endpoints, MetricsRegistry registry,
            Probes probes) throws IOException {
        return start(address, endpoints, registry, probes, THREADS, QUEUE);
    }

    static EndpointServer start(BindAddress address, Set<Endpoint> endpoints, MetricsRegistry registry, Probes probes,
            int threads, int queue) throws IOException {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(probes, "probes");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("nothing to serve on " + address);
        }
        Map<String, Resource> resources = new LinkedHashMap<>();
        if (endpoints.contains(Endpoint.METRICS)) {
            resources.put(EndpointServers.METRICS_PATH, new MetricsResource(registry));
        }
        if (endpoints.contains(Endpoint.PROBES)) {
            // 500 says "restart me" to the kubelet; 503 only "send me nothing for now".
            resources.put(EndpointServers.LIVENESS_PATH, new HealthResource(probes.liveness(), 500));
            resources.put(EndpointServers.READINESS_PATH, new HealthResource(probes.readiness(), 503));
        }
        RequestTimeouts.applyDefaults(System.getProperties());
        TcpNoDelay.applyDefault(System.getProperties());
        InetSocketAddress socketAddress = address.socketAddress();
        if (socketAddress.isUnresolved()) {
            throw new IOException("cannot listen on " + address + ": the host name " + address.host()
                    + " does not resolve");
        }
        HttpServer server;
        try {
            server = HttpServer.create(socketAddress, 0);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        BoundedExecutor executor = new BoundedExecutor("http-" + server.getAddress().getPort(), threads, queue);
        server.setExecutor(executor);
        server.createContext("/", new Router(resources, executor::shedding));
        server.start();
        LOG.info("serving", "address", address, "port", server.getAddress().getPort(), "paths", resources.keySet());
        return new EndpointServer(server, executor, Collections.unmodifiableSet(EnumSet.copyOf(endpoints)));
    }

    /** The address bound, with the actual port when port 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Set<Endpoint> endpoints() {
        return endpoints;
    }

    /** Requests waiting for a worker; for tests of the queue. */
    int queued() {
        return executor.queued();
    }

    /**
     * Closes the listener and every open connection at once, without waiting for exchanges in flight: by then the
     * readiness probe has long said so. Calling it again does nothing.
     */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdown();
            LOG.info("stopped serving", "port", server.getAddress().getPort());
        }
    }
}
