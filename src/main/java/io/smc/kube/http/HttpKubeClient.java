package io.smc.kube.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.ClusterConnection;
import io.smc.kube.CredentialSource;
import io.smc.kube.DeleteOptions;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.ListOptions;
import io.smc.kube.ListPage;
import io.smc.kube.PatchType;
import io.smc.kube.ResourceType;
import io.smc.kube.TransportException;
import io.smc.kube.WatchOptions;
import io.smc.kube.WatchStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * {@link KubeApi} over {@code java.net.http}: one HTTP client per API server (HTTP/2 over TLS when the server offers
 * it, so calls and watches share a connection), JSON trees in and out. Every call goes through a
 * {@link RequestExecutor} for rate limiting, authentication, throttling retries, metrics and typed errors.
 *
 * <p>Watches are read on the calling thread; {@link #close()} stops the timer that notices dead ones.
 */
public final class HttpKubeClient implements KubeApi, AutoCloseable {
    private static final String JSON = "application/json";

    private final URI server;
    private final ObjectMapper mapper;
    private final RequestExecutor executor;
    private final IdleWatchdog watchdog;
    private final ClientOptions options;

    private HttpKubeClient(URI server, ObjectMapper mapper, RequestExecutor executor, IdleWatchdog watchdog,
            ClientOptions options) {
        this.server = server;
        this.mapper = mapper;
        this.executor = executor;
        this.watchdog = watchdog;
        this.options = options;
    }

    public static HttpKubeClient create(ClusterConnection connection, ClientOptions options) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(options, "options");
        URI server = connection.server();
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("the API server address must be http or https: " + server);
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (scheme.equals("https")) {
            SSLContext context = connection.sslContext() != null ? connection.sslContext() : defaultContext();
            // HTTP/2 is negotiated by ALPN and falls back to HTTP/1.1 when the server does not offer it.
            builder.version(HttpClient.Version.HTTP_2).sslContext(context);
            if (connection.tlsServerName() != null && !connection.tlsServerName().isEmpty()) {
                // The JDK keeps these server names only when the address is an IP literal (the usual case for
                // tls-server-name); for a host name it sends that name instead.
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(connection.tlsServerName())));
                builder.sslParameters(parameters);
            }
        } else {
            // Without TLS, HTTP/2 would mean an h2c upgrade attempt, which the API server does not offer.
            builder.version(HttpClient.Version.HTTP_1_1).sslContext(unusedContext());
        }
        ObjectMapper mapper = mapper();
        String host = server.getAuthority();
        CredentialSource credentials = Objects.requireNonNullElse(connection.credentials(), CredentialSource.NONE);
        RequestExecutor executor = new RequestExecutor(builder.build(), host, credentials,
                new TokenBucket(options.qps(), options.burst(), options.ticker(), options.sleeper()),
                new RetryPolicy(options.throttleRetries(), options.maxRetryAfter()), new StatusErrors(mapper),
                options);
        return new HttpKubeClient(server, mapper, executor, new IdleWatchdog(), options);
    }

    /** The JSON mapper of answers and watch lines: strict, so a line with two documents is not half-read. */
    static ObjectMapper mapper() {
        return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public ObjectNode get(ResourceType type, String namespace, String name) throws KubeException {
        Target target = new Target("get", type, objectNamespace(type, namespace), name);
        return object(target, call(target, "GET", uri(target).build(), null, null));
    }

    @Override
    public ListPage list(ResourceType type, String namespace, ListOptions options) throws KubeException {
        Target target = new Target("list", type, namespaceOf(type, namespace), null);
        URI uri = uri(target)
                .query("labelSelector", options.labelSelector())
                .query("fieldSelector", options.fieldSelector())
                .query("resourceVersion", options.resourceVersion())
                .query("limit", options.limit() > 0 ? Long.toString(options.limit()) : null)
                .query("continue", emptyToNull(options.continueToken()))
                .build();
        ObjectNode list = object(target, call(target, "GET", uri, null, null));
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            if (item instanceof ObjectNode object) {
                // Lists of built-in kinds leave these out of each item; callers handle items like single objects.
                if (!object.has("apiVersion")) {
                    object.put("apiVersion", type.apiVersion());
                }
                if (!object.has("kind")) {
                    object.put("kind", type.kind());
                }
                items.add(object);
            }
        }
        JsonNode metadata = list.path("metadata");
        return new ListPage(items, emptyToNull(metadata.path("resourceVersion").asText(null)),
                emptyToNull(metadata.path("continue").asText(null)));
    }

    @Override
    public ObjectNode create(ResourceType type, String namespace, ObjectNode object) throws KubeException {
        Target target = new Target("create", type, namespaceOf(type, namespace, object), null);
        return object(target, call(target, "POST", uri(target).build(), bytes(object), JSON));
    }

    @Override
    public ObjectNode update(ResourceType type, String namespace, ObjectNode object) throws KubeException {
        Target target = new Target("update", type, namespaceOf(type, namespace, object), nameOf(object));
        return object(target, call(target, "PUT", uri(target).build(), bytes(object), JSON));
    }

    @Override
    public ObjectNode updateStatus(ResourceType type, String namespace, ObjectNode object) throws KubeException {
        Target target = new Target("update", type, namespaceOf(type, namespace, object), nameOf(object), "status");
        return object(target, call(target, "PUT", uri(target).build(), bytes(object), JSON));
    }

    @Override
    public ObjectNode patch(ResourceType type, String namespace, String name, PatchType patchType, JsonNode patch,
            String fieldManager, boolean force, String subresource) throws KubeException {
        if (patchType == PatchType.APPLY && (fieldManager == null || fieldManager.isEmpty())) {
            throw new IllegalArgumentException("server-side apply needs a field manager");
        }
        if (force && patchType != PatchType.APPLY) {
            throw new IllegalArgumentException("force applies only to server-side apply");
        }
        Target target = new Target("patch", type, objectNamespace(type, namespace), name, emptyToNull(subresource));
        URI uri = uri(target)
                .query("fieldManager", emptyToNull(fieldManager))
                .query("force", force ? "true" : null)
                .build();
        // JSON is YAML, so an apply patch goes as JSON under the apply content type.
        return object(target, call(target, "PATCH", uri, bytes(patch), patchType.contentType()));
    }

    /**
     * Server-side apply of a whole object with {@code force}, taking over its fields for {@code fieldManager}, as
     * {@code kubectl apply --server-side --force-conflicts} does; with {@code dryRun} the server checks and answers
     * ({@code dryRun=All}) but stores nothing.
     */
    public ObjectNode apply(ResourceType type, String namespace, String name, ObjectNode object, String fieldManager,
            boolean dryRun) throws KubeException {
        Target target = new Target("patch", type, objectNamespace(type, namespace), name);
        URI uri = uri(target)
                .query("fieldManager", fieldManager)
                .query("force", "true")
                .query("dryRun", dryRun ? "All" : null)
                .build();
        return object(target, call(target, "PATCH", uri, bytes(object), PatchType.APPLY.contentType()));
    }

    /** A GET of a path outside the resource API, such as {@code /version}. */
    public ObjectNode getPath(String path) throws KubeException {
        Target target = new Target("get", new ResourceType("", "", path, path, false), null, null);
        return object(target, call(target, "GET", UriBuilder.of(server).path(path).build(), null, null));
    }

    @Override
    public void delete(ResourceType type, String namespace, String name, DeleteOptions options)
            throws KubeException {
        Target target = new Target("delete", type, objectNamespace(type, namespace), name);
        ObjectNode body = mapper.createObjectNode().put("kind", "DeleteOptions").put("apiVersion", "v1");
        if (options.preconditionUid() != null || options.preconditionResourceVersion() != null) {
            ObjectNode preconditions = body.putObject("preconditions");
            if (options.preconditionUid() != null) {
                preconditions.put("uid", options.preconditionUid());
            }
            if (options.preconditionResourceVersion() != null) {
                preconditions.put("resourceVersion", options.preconditionResourceVersion());
            }
        }
        if (options.propagationPolicy() != null) {
            body.put("propagationPolicy", options.propagationPolicy());
        }
        call(target, "DELETE", uri(target).build(), bytes(body), JSON);
    }

    @Override
    public boolean serves(ResourceType type) throws KubeException {
        String path = type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.group() + "/"
                + type.version();
        Target target = new Target("get", new ResourceType(type.group(), type.version(), "discovery", "APIResourceList",
                false), null, null);
        ObjectNode resources;
        try {
            resources = object(target, call(target, "GET", UriBuilder.of(server).path(path).build(), null, null));
        } catch (ApiException e) {
            if (e.reason() == ApiException.Reason.NOT_FOUND) {
                return false;
            }
            throw e;
        }
        for (JsonNode resource : resources.path("resources")) {
            if (type.plural().equals(resource.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens a watch. The server ends it after {@code timeoutSeconds}, so the request has no client timeout beyond
     * that: a watch with no data for that long plus {@link ClientOptions#watchIdleMargin()} is taken as dead.
     */
    @Override
    public WatchStream watch(ResourceType type, String namespace, WatchOptions options) throws KubeException {
        if (options.timeoutSeconds() <= 0) {
            throw new IllegalArgumentException("a watch needs timeoutSeconds > 0, so that a dead connection shows");
        }
        Target target = new Target("watch", type, namespaceOf(type, namespace), null);
        URI uri = uri(target)
                .query("watch", "1")
                .query("resourceVersion", emptyToNull(options.resourceVersion()))
                .query("allowWatchBookmarks", options.allowBookmarks() ? "true" : null)
                .query("timeoutSeconds", Long.toString(options.timeoutSeconds()))
                .query("labelSelector", options.labelSelector())
                .query("fieldSelector", options.fieldSelector())
                .build();
        Duration idleLimit = Duration.ofSeconds(options.timeoutSeconds()).plus(this.options.watchIdleMargin());
        // The idle limit also bounds the wait for the response headers, before any line can be read.
        ApiRequest request = new ApiRequest(target, "GET", uri, null, null, idleLimit);
        HttpResponse<Stream<String>> response = executor.send(request,
                BodyHandlers.ofLines(), HttpKubeClient::drain);
        return LineWatchStream.open(response.body(), target, executor.host(), mapper, watchdog, idleLimit);
    }

    /** Stops the timer thread of watch guards; open watches are no longer guarded. */
    @Override
    public void close() {
        watchdog.close();
    }

    @Override
    public String toString() {
        return "HttpKubeClient[" + server + "]";
    }

    private byte[] call(Target target, String method, URI uri, byte[] body, String contentType)
            throws KubeException {
        ApiRequest request = new ApiRequest(target, method, uri, body, contentType, options.requestTimeout());
        return executor.send(request, BodyHandlers.ofByteArray(),
                bytes -> new String(bytes, StandardCharsets.UTF_8)).body();
    }

    private UriBuilder uri(Target target) {
        return UriBuilder.of(server).path(target.type().path(target.namespace(), target.name(),
                target.subresource()));
    }

    private ObjectNode object(Target target, byte[] body) throws TransportException {
        try {
            JsonNode node = mapper.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // Jackson's message quotes the body; the message below says enough.
        }
        throw new TransportException("the answer was not a JSON object: " + target.describe() + " on "
                + executor.host(), null);
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static String drain(Stream<String> lines) {
        try (lines) {
            return lines.collect(Collectors.joining("\n"));
        }
    }

    private static String namespaceOf(ResourceType type, String namespace) {
        return type.namespaced() ? namespace : null;
    }

    /** One object of a namespaced kind needs its namespace: without it the path would name another collection. */
    private static String objectNamespace(ResourceType type, String namespace) {
        if (type.namespaced() && (namespace == null || namespace.isEmpty())) {
            throw new IllegalArgumentException("a " + type.kind() + " needs a namespace");
        }
        return namespaceOf(type, namespace);
    }

    /** The call's namespace, else the object's own; single objects of namespaced kinds need one. */
    private static String namespaceOf(ResourceType type, String namespace, ObjectNode object) {
        if (!type.namespaced()) {
            return null;
        }
        String resolved = namespace != null ? namespace : emptyToNull(object.path("metadata").path("namespace")
                .asText(null));
        if (resolved == null) {
            throw new IllegalArgumentException("a " + type.kind() + " needs a namespace");
        }
        return resolved;
    }

    private static String nameOf(ObjectNode object) {
        String name = emptyToNull(object.path("metadata").path("name").asText(null));
        if (name == null) {
            throw new IllegalArgumentException("the object has no metadata.name");
        }
        return name;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /**
     * A TLS context that trusts nothing, for a client that never speaks TLS: left without one, the HTTP client
     * loads the JDK's default context and with it every CA certificate of the runtime, a third of a second at start.
     */
    private static SSLContext unusedContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[0], null);
            return context;
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("the JDK has no TLS context", e);
        }
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }
}
