package io.smc.kube.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fake's objects and their history, with the API server's write rules: one global resourceVersion, optimistic
 * concurrency, server-owned metadata, generation, the status subresource, finalizers, and an event log that watches
 * replay from and that compaction cuts. One lock guards it all, so a watch registers and replays atomically.
 */
final class ObjectStore {
    private static final Set<String> SERVER_OWNED = Set.of("name", "namespace", "uid", "creationTimestamp",
            "deletionTimestamp", "generation");

    private final ObjectMapper mapper;
    private final Clock clock;
    private final Map<String, TreeMap<String, ObjectNode>> collections = new HashMap<>();
    private final Map<String, String> kinds = new HashMap<>();
    private final List<Change> log = new ArrayList<>();
    private final List<FakeWatch> watches = new ArrayList<>();
    private long version;
    private long compactedAt;

    private record Change(long version, String collection, String type, ObjectNode before, ObjectNode after) {
    }

    ObjectStore(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    synchronized String resourceVersion() {
        return Long.toString(version);
    }

    synchronized Optional<ObjectNode> find(ApiPath path) {
        return Optional.ofNullable(stored(path)).map(ObjectNode::deepCopy);
    }

    synchronized List<ObjectNode> all(ApiPath path) {
        Selection everything = selection(path.namespace());
        return collection(path).values().stream().filter(everything::matches).map(ObjectNode::deepCopy).toList();
    }

    synchronized ObjectNode get(ApiPath path) throws StatusError {
        ObjectNode object = stored(path);
        if (object == null) {
            throw StatusError.notFound(path, path.name());
        }
        return object.deepCopy();
    }

    synchronized ObjectNode list(ApiPath path, Map<String, String> query) throws StatusError {
        Selection selection = Selection.parse(path.namespace(), query.get("labelSelector"),
                query.get("fieldSelector"));
        long listVersion = version;
        String startAfter = null;
        String token = query.get("continue");
        if (token != null && !token.isEmpty()) {
            ContinueToken parsed = ContinueToken.parse(token);
            listVersion = parsed.listVersion();
            startAfter = parsed.lastKey();
            if (listVersion < compactedAt) {
                throw StatusError.expired("The provided continue parameter is too old to display a consistent list"
                        + " result. You can start a new list without the continue parameter.");
            }
        }
        TreeMap<String, ObjectNode> objects = collection(path);
        List<Map.Entry<String, ObjectNode>> matching = (startAfter == null ? objects : objects.tailMap(startAfter,
                false)).entrySet().stream().filter(entry -> selection.matches(entry.getValue())).toList();
        long limit = parseLong(query.get("limit"), "limit");
        List<Map.Entry<String, ObjectNode>> page = limit > 0 && matching.size() > limit
                ? matching.subList(0, (int) limit) : matching;

        ObjectNode list = mapper.createObjectNode();
        String kind = kinds.get(path.collection());
        list.put("kind", kind == null ? "List" : kind + "List").put("apiVersion", path.apiVersion());
        ObjectNode metadata = list.putObject("metadata").put("resourceVersion", Long.toString(listVersion));
        if (page.size() < matching.size()) {
            metadata.put("continue", new ContinueToken(listVersion, page.get(page.size() - 1).getKey()).text());
            metadata.put("remainingItemCount", matching.size() - page.size());
        }
        ArrayNode items = list.putArray("items");
        page.forEach(entry -> items.add(entry.getValue().deepCopy()));
        return list;
    }

    /** Creates; {@code seed} keeps the given status and server fields, as for objects that were already there. */
    synchronized ObjectNode create(ApiPath path, ObjectNode body, boolean seed) throws StatusError {
        ObjectNode object = body.deepCopy();
        ObjectNode metadata = metadata(object);
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            String prefix = metadata.path("generateName").asText("");
            if (prefix.isEmpty()) {
                throw StatusError.invalid(path, object.path("kind").asText(path.plural()), "", "metadata.name",
                        "FieldValueRequired", "Required value: name or generateName is required");
            }
            name = prefix + randomSuffix();
            metadata.put("name", name);
        }
        if (path.namespace() != null) {
            String given = metadata.path("namespace").asText("");
            if (!given.isEmpty() && !given.equals(path.namespace())) {
                throw StatusError.badRequest("the namespace of the provided object does not match the namespace"
                        + " sent on the request");
            }
            metadata.put("namespace", path.namespace());
        } else {
            metadata.remove("namespace");
        }
        ApiPath objectPath = withName(path, name);
        if (stored(objectPath) != null) {
            throw StatusError.alreadyExists(path, name);
        }
        if (!seed || !metadata.has("uid")) {
            metadata.put("uid", UUID.randomUUID().toString());
        }
        if (!seed || !metadata.has("creationTimestamp")) {
            metadata.put("creationTimestamp", now());
        }
        if (!seed || !metadata.has("generation")) {
            metadata.put("generation", 1);
        }
        if (!seed) {
            metadata.remove("deletionTimestamp");
            object.remove("status");
        }
        if (!object.has("apiVersion")) {
            object.put("apiVersion", path.apiVersion());
        }
        if (object.hasNonNull("kind")) {
            kinds.put(path.collection(), object.get("kind").asText());
        }
        metadata.put("resourceVersion", Long.toString(++version));
        collection(path).put(key(objectPath), object);
        record(path, "ADDED", null, object);
        return object.deepCopy();
    }

    /** A PUT of the whole object, or of its status when {@code statusOnly}. */
    synchronized ObjectNode update(ApiPath path, ObjectNode body, boolean statusOnly) throws StatusError {
        ObjectNode existing = existing(path);
        String bodyName = body.path("metadata").path("name").asText("");
        if (!bodyName.isEmpty() && !bodyName.equals(path.name())) {
            throw StatusError.badRequest("the name of the object (" + bodyName + ") does not match the name on the"
                    + " URL (" + path.name() + ")");
        }
        return replace(path, existing, body, statusOnly);
    }

    synchronized ObjectNode patch(ApiPath path, String contentType, JsonNode patch, String fieldManager,
            boolean force) throws StatusError {
        boolean apply = contentType.equals("application/apply-patch+yaml");
        if (force && !apply) {
            throw StatusError.of(422, "Invalid", "force: Forbidden: may not be specified for non-apply patch");
        }
        if (apply && (fieldManager == null || fieldManager.isEmpty())) {
            throw StatusError.of(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required"
                    + " value: is required for apply patch");
        }
        ObjectNode existing = stored(path);
        if (existing == null && apply && path.subresource() == null && patch instanceof ObjectNode object) {
            // Apply creates what is missing.
            ObjectNode created = object.deepCopy();
            String name = created.path("metadata").path("name").asText("");
            if (!name.isEmpty() && !name.equals(path.name())) {
                throw StatusError.badRequest("the name of the object (" + name + ") does not match the name on the"
                        + " URL (" + path.name() + ")");
            }
            metadata(created).put("name", path.name());
            return create(withName(path, null), managedBy(created, fieldManager, path), false);
        }
        if (existing == null) {
            throw StatusError.notFound(path, path.name());
        }
        JsonNode patched;
        switch (contentType) {
            // Strategic merge is taken as a plain merge: the fake has no schemas to read patch strategies from.
            case "application/merge-patch+json", "application/strategic-merge-patch+json" -> {
                requireObject(patch);
                patched = Patches.merge(existing, patch);
            }
            case "application/json-patch+json" -> {
                try {
                    patched = Patches.jsonPatch(existing, patch);
                } catch (Patches.PatchFailure e) {
                    throw StatusError.of(422, "Invalid", "the server rejected our request due to an error in our"
                            + " request: " + e.getMessage());
                }
            }
            case "application/apply-patch+yaml" -> {
                requireObject(patch);
                patched = managedBy((ObjectNode) Patches.merge(existing, patch), fieldManager, path);
            }
            default -> throw StatusError.of(415, "UnsupportedMediaType", "the body of the request was in an unknown"
                    + " format - accepted media types include: application/json-patch+json,"
                    + " application/merge-patch+json, application/apply-patch+yaml");
        }
        if (!(patched instanceof ObjectNode object)) {
            throw StatusError.of(422, "Invalid", "the patch did not leave an object");
        }
        return replace(path, existing, object, "status".equals(path.subresource()));
    }

    synchronized ObjectNode delete(ApiPath path, JsonNode options) throws StatusError {
        ObjectNode existing = existing(path);
        ObjectNode metadata = metadata(existing);
        JsonNode preconditions = options.path("preconditions");
        String uid = preconditions.path("uid").asText("");
        if (!uid.isEmpty() && !uid.equals(metadata.path("uid").asText())) {
            throw StatusError.conflict(path, path.name(), "Precondition failed: UID in precondition: " + uid
                    + ", UID in object meta: " + metadata.path("uid").asText());
        }
        String resourceVersion = preconditions.path("resourceVersion").asText("");
        if (!resourceVersion.isEmpty() && !resourceVersion.equals(metadata.path("resourceVersion").asText())) {
            throw StatusError.conflict(path, path.name(), "Precondition failed: ResourceVersion in precondition: "
                    + resourceVersion + ", ResourceVersion in object meta: "
                    + metadata.path("resourceVersion").asText());
        }
        if (metadata.path("finalizers").isEmpty()) {
            return remove(path, existing);
        }
        if (metadata.has("deletionTimestamp")) {
            return existing.deepCopy();
        }
        ObjectNode next = existing.deepCopy();
        metadata(next).put("deletionTimestamp", now());
        metadata(next).put("generation", metadata.path("generation").asLong() + 1);
        return write(path, existing, next);
    }

    synchronized FakeWatch watch(ApiPath path, Map<String, String> query) throws StatusError {
        Selection selection = Selection.parse(path.namespace(), query.get("labelSelector"),
                query.get("fieldSelector"));
        FakeWatch watch = new FakeWatch(mapper, path.collection(), path.apiVersion(), selection,
                "true".equals(query.get("allowWatchBookmarks")));
        String from = query.get("resourceVersion");
        if (from == null || from.isEmpty() || from.equals("0")) {
            // No version: the current state as ADDED events, then changes.
            collection(path).values().forEach(object -> watch.change("ADDED", null, object));
        } else {
            long since = parseLong(from, "resourceVersion");
            if (since < compactedAt) {
                throw StatusError.expired("too old resource version: " + since + " (" + compactedAt + ")");
            }
            log.stream()
                    .filter(change -> change.version() > since && change.collection().equals(path.collection()))
                    .forEach(change -> watch.change(change.type(), change.before(), change.after()));
        }
        watches.add(watch);
        return watch;
    }

    synchronized void unwatch(FakeWatch watch) {
        watches.remove(watch);
    }

    synchronized int openWatches() {
        return watches.size();
    }

    /** Forgets the history up to now: older resourceVersions and continue tokens get 410. */
    synchronized void compact() {
        compactedAt = version;
        log.removeIf(change -> change.version() <= compactedAt);
    }

    synchronized void bookmark() {
        for (FakeWatch watch : watches) {
            ObjectNode object = mapper.createObjectNode();
            String kind = kinds.get(watch.collection());
            if (kind != null) {
                object.put("kind", kind);
            }
            object.put("apiVersion", watch.apiVersion());
            object.putObject("metadata").put("resourceVersion", Long.toString(version));
            watch.bookmark(object);
        }
    }

    /** Ends every open watch with an ERROR event carrying 410, as when a watcher fell behind the history. */
    synchronized void expireWatches() {
        for (FakeWatch watch : watches) {
            watch.error(StatusError.expired("too old resource version: " + version + " (" + (version + 1) + ")")
                    .status());
        }
    }

    synchronized void endWatches() {
        watches.forEach(FakeWatch::end);
    }

    /** The write rules shared by update, status update and patch. */
    private ObjectNode replace(ApiPath path, ObjectNode existing, ObjectNode candidate, boolean statusOnly)
            throws StatusError {
        ObjectNode current = metadata(existing);
        String currentVersion = current.path("resourceVersion").asText();
        String requested = candidate.path("metadata").path("resourceVersion").asText("");
        if (!requested.isEmpty() && !requested.equals(currentVersion)) {
            throw StatusError.conflict(path, path.name(), "the object has been modified; please apply your changes"
                    + " to the latest version and try again");
        }
        ObjectNode next;
        if (statusOnly) {
            next = existing.deepCopy();
            if (candidate.has("status")) {
                next.set("status", candidate.get("status").deepCopy());
            } else {
                next.remove("status");
            }
        } else {
            next = candidate.deepCopy();
            ObjectNode metadata = metadata(next);
            for (String field : SERVER_OWNED) {
                if (current.has(field)) {
                    metadata.set(field, current.get(field).deepCopy());
                } else {
                    metadata.remove(field);
                }
            }
            next.remove("status");
            if (existing.has("status")) {
                next.set("status", existing.get("status").deepCopy());
            }
            for (String field : List.of("apiVersion", "kind")) {
                if (!next.has(field) && existing.has(field)) {
                    next.set(field, existing.get(field).deepCopy());
                }
            }
            if (current.has("deletionTimestamp")) {
                refuseNewFinalizers(path, existing, next);
            }
            if (!sameSpec(existing, next)) {
                metadata.put("generation", current.path("generation").asLong() + 1);
            }
        }
        metadata(next).put("resourceVersion", currentVersion);
        if (next.equals(existing)) {
            // A write that changes nothing is no write: no new version, no event.
            return existing.deepCopy();
        }
        return write(path, existing, next);
    }

    /** Stores a changed object; when that took its last finalizer away during deletion, the object goes. */
    private ObjectNode write(ApiPath path, ObjectNode existing, ObjectNode next) {
        metadata(next).put("resourceVersion", Long.toString(++version));
        collection(path).put(key(path), next);
        record(path, "MODIFIED", existing, next);
        if (metadata(next).has("deletionTimestamp") && metadata(next).path("finalizers").isEmpty()) {
            return remove(path, next);
        }
        return next.deepCopy();
    }

    private ObjectNode remove(ApiPath path, ObjectNode existing) {
        collection(path).remove(key(path));
        ObjectNode gone = existing.deepCopy();
        metadata(gone).put("resourceVersion", Long.toString(++version));
        record(path, "DELETED", existing, gone);
        return gone.deepCopy();
    }

    private void record(ApiPath path, String type, ObjectNode before, ObjectNode after) {
        Change change = new Change(version, path.collection(), type, before == null ? null : before.deepCopy(),
                after.deepCopy());
        log.add(change);
        for (FakeWatch watch : watches) {
            if (watch.collection().equals(change.collection())) {
                watch.change(type, change.before(), change.after());
            }
        }
    }

    private void refuseNewFinalizers(ApiPath path, ObjectNode existing, ObjectNode next) throws StatusError {
        Set<String> before = new HashSet<>();
        metadata(existing).path("finalizers").forEach(finalizer -> before.add(finalizer.asText()));
        for (JsonNode finalizer : metadata(next).path("finalizers")) {
            if (!before.contains(finalizer.asText())) {
                throw StatusError.invalid(path, existing.path("kind").asText(path.plural()), path.name(),
                        "metadata.finalizers", "FieldValueForbidden", "Forbidden: no new finalizers can be added if"
                                + " the object is being deleted, found new finalizers [\"" + finalizer.asText()
                                + "\"]");
            }
        }
    }

    /** Whether everything but metadata and status is unchanged: what {@code metadata.generation} counts. */
    private static boolean sameSpec(ObjectNode before, ObjectNode after) {
        ObjectNode left = before.deepCopy();
        ObjectNode right = after.deepCopy();
        for (String field : List.of("metadata", "status", "apiVersion", "kind")) {
            left.remove(field);
            right.remove(field);
        }
        return left.equals(right);
    }

    private ObjectNode managedBy(ObjectNode object, String fieldManager, ApiPath path) {
        ObjectNode entry = mapper.createObjectNode().put("manager", fieldManager).put("operation", "Apply")
                .put("apiVersion", object.path("apiVersion").asText(path.apiVersion())).put("fieldsType", "FieldsV1");
        JsonNode existing = metadata(object).get("managedFields");
        ArrayNode managed = existing instanceof ArrayNode array ? array : metadata(object).putArray("managedFields");
        for (int i = 0; i < managed.size(); i++) {
            JsonNode candidate = managed.get(i);
            if (fieldManager.equals(candidate.path("manager").asText())
                    && "Apply".equals(candidate.path("operation").asText())) {
                managed.set(i, entry);
                return object;
            }
        }
        managed.add(entry);
        return object;
    }

    private static void requireObject(JsonNode patch) throws StatusError {
        if (!patch.isObject()) {
            throw StatusError.badRequest("the patch is not a JSON object");
        }
    }

    private ObjectNode existing(ApiPath path) throws StatusError {
        ObjectNode object = stored(path);
        if (object == null) {
            throw StatusError.notFound(path, path.name());
        }
        return object;
    }

    private ObjectNode stored(ApiPath path) {
        return path.name() == null ? null : collection(path).get(key(path));
    }

    private TreeMap<String, ObjectNode> collection(ApiPath path) {
        return collections.computeIfAbsent(path.collection(), ignored -> new TreeMap<>());
    }

    private static String key(ApiPath path) {
        return (path.namespace() == null ? "" : path.namespace()) + "/" + path.name();
    }

    private static ApiPath withName(ApiPath path, String name) {
        return new ApiPath(path.prefix(), path.group(), path.namespace(), path.plural(), name, null);
    }

    private static Selection selection(String namespace) {
        try {
            return Selection.parse(namespace, null, null);
        } catch (StatusError e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode metadata(ObjectNode object) {
        JsonNode metadata = object.get("metadata");
        return metadata instanceof ObjectNode node ? node : object.putObject("metadata");
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String randomSuffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return suffix.toString();
    }

    private static long parseLong(String text, String parameter) throws StatusError {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw StatusError.badRequest("invalid " + parameter + ": " + text);
        }
    }
}
