package io.smc.kube.http;

import io.smc.kube.ApiException;
import io.smc.kube.ClientMetrics;
import io.smc.kube.CredentialSource;
import io.smc.kube.KubeException;
import io.smc.kube.TransportException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Sends one call, with everything every call needs: the rate limit, the bearer token (refreshed once after a 401,
 * since tokens rotate under us), a retry after the wait the server asks on throttling, one metric per exchange,
 * and errors typed as {@link ApiException} or {@link TransportException}.
 */
final class RequestExecutor {
    private final HttpClient http;
    private final String host;
    private final CredentialSource credentials;
    private final TokenBucket rateLimit;
    private final RetryPolicy retryPolicy;
    private final StatusErrors statusErrors;
    private final ClientOptions options;

    RequestExecutor(HttpClient http, String host, CredentialSource credentials, TokenBucket rateLimit,
            RetryPolicy retryPolicy, StatusErrors statusErrors, ClientOptions options) {
        this.http = http;
        this.host = host;
        this.credentials = credentials;
        this.rateLimit = rateLimit;
        this.retryPolicy = retryPolicy;
        this.statusErrors = statusErrors;
        this.options = options;
    }

    String host() {
        return host;
    }

    /**
     * The 2xx answer to {@code request}; any other answer becomes an {@link ApiException}.
     *
     * @param errorBody reads an error answer's body as text (and releases it)
     */
    <T> HttpResponse<T> send(ApiRequest request, BodyHandler<T> handler, Function<T, String> errorBody)
            throws KubeException {
        boolean reauthenticated = false;
        int throttledRetries = 0;
        while (true) {
            pause(rateLimit::acquire, request);
            Optional<String> token = credentials.token();
            HttpResponse<T> response = exchange(request, token, handler);
            int code = response.statusCode();
            if (code / 100 == 2) {
                return response;
            }
            ApiException error = statusErrors.from(request.target(), code, body(response, errorBody),
                    response.headers());
            if (code == 401 && token.isPresent() && !reauthenticated) {
                // The token may have rotated or expired since it was cached: ask for a fresh one, once.
                credentials.invalidate();
                reauthenticated = true;
                continue;
            }
            Optional<Duration> wait = retryPolicy.waitBefore(error, throttledRetries);
            if (wait.isEmpty()) {
                throw error;
            }
            throttledRetries++;
            pause(() -> options.sleeper().sleep(wait.get()), request);
        }
    }

    private <T> HttpResponse<T> exchange(ApiRequest request, Optional<String> token, BodyHandler<T> handler)
            throws TransportException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .header("Accept", "application/json")
                .header("User-Agent", options.userAgent());
        token.ifPresent(value -> builder.header("Authorization", "Bearer " + value));
        builder.timeout(request.timeout());
        if (request.body() != null) {
            builder.header("Content-Type", request.contentType());
            builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        long start = options.ticker().nanos();
        // The JDK's request timeout ends when the headers arrive; waiting on the future bounds the whole
        // exchange, body included, and cancelling it on timeout or interrupt releases the connection.
        CompletableFuture<HttpResponse<T>> pending = http.sendAsync(builder.build(), handler);
        try {
            HttpResponse<T> response = pending.get(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
            record(request, String.valueOf(response.statusCode()), start);
            return response;
        } catch (TimeoutException e) {
            pending.cancel(true);
            record(request, "<error>", start);
            throw timedOut(request, request.timeout(), e);
        } catch (ExecutionException e) {
            record(request, "<error>", start);
            Throwable cause = e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw timedOut(request, options.connectTimeout(), cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(request, request.timeout(), cause);
            }
            throw new TransportException("cannot " + request.target().describe() + " on " + host + ": "
                    + explain(cause), cause);
        } catch (InterruptedException e) {
            pending.cancel(true);
            record(request, "<error>", start);
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted: " + request.target().describe() + " on " + host, e);
        }
    }

    private TransportException timedOut(ApiRequest request, Duration limit, Throwable cause) {
        return new TransportException("timed out: cannot " + request.target().describe() + " on " + host
                + ": no answer within " + limit.toMillis() + " ms", cause);
    }

    private void record(ApiRequest request, String code, long start) {
        ClientMetrics metrics = options.metrics();
        metrics.request(request.method(), request.target().verb(), host, code,
                Duration.ofNanos(options.ticker().nanos() - start));
    }

    private static <T> String body(HttpResponse<T> response, Function<T, String> errorBody) {
        try {
            return errorBody.apply(response.body());
        } catch (RuntimeException e) {
            // An unreadable error body still leaves the HTTP code to type the error by.
            return "";
        }
    }

    private void pause(Wait wait, ApiRequest request) throws TransportException {
        try {
            wait.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted: " + request.target().describe() + " on " + host, e);
        }
    }

    /** The exception's message, and its root cause's, which is often the informative one. */
    static String explain(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = message(e);
        return root == e || message(root).equals(text) ? text : text + ": " + message(root);
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @FunctionalInterface
    private interface Wait {
        void run() throws InterruptedException;
    }
}
