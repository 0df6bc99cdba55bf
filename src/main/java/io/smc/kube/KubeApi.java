package io.smc.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Kubernetes REST API, typed by {@link ResourceType} and carrying objects as JSON trees. Errors are
 * {@link ApiException} (typed from the server's Status), {@link TransportException} or {@link ConfigException}.
 * Namespace arguments are ignored for cluster-scoped types; null means all namespaces for list and watch.
 */
public interface KubeApi {
    ObjectNode get(ResourceType type, String namespace, String name) throws KubeException;

    /** One page; callers follow {@link ListPage#continueToken()} (or use {@link #listAll}). */
    ListPage list(ResourceType type, String namespace, ListOptions options) throws KubeException;

    /** Every page of a list, in order; the resourceVersion is the first page's. */
    default ListPage listAll(ResourceType type, String namespace, ListOptions options) throws KubeException {
        ListPage page = list(type, namespace, options);
        java.util.List<ObjectNode> items = new java.util.ArrayList<>(page.items());
        String resourceVersion = page.resourceVersion();
        while (page.continueToken() != null && !page.continueToken().isEmpty()) {
            page = list(type, namespace, options.withContinue(page.continueToken()));
            items.addAll(page.items());
        }
        return new ListPage(items, resourceVersion, null);
    }

    ObjectNode create(ResourceType type, String namespace, ObjectNode object) throws KubeException;

    /** Replaces the object; its {@code metadata.resourceVersion} makes a stale update a CONFLICT. */
    ObjectNode update(ResourceType type, String namespace, ObjectNode object) throws KubeException;

    /** Replaces the object's status through the {@code status} subresource. */
    ObjectNode updateStatus(ResourceType type, String namespace, ObjectNode object) throws KubeException;

    /**
     * Patches an object (or its status when {@code subresource} is {@code "status"}). {@link PatchType#APPLY}
     * needs {@code fieldManager}; {@code force} takes over conflicting fields.
     */
    ObjectNode patch(ResourceType type, String namespace, String name, PatchType patchType, JsonNode patch,
            String fieldManager, boolean force, String subresource) throws KubeException;

    void delete(ResourceType type, String namespace, String name, DeleteOptions options) throws KubeException;

    WatchStream watch(ResourceType type, String namespace, WatchOptions options) throws KubeException;

    /**
     * Whether the server serves this resource now, from discovery ({@code /apis/group/version}): false when the
     * group version is unknown (a CRD not installed) or does not list the plural. Optional kinds, such as Flux's
     * and Argo CD's, are checked this way before they are watched.
     */
    boolean serves(ResourceType type) throws KubeException;
}
