package io.smc.source.flux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.PatchType;
import io.smc.kube.ResourceType;
import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads Flux sources ({@code source.toolkit.fluxcd.io} GitRepository, OCIRepository, Bucket) through the Kubernetes
 * API. Tries {@code v1} first and falls back to {@code v1beta2} when the server answers 404, so clusters on Flux
 * releases that do not serve v1 yet keep working.
 *
 * <p>{@link #current} reads the source from {@link CachedSources} when they hold it, and from the API otherwise;
 * {@link #suspendGitPulls} always reads it from the API, since it patches what it read.
 *
 * <p>Errors: {@link SourceNotReadyException} when the source is missing, not Ready, Reconciling or has no artifact
 * (wait, touch nothing); {@link SourceException} for API failures, retryable when the API call is.
 */
public final class FluxSources {
    static final String GROUP = "source.toolkit.fluxcd.io";
    static final String V1 = "v1";
    static final String V1BETA2 = "v1beta2";

    private final KubeApi api;
    private final CachedSources cached;

    private FluxSources(KubeApi api, CachedSources cached) {
        this.api = Objects.requireNonNull(api, "api");
        this.cached = Objects.requireNonNull(cached, "cached");
    }

    /** Sources read from the API every time. */
    public static FluxSources using(KubeApi api) {
        return using(api, CachedSources.NONE);
    }

    /** Sources read from {@code cached} when it holds them, from the API otherwise. */
    public static FluxSources using(KubeApi api, CachedSources cached) {
        return new FluxSources(api, cached);
    }

    /** The source's current artifact, when it is Ready, not Reconciling, and has one. */
    public FluxArtifact current(SourceReference ref) throws SourceNotReadyException, SourceException {
        ObjectNode source = get(ref);
        JsonNode ready = condition(source, "Ready");
        JsonNode reconciling = condition(source, "Reconciling");
        if (reconciling != null && "True".equals(reconciling.path("status").asText())) {
            throw new SourceNotReadyException(ref + " is reconciling: " + message(reconciling));
        }
        if (ready == null) {
            throw new SourceNotReadyException(ref + " has no Ready condition yet");
        }
        if (!"True".equals(ready.path("status").asText())) {
            throw new SourceNotReadyException(ref + " is not ready: " + message(ready));
        }
        JsonNode artifact = source.path("status").path("artifact");
        String url = artifact.path("url").asText("");
        String revision = artifact.path("revision").asText("");
        if (url.isEmpty() || revision.isEmpty()) {
            throw new SourceNotReadyException(ref + " has no artifact yet");
        }
        String digest = artifact.path("digest").asText("");
        if (digest.isEmpty()) {
            String checksum = artifact.path("checksum").asText("");
            digest = checksum.isEmpty() ? null : checksum.contains(":") ? checksum : "sha256:" + checksum;
        }
        Long size = artifact.path("size").canConvertToLong() ? artifact.path("size").asLong() : null;
        String updated = artifact.path("lastUpdateTime").asText(null);
        return new FluxArtifact(source.path("metadata").path("uid").asText(""), url, revision, digest, size, updated);
    }

    /**
     * Sets {@code spec.suspend} of the GitRepository to {@code suspend} with a JSON merge patch, only when it differs
     * (absent counts as false). Returns whether it patched.
     */
    public boolean suspendGitPulls(String namespace, String name, boolean suspend)
            throws SourceNotReadyException, SourceException {
        SourceReference ref = new SourceReference(SourceReference.Kind.GitRepository, namespace, name);
        Found found = find(ref);
        if (found.object.path("spec").path("suspend").asBoolean(false) == suspend) {
            return false;
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("spec").put("suspend", suspend);
        try {
            api.patch(found.type, namespace, name, PatchType.MERGE, patch, null, false, null);
            return true;
        } catch (KubeException e) {
            throw failure(ref, "patch", e);
        }
    }

    private ObjectNode get(SourceReference ref) throws SourceNotReadyException, SourceException {
        Optional<ObjectNode> watched = cached.find(ref);
        return watched.isPresent() ? watched.get() : find(ref).object;
    }

    private record Found(ResourceType type, ObjectNode object) {
    }

    private Found find(SourceReference ref) throws SourceNotReadyException, SourceException {
        for (String version : new String[] {V1, V1BETA2}) {
            ResourceType type = ref.kind().type(version);
            try {
                return new Found(type, api.get(type, ref.namespace(), ref.name()));
            } catch (ApiException e) {
                // 404 is both "no such object" and "this group version is not served"; only the last version tells.
                if (e.reason() != ApiException.Reason.NOT_FOUND && e.code() != 404) {
                    throw failure(ref, "get", e);
                }
            } catch (KubeException e) {
                throw failure(ref, "get", e);
            }
        }
        throw new SourceNotReadyException(ref.kind() + " " + ref.namespace() + "/" + ref.name() + " not found");
    }

    private static SourceException failure(SourceReference ref, String verb, KubeException e) {
        return new SourceException("cannot " + verb + " " + ref + ": " + e.getMessage(), e.retryable(), e);
    }

    private static JsonNode condition(ObjectNode source, String type) {
        for (JsonNode condition : source.path("status").path("conditions")) {
            if (type.equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return null;
    }

    private static String message(JsonNode condition) {
        String message = condition.path("message").asText("");
        String reason = condition.path("reason").asText("");
        return message.isEmpty() ? (reason.isEmpty() ? "no message" : reason) : message;
    }
}
