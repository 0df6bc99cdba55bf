package io.smc.source.flux;

import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Downloads a Flux artifact into a file, streaming: the sha256 digest is computed while the bytes arrive, and the
 * size cap stops an endless or oversized body before it fills the disk.
 *
 * <p>Errors: {@link SourceNotReadyException} on 404 (Flux garbage-collected that revision; the source will report a
 * new one); a refusal {@link SourceException} (not retryable) for a digest mismatch, an unsupported digest
 * algorithm, or a body over the cap; a retryable {@link SourceException} for everything else (I/O, timeouts,
 * truncated bodies, other HTTP statuses). The file is deleted on any failure.
 *
 * <p>{@code SOURCE_CONTROLLER_LOCALHOST=host:port} in the environment replaces the artifact URL's host and port, as
 * Flux's own controllers do, for running outside the cluster with {@code kubectl port-forward}.
 */
public final class ArtifactDownloader {
    public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;
    static final String LOCALHOST_VARIABLE = "SOURCE_CONTROLLER_LOCALHOST";

    private final HttpClient client;
    private final Duration readTimeout;
    private final long maxBytes;
    private final String localhost;

    private ArtifactDownloader(Duration connectTimeout, Duration readTimeout, long maxBytes, Map<String, String> env) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
        String value = env.get(LOCALHOST_VARIABLE);
        this.localhost = value == null || value.isBlank() ? null : value.trim();
    }

    /** Connect 10 s, read 60 s (per wait for the next bytes, and for the response headers), 100 MiB. */
    public static ArtifactDownloader create(Map<String, String> env) {
        return create(Duration.ofSeconds(10), Duration.ofSeconds(60), DEFAULT_MAX_BYTES, env);
    }

    public static ArtifactDownloader create(Duration connectTimeout, Duration readTimeout, long maxBytes,
            Map<String, String> env) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        return new ArtifactDownloader(connectTimeout, readTimeout, maxBytes, Map.copyOf(env));
    }

    /** Downloads {@code artifact} into {@code file} (replaced), verifying its digest; returns the byte count. */
    public long download(FluxArtifact artifact, Path file) throws SourceException, SourceNotReadyException {
        MessageDigest digest = digestFor(artifact.digest());
        URI uri = rewrite(artifact.url());
        String where = uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
        if (artifact.size() != null && artifact.size() > maxBytes) {
            throw new SourceException("artifact " + artifact.revision() + " is " + artifact.size()
                    + " bytes, over the cap of " + maxBytes, false, null);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET().build();
        boolean done = false;
        try {
            QueueSubscriber body = new QueueSubscriber();
            HttpResponse<QueueSubscriber> response;
            try {
                response = client.send(request, info -> body);
            } catch (IOException e) {
                throw new SourceException("cannot download " + where + ": " + describe(e), true, e);
            }
            int status = response.statusCode();
            if (status == 404) {
                body.cancel();
                throw new SourceNotReadyException("artifact " + artifact.revision() + " is gone from " + where
                        + " (404); the source will publish a new one");
            }
            if (status != 200) {
                body.cancel();
                throw new SourceException("cannot download " + where + ": HTTP " + status, true, null);
            }
            long count = 0;
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] chunk = new byte[64 * 1024];
                for (ByteBuffer buffer; (buffer = body.next(readTimeout, where)) != null;) {
                    while (buffer.hasRemaining()) {
                        int n = Math.min(chunk.length, buffer.remaining());
                        buffer.get(chunk, 0, n);
                        count += n;
                        if (count > maxBytes) {
                            body.cancel();
                            throw new SourceException("artifact " + artifact.revision() + " from " + where
                                    + " is over the cap of " + maxBytes + " bytes", false, null);
                        }
                        digest.update(chunk, 0, n);
                        out.write(chunk, 0, n);
                    }
                }
            } catch (IOException e) {
                body.cancel();
                throw new SourceException("cannot download " + where + ": " + describe(e), true, e);
            }
            if (artifact.size() != null && artifact.size() != count) {
                throw new SourceException("artifact " + artifact.revision() + " from " + where + " is " + count
                        + " bytes, the source reports " + artifact.size() + " (truncated?)", true, null);
            }
            String actual = "sha256:" + HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(artifact.digest())) {
                throw new SourceException("artifact " + artifact.revision() + " from " + where
                        + " does not match its digest: expected " + artifact.digest() + ", got " + actual,
                        false, null);
            }
            done = true;
            return count;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("download of " + where + " interrupted", true, e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the cache sweeps its leftovers
                }
            }
        }
    }

    /** The artifact URL, with host and port replaced when {@code SOURCE_CONTROLLER_LOCALHOST} is set. */
    URI rewrite(String url) throws SourceException {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new SourceException("artifact URL is not http(s): " + uri.getScheme(), false, null);
            }
            if (localhost == null) {
                return uri;
            }
            return new URI(uri.getScheme() + "://" + localhost + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new SourceException("artifact URL is not valid: " + e.getReason(), false, e);
        }
    }

    private static MessageDigest digestFor(String digest) throws SourceException {
        if (digest == null) {
            // Flux always reports one; an artifact without it cannot be told from a tampered one.
            throw new SourceException("the artifact has no digest (nor legacy checksum); an unverified download "
                    + "is refused", false, null);
        }
        int colon = digest.indexOf(':');
        String algorithm = colon < 0 ? "" : digest.substring(0, colon);
        if (!algorithm.equals("sha256")) {
            throw new SourceException("artifact digest algorithm '" + algorithm + "' is not supported (sha256 only)",
                    false, null);
        }
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Hands the body's buffers to the reading thread one batch at a time, so a stalled body is noticed by a timed
     * wait rather than a read that blocks forever.
     */
    private static final class QueueSubscriber implements HttpResponse.BodySubscriber<QueueSubscriber> {
        private static final Object END = new Object();
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private final CompletableFuture<QueueSubscriber> body = CompletableFuture.completedFuture(this);
        private volatile Flow.Subscription subscription;
        private List<ByteBuffer> batch = List.of();
        private int index;

        @Override
        public CompletionStage<QueueSubscriber> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            queue.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            queue.add(throwable);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        /** The next buffer, or null at the end of the body. */
        @SuppressWarnings("unchecked")
        ByteBuffer next(Duration timeout, String where) throws IOException, InterruptedException {
            while (index >= batch.size()) {
                Object item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
                if (item == null) {
                    cancel();
                    throw new IOException("no data from " + where + " for " + timeout.toMillis() + " ms");
                }
                if (item instanceof Throwable t) {
                    throw new IOException(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage(), t);
                }
                if (item == END) {
                    return null;
                }
                batch = (List<ByteBuffer>) item;
                index = 0;
                subscription.request(1);
            }
            return batch.get(index++);
        }
    }
}
