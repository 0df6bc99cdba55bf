package io.smc.kube;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A kind of Kubernetes object as the REST API addresses it: group (empty for the core group), version, plural and
 * whether it lives in namespaces. Works for kinds this program has no class for (Flux sources, Argo CD
 * Applications): objects are JSON trees.
 */
public record ResourceType(String group, String version, String plural, String kind, boolean namespaced) {
    public static final ResourceType NAMESPACES = new ResourceType("", "v1", "namespaces", "Namespace", false);
    public static final ResourceType SECRETS = new ResourceType("", "v1", "secrets", "Secret", true);
    public static final ResourceType CONFIG_MAPS = new ResourceType("", "v1", "configmaps", "ConfigMap", true);
    public static final ResourceType EVENTS = new ResourceType("", "v1", "events", "Event", true);
    public static final ResourceType LEASES = new ResourceType("coordination.k8s.io", "v1", "leases", "Lease", true);

    public ResourceType {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(plural, "plural");
        Objects.requireNonNull(kind, "kind");
    }

    /** {@code v1} or {@code group/version}, as in an object's {@code apiVersion}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /**
     * The path of the collection ({@code name} null) or of one object, in {@code namespace} (null: all namespaces,
     * or a cluster-scoped kind), with an optional subresource such as {@code status}.
     */
    public String path(String namespace, String name, String subresource) {
        StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
        if (namespaced && namespace != null) {
            path.append("/namespaces/").append(encode(namespace));
        }
        path.append('/').append(plural);
        if (name != null) {
            path.append('/').append(encode(name));
            if (subresource != null) {
                path.append('/').append(subresource);
            }
        }
        return path.toString();
    }

    /** {@code plural.group}, as RBAC and error messages name it. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
