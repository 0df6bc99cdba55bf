package io.smc.kube.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.DeleteOptions;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.ListOptions;
import io.smc.kube.ListPage;
import io.smc.kube.PatchType;
import io.smc.kube.ResourceType;
import io.smc.kube.TransportException;
import io.smc.kube.WatchEvent;
import io.smc.kube.WatchOptions;
import io.smc.kube.WatchStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An in-memory API server for unit tests: objects with one global, increasing resourceVersion, a history of changes
 * that watches replay from any version not compacted away, lists answered from the watch cache
 * ({@code resourceVersion=0}, unpaged) or as consistent paged snapshots, and failures the test scripts.
 *
 * <p>Each watch opened plays the next script queued with {@link #scriptWatch}, then (or without one) streams the
 * history live, blocking until a change comes or the stream is closed. A blocked read ignores interrupts, as a
 * socket read does, so only {@link WatchStream#close()} ends it.
 */
public final class ScriptedKubeApi implements KubeApi {
    /** One step of a scripted watch. */
    public sealed interface Step permits Deliver, Emit, Fail, End, Await {
    }

    /** Stream the next {@code count} changes from the history, waiting for them as needed. */
    public record Deliver(int count) implements Step {
    }

    /** Send this event as it is (a bookmark, an ERROR, a doctored object). */
    public record Emit(WatchEvent event) implements Step {
    }

    /** Break the stream with this error (a reset, a line that is not JSON). */
    public record Fail(KubeException error) implements Step {
    }

    /** End the stream cleanly: next() answers empty. */
    public record End() implements Step {
    }

    /** Wait, sending nothing, until the gate opens. */
    public record Await(Gate gate) implements Step {
    }

    /** One request the client made. */
    public record Call(String verb, ResourceType type, String namespace, String name, ListOptions listOptions,
            WatchOptions watchOptions, JsonNode body) {
    }

    /** Holds an {@link Await} step until the test opens it. */
    public final class Gate {
        private boolean open;

        public void open() {
            synchronized (ScriptedKubeApi.this) {
                open = true;
                ScriptedKubeApi.this.notifyAll();
            }
        }
    }

    private record Change(ResourceType type, WatchEvent.Type kind, ObjectNode object, long revision) {
    }

    private record Continuation(List<ObjectNode> items, int offset, String resourceVersion) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private long revision = 1000;
    private long compactedBelow;
    private int continuations;
    private final Map<ResourceType, TreeMap<String, ObjectNode>> objects = new HashMap<>();
    private final java.util.Set<ResourceType> served = new java.util.HashSet<>();
    private final List<Change> history = new ArrayList<>();
    private final Map<String, Continuation> pending = new HashMap<>();
    private final Deque<List<Step>> watchScripts = new ArrayDeque<>();
    private final Map<String, Deque<Exception>> failures = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<FakeWatch> watches = new ArrayList<>();

    // ---- building objects and changing the server's state ----

    /** A bare object of the type, in the namespace (ignored for cluster-scoped types). */
    public static ObjectNode newObject(ResourceType type, String namespace, String name) {
        ObjectNode object = JSON.objectNode();
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
        ObjectNode metadata = object.putObject("metadata").put("name", name);
        if (type.namespaced()) {
            metadata.put("namespace", namespace);
        }
        return object;
    }

    /** Creates or replaces an object server-side, with no checks; returns it as stored. */
    public synchronized ObjectNode put(ResourceType type, ObjectNode object) {
        ObjectNode stored = object.deepCopy();
        String key = key(type, stored);
        ObjectNode previous = store(type).get(key);
        ObjectNode metadata = (ObjectNode) stored.get("metadata");
        metadata.put("uid", previous == null ? UUID.randomUUID().toString() : previous.at("/metadata/uid").asText());
        record(type, previous == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED, key, stored);
        return stored.deepCopy();
    }

    /** Deletes an object server-side; false when there was none. */
    public synchronized boolean remove(ResourceType type, String namespace, String name) {
        String key = key(type, namespace, name);
        ObjectNode previous = store(type).get(key);
        if (previous == null) {
            return false;
        }
        record(type, WatchEvent.Type.DELETED, key, previous.deepCopy());
        return true;
    }

    /** Forgets the history so far: a watch from an older resourceVersion is answered 410 Gone. */
    public synchronized void compact() {
        compactedBelow = revision;
    }

    /** The server's current resourceVersion. */
    public synchronized String revision() {
        return Long.toString(revision);
    }

    public synchronized Optional<ObjectNode> stored(ResourceType type, String namespace, String name) {
        return Optional.ofNullable(store(type).get(key(type, namespace, name))).map(ObjectNode::deepCopy);
    }

    /** Key → resourceVersion of every object of the type, in key order. */
    public synchronized Map<String, String> versions(ResourceType type) {
        Map<String, String> versions = new TreeMap<>();
        store(type).forEach((key, object) -> versions.put(key, object.at("/metadata/resourceVersion").asText()));
        return versions;
    }

    // ---- scripting ----

    /** The next watch opened plays these steps, then streams live. */
    public synchronized void scriptWatch(Step... steps) {
        watchScripts.add(List.of(steps));
    }

    /** The next call of this verb (get, list, create, update, patch, delete, watch) fails so. */
    public synchronized void failNext(String verb, Exception error) {
        if (!(error instanceof KubeException) && !(error instanceof RuntimeException)) {
            throw new IllegalArgumentException("a KubeApi can only throw KubeException or unchecked");
        }
        failures.computeIfAbsent(verb, v -> new ArrayDeque<>()).add(error);
    }

    public Gate gate() {
        return new Gate();
    }

    public static Step deliver(int count) {
        return new Deliver(count);
    }

    public static Step emit(WatchEvent.Type type, ObjectNode object) {
        return new Emit(new WatchEvent(type, object));
    }

    public static Step bookmark(String resourceVersion) {
        ObjectNode object = JSON.objectNode();
        object.putObject("metadata").put("resourceVersion", resourceVersion);
        return new Emit(new WatchEvent(WatchEvent.Type.BOOKMARK, object));
    }

    /** An ERROR event carrying a Status, as the server sends when a watch cannot go on. */
    public static Step errorEvent(int code, String reason) {
        ObjectNode status = JSON.objectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", "scripted error").put("reason", reason).put("code", code);
        return new Emit(new WatchEvent(WatchEvent.Type.ERROR, status));
    }

    public static Step fail(KubeException error) {
        return new Fail(error);
    }

    public static Step end() {
        return new End();
    }

    public static Step await(Gate gate) {
        return new Await(gate);
    }

    public static ApiException apiError(int code, ApiException.Reason reason) {
        return new ApiException("scripted " + code, code, reason, List.of(), null);
    }

    public static TransportException transportError(String message) {
        return new TransportException(message, null);
    }

    // ---- what the client did ----

    public synchronized List<Call> calls(String verb) {
        return calls.stream().filter(call -> call.verb().equals(verb)).toList();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Every watch stream handed out so far, oldest first. */
    public synchronized List<FakeWatch> watches() {
        return List.copyOf(watches);
    }

    /** Waits (bounded) until a watch stream is open and not closed, and returns the newest such. */
    public synchronized FakeWatch awaitOpenWatch() throws InterruptedException {
        long deadline = System.nanoTime() + Eventually.LIMIT.toNanos();
        while (true) {
            for (int i = watches.size() - 1; i >= 0; i--) {
                if (!watches.get(i).closed) {
                    return watches.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no watch was opened within " + Eventually.LIMIT);
            }
            wait(Math.max(1, Duration.ofNanos(left).toMillis()));
        }
    }

    // ---- KubeApi ----

    @Override
    public synchronized ObjectNode get(ResourceType type, String namespace, String name) throws KubeException {
        calls.add(new Call("get", type, namespace, name, null, null, null));
        failIfScripted("get");
        ObjectNode object = store(type).get(key(type, namespace, name));
        if (object == null) {
            throw notFound(type, name);
        }
        return object.deepCopy();
    }

    @Override
    public synchronized ListPage list(ResourceType type, String namespace, ListOptions options) throws KubeException {
        calls.add(new Call("list", type, namespace, null, options, null, null));
        failIfScripted("list");
        Continuation from;
        if (options.continueToken() != null) {
            from = pending.remove(options.continueToken());
            if (from == null) {
                throw new ApiException("continue token expired", 410, ApiException.Reason.GONE, List.of(), null);
            }
        } else {
            List<ObjectNode> items = new ArrayList<>();
            for (ObjectNode object : store(type).values()) {
                if (matches(type, namespace, options.labelSelector(), object)) {
                    items.add(object.deepCopy());
                }
            }
            from = new Continuation(items, 0, Long.toString(revision));
        }
        // The watch cache answers resourceVersion=0 in one piece, whatever the limit.
        boolean paged = options.limit() > 0 && !"0".equals(options.resourceVersion());
        int end = paged ? (int) Math.min(from.items().size(), from.offset() + options.limit()) : from.items().size();
        String token = null;
        if (end < from.items().size()) {
            token = "continue-" + ++continuations;
            pending.put(token, new Continuation(from.items(), end, from.resourceVersion()));
        }
        List<ObjectNode> page = from.items().subList(from.offset(), end).stream().map(ObjectNode::deepCopy).toList();
        return new ListPage(page, from.resourceVersion(), token);
    }

    @Override
    public synchronized ObjectNode create(ResourceType type, String namespace, ObjectNode object)
            throws KubeException {
        calls.add(new Call("create", type, namespace, object.at("/metadata/name").asText(), null, null, object));
        failIfScripted("create");
        ObjectNode stored = object.deepCopy();
        if (type.namespaced()) {
            ((ObjectNode) stored.get("metadata")).put("namespace", namespace);
        }
        String key = key(type, stored);
        if (store(type).containsKey(key)) {
            throw new ApiException(type.qualifiedName() + " " + key + " already exists", 409,
                    ApiException.Reason.ALREADY_EXISTS, List.of(), null);
        }
        return put(type, stored);
    }

    @Override
    public synchronized ObjectNode update(ResourceType type, String namespace, ObjectNode object)
            throws KubeException {
        return replace("update", type, namespace, object);
    }

    @Override
    public synchronized ObjectNode updateStatus(ResourceType type, String namespace, ObjectNode object)
            throws KubeException {
        return replace("updateStatus", type, namespace, object);
    }

    @Override
    public synchronized ObjectNode patch(ResourceType type, String namespace, String name, PatchType patchType,
            JsonNode patch, String fieldManager, boolean force, String subresource) throws KubeException {
        calls.add(new Call("patch", type, namespace, name, null, null, patch));
        failIfScripted("patch");
        if (patchType != PatchType.MERGE) {
            throw new UnsupportedOperationException("the fake speaks merge patches only");
        }
        ObjectNode current = store(type).get(key(type, namespace, name));
        if (current == null) {
            throw notFound(type, name);
        }
        ObjectNode patched = current.deepCopy();
        merge(patched, (ObjectNode) patch);
        return put(type, patched);
    }

    @Override
    public synchronized void delete(ResourceType type, String namespace, String name, DeleteOptions options)
            throws KubeException {
        calls.add(new Call("delete", type, namespace, name, null, null, null));
        failIfScripted("delete");
        if (!remove(type, namespace, name)) {
            throw notFound(type, name);
        }
    }

    /** Discovery answers that a kind is served once an object of it was stored, or {@link #serve} declared it. */
    @Override
    public synchronized boolean serves(ResourceType type) throws KubeException {
        calls.add(new Call("discover", type, null, null, null, null, null));
        failIfScripted("discover");
        return served.contains(type) || objects.containsKey(type);
    }

    /** Declares a kind served, without objects. */
    public synchronized void serve(ResourceType type) {
        served.add(type);
    }

    @Override
    public synchronized WatchStream watch(ResourceType type, String namespace, WatchOptions options)
            throws KubeException {
        calls.add(new Call("watch", type, namespace, null, null, options, null));
        notifyAll();
        failIfScripted("watch");
        String version = options.resourceVersion();
        long from = version == null || version.isEmpty() || version.equals("0") ? revision : Long.parseLong(version);
        if (from < compactedBelow) {
            throw new ApiException("too old resource version: " + from, 410, ApiException.Reason.GONE, List.of(),
                    null);
        }
        List<Step> script = watchScripts.isEmpty() ? List.of() : watchScripts.poll();
        FakeWatch watch = new FakeWatch(type, namespace, options.labelSelector(), from, script);
        watches.add(watch);
        notifyAll();
        return watch;
    }

    /** A watch as the fake server streams it. */
    public final class FakeWatch implements WatchStream {
        private final ResourceType type;
        private final String namespace;
        private final String selector;
        private final Deque<Step> steps;
        private final Deque<Step> injected = new ArrayDeque<>();
        private int cursor;
        private int toDeliver = -1;
        private boolean ended;
        private KubeException broken;
        private boolean closed;
        private boolean readerWaiting;

        private FakeWatch(ResourceType type, String namespace, String selector, long from, List<Step> script) {
            this.type = type;
            this.namespace = namespace;
            this.selector = selector;
            this.steps = new ArrayDeque<>(script);
            while (cursor < history.size() && history.get(cursor).revision() <= from) {
                cursor++;
            }
        }

        /** Makes the stream do this next, ahead of its script (a disconnect, an ERROR, a clean end). */
        public void inject(Step step) {
            synchronized (ScriptedKubeApi.this) {
                injected.add(step);
                ScriptedKubeApi.this.notifyAll();
            }
        }

        public boolean isClosed() {
            synchronized (ScriptedKubeApi.this) {
                return closed;
            }
        }

        /** Whether a reader is blocked in {@link #next()}, waiting for something to send. */
        public boolean isReaderWaiting() {
            synchronized (ScriptedKubeApi.this) {
                return readerWaiting;
            }
        }

        @Override
        public Optional<WatchEvent> next() throws KubeException {
            synchronized (ScriptedKubeApi.this) {
                boolean interrupted = false;
                try {
                    while (true) {
                        if (closed) {
                            throw new TransportException("watch stream closed", null);
                        }
                        if (broken != null) {
                            throw broken;
                        }
                        if (ended) {
                            return Optional.empty();
                        }
                        Deque<Step> source = injected.isEmpty() ? steps : injected;
                        Step step = source.peek();
                        if (step == null || step instanceof Deliver) {
                            if (step != null && toDeliver < 0) {
                                toDeliver = ((Deliver) step).count();
                            }
                            if (step != null && toDeliver == 0) {
                                source.poll();
                                toDeliver = -1;
                                continue;
                            }
                            WatchEvent event = nextChange();
                            if (event != null) {
                                if (step != null) {
                                    toDeliver--;
                                }
                                return Optional.of(event);
                            }
                        } else if (step instanceof Emit emit) {
                            source.poll();
                            return Optional.of(emit.event());
                        } else if (step instanceof Fail fail) {
                            source.poll();
                            broken = fail.error();
                            continue;
                        } else if (step instanceof End) {
                            source.poll();
                            ended = true;
                            continue;
                        } else if (step instanceof Await await) {
                            if (await.gate().open) {
                                source.poll();
                                continue;
                            }
                        }
                        readerWaiting = true;
                        try {
                            ScriptedKubeApi.this.wait();
                        } catch (InterruptedException e) {
                            interrupted = true;
                        } finally {
                            readerWaiting = false;
                        }
                    }
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }

        @Override
        public void close() {
            synchronized (ScriptedKubeApi.this) {
                closed = true;
                ScriptedKubeApi.this.notifyAll();
            }
        }

        private WatchEvent nextChange() {
            while (cursor < history.size()) {
                Change change = history.get(cursor++);
                if (change.type().equals(type) && matches(type, namespace, selector, change.object())) {
                    return new WatchEvent(change.kind(), change.object().deepCopy());
                }
            }
            return null;
        }
    }

    // ---- internals ----

    private ObjectNode replace(String verb, ResourceType type, String namespace, ObjectNode object)
            throws KubeException {
        String name = object.at("/metadata/name").asText();
        calls.add(new Call(verb, type, namespace, name, null, null, object));
        failIfScripted(verb);
        ObjectNode current = store(type).get(key(type, namespace, name));
        if (current == null) {
            throw notFound(type, name);
        }
        String expected = object.at("/metadata/resourceVersion").asText("");
        if (!expected.isEmpty() && !expected.equals(current.at("/metadata/resourceVersion").asText())) {
            throw new ApiException("the object has been modified", 409, ApiException.Reason.CONFLICT, List.of(),
                    null);
        }
        ObjectNode stored = object.deepCopy();
        if (type.namespaced()) {
            ((ObjectNode) stored.get("metadata")).put("namespace", namespace);
        }
        return put(type, stored);
    }

    private void record(ResourceType type, WatchEvent.Type kind, String key, ObjectNode object) {
        revision++;
        ((ObjectNode) object.get("metadata")).put("resourceVersion", Long.toString(revision));
        if (kind == WatchEvent.Type.DELETED) {
            store(type).remove(key);
        } else {
            store(type).put(key, object);
        }
        history.add(new Change(type, kind, object.deepCopy(), revision));
        notifyAll();
    }

    private void failIfScripted(String verb) throws KubeException {
        Deque<Exception> queue = failures.get(verb);
        Exception failure = queue == null ? null : queue.poll();
        if (failure instanceof KubeException kube) {
            throw kube;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
    }

    private TreeMap<String, ObjectNode> store(ResourceType type) {
        return objects.computeIfAbsent(type, t -> new TreeMap<>());
    }

    private static String key(ResourceType type, ObjectNode object) {
        return key(type, object.at("/metadata/namespace").asText(""), object.at("/metadata/name").asText());
    }

    private static String key(ResourceType type, String namespace, String name) {
        return type.namespaced() && namespace != null && !namespace.isEmpty() ? namespace + "/" + name : name;
    }

    private static ApiException notFound(ResourceType type, String name) {
        return new ApiException(type.qualifiedName() + " " + name + " not found", 404, ApiException.Reason.NOT_FOUND,
                List.of(), null);
    }

    private static boolean matches(ResourceType type, String namespace, String selector, ObjectNode object) {
        if (type.namespaced() && namespace != null && !namespace.equals(object.at("/metadata/namespace").asText())) {
            return false;
        }
        if (selector == null || selector.isEmpty()) {
            return true;
        }
        JsonNode labels = object.path("metadata").path("labels");
        for (String requirement : selector.split(",")) {
            String[] parts;
            if (requirement.contains("!=")) {
                parts = requirement.split("!=", 2);
                if (labels.path(parts[0].trim()).asText("").equals(parts[1].trim())) {
                    return false;
                }
            } else if (requirement.contains("=")) {
                parts = requirement.split("==?", 2);
                if (!labels.has(parts[0].trim()) || !labels.get(parts[0].trim()).asText().equals(parts[1].trim())) {
                    return false;
                }
            } else if (!labels.has(requirement.trim())) {
                return false;
            }
        }
        return true;
    }

    /** RFC 7386: objects merge, null removes, anything else replaces. */
    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
                merge(existing, (ObjectNode) value);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }

    /** Kept for tests that want a readable dump of the server's state in a failure message. */
    @Override
    public synchronized String toString() {
        Map<String, Map<String, String>> dump = new LinkedHashMap<>();
        objects.keySet().forEach(type -> dump.put(type.qualifiedName(), versions(type)));
        return "ScriptedKubeApi" + dump + " at " + revision;
    }
}
