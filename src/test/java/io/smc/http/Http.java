package io.smc.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Requests to a server under test on the loopback address, as a kubelet or Prometheus would send them. */
final class Http {
    // HTTP/1.1 as probes and scrapers speak it; the client would otherwise offer an h2c upgrade.
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    private Http() {
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return send("GET", port, path);
    }

    static HttpResponse<String> send(String method, int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(request(method, port, path), HttpResponse.BodyHandlers.ofString());
    }

    static CompletableFuture<HttpResponse<String>> sendAsync(String method, int port, String path) {
        return CLIENT.sendAsync(request(method, port, path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String method, int port, String path) {
        HttpRequest.BodyPublisher body = method.equals("POST") || method.equals("PUT")
                ? HttpRequest.BodyPublishers.ofString("x=1") : HttpRequest.BodyPublishers.noBody();
        // A bound for a broken server, so a failing test ends; no test measures time with it.
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).method(method, body).build();
    }
}
