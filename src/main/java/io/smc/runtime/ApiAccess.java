package io.smc.runtime;

import io.smc.kube.ResourceType;
import java.util.Objects;
import java.util.Set;

/**
 * One permission the controller needs from the Kubernetes API, in RBAC's terms: a verb on a resource (or one of its
 * subresources) of an API group, in the namespaces its {@link Scope} names. It is what a Role's rule grants and what a
 * SelfSubjectAccessReview asks about.
 *
 * @param group       the API group; empty for the core group
 * @param resource    the plural, as RBAC names it
 * @param subresource such as {@code status}; empty for the object itself
 * @param verb        RBAC's verb for the call: {@code get} one object, {@code list} a collection, {@code watch} it,
 *                    {@code create}, {@code update} (PUT), {@code patch}, {@code delete}, {@code deletecollection}
 * @param scope       where the calls go
 */
public record ApiAccess(String group, String resource, String subresource, String verb, Scope scope) {
    /** The verbs of resource requests, as the API server's authorizer names them. */
    public static final Set<String> VERBS = Set.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection");

    /** The namespaces an access is needed in; each maps to one kind of Role or ClusterRole in config/. */
    public enum Scope {
        /**
         * Every namespace whose configs the controller reconciles: all of them (a ClusterRole) unless {@code run} is
         * given {@code --namespace}. Also the namespaces configs point into: a source or a Secret may live in another.
         */
        WATCHED_NAMESPACES,
        /** The namespace of the leader-election Lease, the controller's own ({@code --leader-election-namespace}). */
        LEADER_ELECTION_NAMESPACE,
        /** Argo CD's namespace ({@code --argocd-namespace}), where its repository Secrets and known hosts are. */
        ARGOCD_NAMESPACE
    }

    public ApiAccess {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(subresource, "subresource");
        Objects.requireNonNull(scope, "scope");
        if (resource == null || resource.isEmpty() || resource.contains("/")) {
            throw new IllegalArgumentException("a resource is a plural without '/', not '" + resource + "'");
        }
        // A wildcard is a grant of things nobody listed, which is what this type exists to prevent.
        if ((group + resource + subresource).contains("*")) {
            throw new IllegalArgumentException("no wildcards: " + group + " " + resource + " " + subresource);
        }
        if (!VERBS.contains(verb)) {
            throw new IllegalArgumentException("'" + verb + "' is not a verb of resource requests: " + VERBS);
        }
    }

    /** {@code verb} on {@code type}'s objects (no subresource). */
    public static ApiAccess of(ResourceType type, String verb, Scope scope) {
        return new ApiAccess(type.group(), type.plural(), "", verb, scope);
    }

    /** {@code verb} on one subresource of {@code type}'s objects. */
    public static ApiAccess of(ResourceType type, String subresource, String verb, Scope scope) {
        return new ApiAccess(type.group(), type.plural(), subresource, verb, scope);
    }

    /** {@code secretmanagerconfigs/status}: the resource as a Role's rule and a SelfSubjectAccessReview name it. */
    public String rbacResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    /** {@code patch secretmanagerconfigs/status.secret-management.microscaler.io in WATCHED_NAMESPACES}. */
    @Override
    public String toString() {
        return verb + " " + rbacResource() + (group.isEmpty() ? "" : "." + group) + " in " + scope;
    }
}
