package io.smc.kube.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smc.kube.ClusterConnection;
import io.smc.kube.CredentialSource;
import io.smc.kube.ResourceType;
import io.smc.kube.http.ClientOptions;
import io.smc.kube.http.HttpKubeClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An in-process Kubernetes API server for tests, on loopback over plain HTTP. It serves any resource under
 * {@code /api/v1} and {@code /apis/group/version}, namespaced or cluster-scoped, from one generic store, with the
 * semantics clients rely on (see {@link ObjectStore}): resourceVersions, conflicts, generation, the status
 * subresource, finalizers, merge / JSON / apply patches, label-selected and paginated lists, and watches with
 * bookmarks, timeouts and 410 after compaction. Every request is recorded, and faults can be injected.
 *
 * <p>Not modelled: server-side apply field ownership (apply is a merge that records the manager; {@code force} and
 * conflicts are not checked), strategic merge (taken as a merge patch), set-based label selectors, field selectors
 * other than name and namespace, consistent snapshots for continue pages (they read the current state), deletion
 * propagation (the policy is accepted and ignored: no garbage collector), admission, RBAC and schemas. Discovery
 * lists only the kinds declared with {@link #serve}.
 */
public final class FakeApiServer implements AutoCloseable {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectMapper yaml = new YAMLMapper();
    private final ObjectStore store;
    private volatile HttpServer server;
    private final ExecutorService threads;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Faults faults = new Faults();
    /** Discovery: group version ({@code v1}, {@code group/version}) → the resources it lists. */
    private final Map<String, Map<String, ResourceType>> served = new java.util.concurrent.ConcurrentHashMap<>();
    /** {@code /version}'s gitVersion. */
    private volatile String gitVersion = "v1.31.0";
    /** What SelfSubjectAccessReviews are allowed; null allows everything. */
    private volatile List<AccessRule> accessRules;

    private FakeApiServer(Clock clock) throws IOException {
        store = new ObjectStore(mapper, clock);
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-api-server");
            thread.setDaemon(true);
            return thread;
        });
        server = listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private HttpServer listen(InetSocketAddress address) throws IOException {
        HttpServer listening = HttpServer.create(address, 0);
        listening.setExecutor(threads);
        listening.createContext("/", this::handle);
        return listening;
    }

    /** A started server on an ephemeral loopback port. */
    public static FakeApiServer start() {
        return start(Clock.systemUTC());
    }

    /** A started server whose timestamps (creation, deletion) come from {@code clock}. */
    public static FakeApiServer start(Clock clock) {
        try {
            FakeApiServer fake = new FakeApiServer(clock);
            fake.server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake API server", e);
        }
    }

    /**
     * A real HTTP client of this server, without credentials and with a rate limit no test reaches; the caller
     * closes it.
     */
    public HttpKubeClient client() {
        return HttpKubeClient.create(new ClusterConnection(uri(), null, null, CredentialSource.NONE, "default",
                "fake API server"), ClientOptions.defaults().withRateLimit(1000, 1000));
    }

    /** {@code http://127.0.0.1:port}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** Ends open watches cleanly, then stops; requests still waiting on an injected delay are interrupted. */
    @Override
    public void close() {
        store.endWatches();
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * Restarts the server as an API server pod restarts behind its Service: open watches end cleanly, nothing
     * listens on the port while {@code whileDown} runs (clients get connection refused), then a new HTTP server
     * listens on the same port with the same store, so resourceVersions and objects carry over. {@code whileDown}
     * may change the state with the {@code ...Directly} methods, as another writer would while this one is away.
     */
    public void restart(Runnable whileDown) {
        InetSocketAddress address = server.getAddress();
        store.endWatches();
        server.stop(0);
        whileDown.run();
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpServer again = listen(address);
                again.start();
                server = again;
                return;
            } catch (IOException e) {
                // The old socket may take a moment to let go of the port.
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new UncheckedIOException("cannot listen again on " + address, last);
    }

    // ---- state -------------------------------------------------------------------------------------------------

    /**
     * Stores an object as if it had been created earlier: it gets a uid, creationTimestamp, generation and a new
     * resourceVersion unless it has them, and keeps its status. Watches see it as ADDED.
     */
    public ObjectNode seed(ResourceType type, ObjectNode object) {
        String namespace = object.path("metadata").path("namespace").asText(null);
        try {
            return store.create(collection(type, namespace), object, true);
        } catch (StatusError e) {
            throw new IllegalArgumentException("cannot seed: " + e.getMessage(), e);
        }
    }

    /** {@link #seed(ResourceType, ObjectNode)} from JSON text. */
    public ObjectNode seed(ResourceType type, String json) {
        try {
            return seed(type, (ObjectNode) mapper.readTree(json));
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object", e);
        }
    }

    /**
     * A merge patch ({@code subresource} null or {@code status}) applied to the store without a request, as another
     * writer would while this server is not serving; watches see it as MODIFIED.
     */
    public ObjectNode patchDirectly(ResourceType type, String namespace, String name, String subresource,
            JsonNode mergePatch) {
        ApiPath path = ApiPath.parse(type.path(namespace, name, subresource))
                .orElseThrow(() -> new IllegalArgumentException("not an API path: " + type));
        try {
            return store.patch(path, "application/merge-patch+json", mergePatch, null, false);
        } catch (StatusError e) {
            throw new IllegalArgumentException("cannot patch: " + e.getMessage(), e);
        }
    }

    /** The stored object, a copy. */
    public Optional<ObjectNode> object(ResourceType type, String namespace, String name) {
        return ApiPath.parse(type.path(namespace, name, null)).flatMap(store::find);
    }

    /** The stored objects of a type in a namespace (null: all), in key order, as copies. */
    public List<ObjectNode> objects(ResourceType type, String namespace) {
        return store.all(collection(type, namespace));
    }

    /** The latest resourceVersion given out. */
    public String resourceVersion() {
        return store.resourceVersion();
    }

    /** Forgets history up to now: a watch or continue token from an older resourceVersion gets 410. */
    public void compact() {
        store.compact();
    }

    // ---- discovery ---------------------------------------------------------------------------------------------

    /**
     * Lists these kinds in discovery ({@code /api/v1}, {@code /apis/group/version}), as installing their CRDs would.
     * Objects of any kind are stored and served whether listed or not; only discovery answers differ.
     */
    public void serve(ResourceType... types) {
        for (ResourceType type : types) {
            served.computeIfAbsent(type.apiVersion(), v -> new java.util.concurrent.ConcurrentHashMap<>())
                    .put(type.plural(), type);
        }
    }

    /** Takes these kinds out of discovery again, as deleting their CRDs would. */
    public void unserve(ResourceType... types) {
        for (ResourceType type : types) {
            served.computeIfPresent(type.apiVersion(), (version, resources) -> {
                resources.remove(type.plural());
                return resources.isEmpty() ? null : resources;
            });
        }
    }

    // ---- version and access reviews -----------------------------------------------------------------------------

    /** What {@code GET /version} reports, such as {@code v1.31.0}. */
    public void version(String gitVersion) {
        this.gitVersion = gitVersion;
    }

    /**
     * One grant for {@link #accessRules}: {@code *} matches anything; {@code resource} may carry a subresource
     * ({@code secretmanagerconfigs/status}); {@code namespace} {@code ""} is a cluster-wide grant, which also
     * covers every namespace.
     */
    public record AccessRule(String verb, String group, String resource, String namespace) {
        boolean allows(JsonNode attributes) {
            String asked = attributes.path("resource").asText() + (attributes.path("subresource").asText("").isEmpty()
                    ? "" : "/" + attributes.path("subresource").asText());
            return matches(verb, attributes.path("verb").asText())
                    && matches(group, attributes.path("group").asText(""))
                    && matches(resource, asked) && (namespace.isEmpty() || matches(namespace,
                            attributes.path("namespace").asText("")));
        }

        private static boolean matches(String rule, String value) {
            return rule.equals("*") || rule.equals(value);
        }
    }

    /**
     * Answers SelfSubjectAccessReviews from these rules from now on (allowed when one matches); without a call,
     * everything is allowed. The reviews are recorded as any request is, and never stored.
     */
    public void accessRules(List<AccessRule> rules) {
        this.accessRules = List.copyOf(rules);
    }

    // ---- watches -----------------------------------------------------------------------------------------------

    /** Sends a BOOKMARK at the current resourceVersion to every open watch that allows bookmarks. */
    public void bookmark() {
        store.bookmark();
    }

    /** Sends every open watch an ERROR event with a 410 Status, then ends it. */
    public void expireWatches() {
        store.expireWatches();
    }

    /** Ends every open watch cleanly, as an API server restart does. */
    public void closeWatches() {
        store.endWatches();
    }

    public int openWatches() {
        return store.openWatches();
    }

    /** Waits (up to 10 s) until at least {@code count} watches are open, for tests that act on open watches. */
    public void awaitWatches(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.openWatches() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " open watches, have " + store.openWatches());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    // ---- faults ------------------------------------------------------------------------------------------------

    /** The next {@code times} requests get {@code failure} instead of being served (and are still recorded). */
    public void failNext(int times, Failure failure) {
        failNext(times, failure, request -> true);
    }

    /** As {@link #failNext(int, Failure)}, counting only requests that {@code when} accepts. */
    public void failNext(int times, Failure failure, Predicate<RecordedRequest> when) {
        faults.failNext(times, failure, when);
    }

    /** The next {@code times} requests are answered only after {@code delay}. */
    public void delayNext(int times, Duration delay) {
        faults.delayNext(times, delay);
    }

    /** The next watch misbehaves as {@code fault} says. */
    public void nextWatch(WatchFault fault) {
        faults.nextWatch(fault);
    }

    // ---- requests ----------------------------------------------------------------------------------------------

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** {@link RecordedRequest#action()} of every request so far. */
    public synchronized List<String> actions() {
        return requests.stream().map(RecordedRequest::action).toList();
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    // ---- serving -----------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        boolean cutOff = false;
        try {
            RecordedRequest request = record(exchange);
            Optional<Duration> delay = faults.takeDelay();
            if (delay.isPresent()) {
                Thread.sleep(delay.get().toMillis());
            }
            Optional<Failure> failure = faults.takeFailure(request);
            if (failure.isPresent()) {
                fail(exchange, failure.get());
                return;
            }
            serve(exchange, request);
        } catch (StatusError e) {
            respond(exchange, e.code(), e.status());
        } catch (WatchWriter.CutOff e) {
            // Closing the exchange would end the chunked body cleanly; the server drops the connection instead.
            cutOff = true;
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!cutOff) {
                exchange.close();
            }
        }
    }

    private void serve(HttpExchange exchange, RecordedRequest request) throws IOException, StatusError {
        if (request.path().equals("/version") && request.method().equals("GET")) {
            respond(exchange, 200, mapper.createObjectNode().put("major", "1").put("minor",
                    gitVersion.replaceAll("^v\\d+\\.(\\d+).*$", "$1")).put("gitVersion", gitVersion)
                    .put("platform", "linux/amd64"));
            return;
        }
        if (request.path().equals("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                && request.method().equals("POST")) {
            respond(exchange, 201, review(object(request.body())));
            return;
        }
        if (request.method().equals("GET") && (request.path().equals("/api") || request.path().equals("/apis"))) {
            respond(exchange, 200, request.path().equals("/api") ? coreVersions() : groups());
            return;
        }
        Optional<String> groupVersion = discoveryPath(request.path());
        if (groupVersion.isPresent() && request.method().equals("GET")) {
            respond(exchange, 200, discovery(groupVersion.get()));
            return;
        }
        ApiPath path = ApiPath.parse(request.path())
                .orElseThrow(() -> StatusError.of(404, "NotFound", "the server could not find the requested"
                        + " resource"));
        Map<String, String> query = query(request.query());
        String method = request.method();
        boolean collection = path.name() == null;
        switch (method) {
            case "GET" -> {
                if (collection && ("1".equals(query.get("watch")) || "true".equals(query.get("watch")))) {
                    watch(exchange, path, query);
                } else {
                    respond(exchange, 200, collection ? store.list(path, query) : store.get(path));
                }
            }
            case "POST" -> {
                requireCollection(path, true);
                if (dryRun(query)) {
                    respond(exchange, 201, object(request.body()));
                    return;
                }
                respond(exchange, 201, store.create(path, object(request.body()), false));
            }
            case "PUT" -> {
                requireCollection(path, false);
                respond(exchange, 200, store.update(path, object(request.body()), statusOnly(path)));
            }
            case "PATCH" -> {
                requireCollection(path, false);
                statusOnly(path);
                String contentType = request.header("Content-Type").orElse("").split(";")[0].trim()
                        .toLowerCase(Locale.ROOT);
                JsonNode patch = parse(contentType.endsWith("yaml") ? yaml : mapper, request.body());
                boolean existed = store.find(path).isPresent();
                if (dryRun(query)) {
                    // Checked and answered, never stored: the merge of the patch over what is there.
                    JsonNode merged = Patches.merge(store.find(path).orElse(mapper.createObjectNode()), patch);
                    respond(exchange, existed ? 200 : 201, merged);
                    return;
                }
                ObjectNode patched = store.patch(path, contentType, patch, query.get("fieldManager"),
                        "true".equals(query.get("force")));
                // An apply that created the object answers 201, as a create does.
                respond(exchange, existed ? 200 : 201, patched);
            }
            case "DELETE" -> {
                requireCollection(path, false);
                JsonNode options = request.body().isBlank() ? MissingNode.getInstance()
                        : parse(mapper, request.body());
                respond(exchange, 200, store.delete(path, options));
            }
            default -> throw StatusError.of(405, "MethodNotAllowed", "the server does not allow this method on the"
                    + " requested resource");
        }
    }

    /** {@code dryRun=All}: the server checks and answers but stores nothing; other values are refused as it does. */
    private static boolean dryRun(Map<String, String> query) throws StatusError {
        String dryRun = query.get("dryRun");
        if (dryRun == null) {
            return false;
        }
        if (!dryRun.equals("All")) {
            throw StatusError.badRequest("Invalid dryRun value: " + dryRun);
        }
        return true;
    }

    private ObjectNode review(ObjectNode review) {
        JsonNode attributes = review.path("spec").path("resourceAttributes");
        List<AccessRule> rules = accessRules;
        boolean allowed = rules == null || rules.stream().anyMatch(rule -> rule.allows(attributes));
        ObjectNode answer = review.deepCopy();
        ObjectNode status = answer.putObject("status").put("allowed", allowed);
        if (!allowed) {
            status.put("reason", "no RBAC rule of the fake allows it");
        }
        return answer;
    }

    private void watch(HttpExchange exchange, ApiPath path, Map<String, String> query)
            throws IOException, StatusError {
        FakeWatch watch = store.watch(path, query);
        WatchFault fault = faults.takeWatchFault().orElse(null);
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            WatchWriter.write(exchange.getResponseBody(), watch, fault, timeout(query));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            store.unwatch(watch);
        }
    }

    private void fail(HttpExchange exchange, Failure failure) throws IOException {
        if (failure.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(failure.retryAfterSeconds()));
        }
        if (!failure.statusBody()) {
            byte[] text = failure.message().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(failure.code(), text.length);
            exchange.getResponseBody().write(text);
            return;
        }
        ObjectNode status = StatusError.statusBody(failure.code(), failure.reason(), failure.message());
        if (failure.retryAfterSeconds() != null) {
            status.putObject("details").put("retryAfterSeconds", failure.retryAfterSeconds());
        }
        respond(exchange, failure.code(), status);
    }

    private void respond(HttpExchange exchange, int code, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private synchronized RecordedRequest record(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                List.copyOf(values)));
        URI uri = exchange.getRequestURI();
        RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), uri.getRawPath(),
                uri.getRawQuery(), headers, new String(body, StandardCharsets.UTF_8));
        requests.add(request);
        return request;
    }

    /** {@code v1} for {@code /api/v1}, {@code group/version} for {@code /apis/group/version}; else empty. */
    private static Optional<String> discoveryPath(String rawPath) {
        String[] segments = rawPath.replaceAll("^/+|/+$", "").split("/");
        if (segments.length == 2 && segments[0].equals("api")) {
            return Optional.of(segments[1]);
        }
        if (segments.length == 3 && segments[0].equals("apis")) {
            return Optional.of(segments[1] + "/" + segments[2]);
        }
        return Optional.empty();
    }

    /** {@code /api}: the core group's versions among those served. */
    private ObjectNode coreVersions() {
        ObjectNode versions = mapper.createObjectNode().put("kind", "APIVersions");
        var list = versions.putArray("versions");
        served.keySet().stream().filter(v -> !v.contains("/")).sorted().forEach(list::add);
        versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", uri().getAuthority());
        return versions;
    }

    /** {@code /apis}: the named groups served, each with its versions (the first served is the preferred one). */
    private ObjectNode groups() {
        Map<String, List<String>> byGroup = new java.util.TreeMap<>();
        served.keySet().stream().filter(v -> v.contains("/")).sorted().forEach(v -> byGroup.computeIfAbsent(
                v.substring(0, v.indexOf('/')), g -> new ArrayList<>()).add(v.substring(v.indexOf('/') + 1)));
        ObjectNode list = mapper.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        var groups = list.putArray("groups");
        byGroup.forEach((group, versions) -> {
            ObjectNode entry = groups.addObject().put("name", group);
            var items = entry.putArray("versions");
            versions.forEach(v -> items.addObject().put("groupVersion", group + "/" + v).put("version", v));
            entry.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0))
                    .put("version", versions.get(0));
        });
        return list;
    }

    private ObjectNode discovery(String groupVersion) throws StatusError {
        Map<String, ResourceType> resources = served.get(groupVersion);
        if (resources == null) {
            throw StatusError.of(404, "NotFound", "the server could not find the requested resource");
        }
        ObjectNode list = mapper.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        var items = list.putArray("resources");
        resources.values().forEach(type -> {
            ObjectNode item = items.addObject().put("name", type.plural()).put("singularName", "")
                    .put("kind", type.kind()).put("namespaced", type.namespaced());
            var verbs = item.putArray("verbs");
            List.of("create", "delete", "get", "list", "patch", "update", "watch").forEach(verbs::add);
        });
        return list;
    }

    private static ApiPath collection(ResourceType type, String namespace) {
        return ApiPath.parse(type.path(namespace, null, null))
                .orElseThrow(() -> new IllegalArgumentException("not an API path: " + type));
    }

    private static void requireCollection(ApiPath path, boolean collection) throws StatusError {
        if ((path.name() == null) != collection) {
            throw StatusError.of(405, "MethodNotAllowed", "the server does not allow this method on the requested"
                    + " resource");
        }
    }

    private static boolean statusOnly(ApiPath path) throws StatusError {
        if (path.subresource() != null && !path.subresource().equals("status")) {
            throw StatusError.of(404, "NotFound", "the server could not find the requested resource");
        }
        return path.subresource() != null;
    }

    private ObjectNode object(String body) throws StatusError {
        if (parse(mapper, body) instanceof ObjectNode object) {
            return object;
        }
        throw StatusError.badRequest("the body is not a JSON object");
    }

    private static JsonNode parse(ObjectMapper parser, String body) throws StatusError {
        try {
            JsonNode node = parser.readTree(body);
            if (node != null) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw StatusError.badRequest("the body of the request could not be decoded");
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(name, value);
            }
        }
        return query;
    }

    private static long timeout(Map<String, String> query) throws StatusError {
        String seconds = query.get("timeoutSeconds");
        if (seconds == null || seconds.isEmpty()) {
            return 0;
        }
        try {
            return TimeUnit.SECONDS.toNanos(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            throw StatusError.badRequest("invalid timeoutSeconds: " + seconds);
        }
    }
}
