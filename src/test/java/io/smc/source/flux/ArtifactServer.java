package io.smc.source.flux;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves artifacts on loopback as source-controller does, with scripted misbehaviour; counts requests per path. */
public final class ArtifactServer implements AutoCloseable {
    /** What the next request for a path gets, instead of the artifact. */
    public enum Fault { NOT_FOUND, SERVER_ERROR, TRUNCATED, STALL }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "artifact-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<String, Deque<Fault>> faultsByPath = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile CountDownLatch gate;

    private ArtifactServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ArtifactServer start() {
        try {
            return new ArtifactServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code archive} at {@code path}; returns the URL. */
    public String serve(String path, byte[] archive) {
        artifacts.put(path, archive);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    public synchronized void failNext(Fault fault) {
        faults.add(fault);
    }

    /** The next request for {@code path} only gets {@code fault}; requests for other paths do not take it. */
    public synchronized void failNext(String path, Fault fault) {
        faultsByPath.computeIfAbsent(path, p -> new ArrayDeque<>()).add(fault);
    }

    /** Requests wait until {@link #open()}, so concurrent callers pile up on one revision. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    public int requests(String path) {
        return requests.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    public static String sha256(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            CountDownLatch waitFor = gate;
            if (waitFor != null) {
                waitFor.await(30, TimeUnit.SECONDS);
            }
            Fault fault;
            synchronized (this) {
                Deque<Fault> forPath = faultsByPath.get(path);
                fault = forPath != null && !forPath.isEmpty() ? forPath.poll() : faults.poll();
            }
            byte[] body = artifacts.get(path);
            if (body == null || fault == Fault.NOT_FOUND) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (fault == Fault.SERVER_ERROR) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/gzip");
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            if (fault == Fault.TRUNCATED) {
                out.write(body, 0, body.length / 2);
                out.flush();
                return;
            }
            if (fault == Fault.STALL) {
                out.write(body, 0, body.length / 2);
                out.flush();
                released.await(30, TimeUnit.SECONDS);
                return;
            }
            out.write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
