package io.smc.runtime;

import static io.smc.runtime.ApiAccess.Scope.ARGOCD_NAMESPACE;
import static io.smc.runtime.ApiAccess.Scope.LEADER_ELECTION_NAMESPACE;
import static io.smc.runtime.ApiAccess.Scope.WATCHED_NAMESPACES;

import io.smc.kube.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes API access {@code run} needs, and nothing more: the one place that states which calls the controller
 * makes. The install manifests ({@code config/rbac}, {@code config/rbac-argocd}, {@code config/rbac-namespaced})
 * grant exactly this list, and tests hold both sides to it: the rendered roles are compared with it, and the
 * controller is run against a recording API server through every path that calls the API, each request checked
 * against it. A new call in the code fails those tests until it is listed here and granted there.
 *
 * <p>Not listed, because RBAC does not govern them per resource: discovery ({@code GET /api}, {@code /apis},
 * {@code /apis/GROUP/VERSION}, asked to find which Flux and Argo CD kinds the cluster serves) is a non-resource URL
 * that the built-in {@code system:discovery} ClusterRole grants to every authenticated user.
 */
public final class ControllerPermissions {
    private static final List<ApiAccess> ALL = declare();

    private ControllerPermissions() {
    }

    /** Every access, in the order of {@link #declare()}. */
    public static List<ApiAccess> all() {
        return ALL;
    }

    /** The accesses needed in {@code scope}'s namespaces. */
    public static List<ApiAccess> in(ApiAccess.Scope scope) {
        return ALL.stream().filter(access -> access.scope() == scope).toList();
    }

    private static List<ApiAccess> declare() {
        List<ApiAccess> all = new ArrayList<>();
        // Configs are read from the informers' caches only (list, then watch), never with a GET. The finalizer is
        // added and removed with a merge patch of the object, guarded by its resourceVersion; the status is a merge
        // patch of the status subresource. Nothing sets an ownerReference to a config, so the finalizers
        // subresource (checked by OwnerReferencesPermissionEnforcement for blockOwnerDeletion) is never needed.
        grant(all, WatchedKinds.CONFIGS, "", WATCHED_NAMESPACES, "list", "watch", "patch");
        grant(all, WatchedKinds.CONFIGS, "status", WATCHED_NAMESPACES, "patch");
        // Sources are cached (list, watch, metadata and status only) to queue the configs that read them; a reconcile
        // reads its source with a GET for the artifact or the Application's Git source.
        for (WatchedKinds.SourceKind kind : WatchedKinds.SOURCES) {
            grant(all, kind.versions().get(0), "", WATCHED_NAMESPACES, "get", "list", "watch");
        }
        // spec.suspendGitPulls: the GitRepository's spec.suspend is set with a merge patch while the config is
        // suspended. The only write to anything but the controller's own configs, events and lease.
        grant(all, source("GitRepository"), "", WATCHED_NAMESPACES, "patch");
        // Decryption keys (spec.decryption or --decryption-secret), GCP service account keys (provider.gcp.auth) and
        // Git credentials (sourceRef.gitCredentials) are read by name with a GET when a reconcile needs them.
        // Never list or watch: no Secret is cached.
        grant(all, ResourceType.SECRETS, "", WATCHED_NAMESPACES, "get");
        // core/v1 Events in the config's namespace; a repeat raises the existing Event's count with a patch.
        grant(all, ResourceType.EVENTS, "", WATCHED_NAMESPACES, "create", "patch");
        // Leader election: read the Lease, create it when missing, renew and release it with a PUT (an update
        // guarded by its resourceVersion, as client-go's leader election does).
        grant(all, ResourceType.LEASES, "", LEADER_ELECTION_NAMESPACE, "get", "create", "update");
        // Argo CD's credentials for an Application's repository are found as Argo CD finds them: its repository and
        // repo-creds Secrets are listed by label, and SSH host keys read from its known-hosts ConfigMap.
        grant(all, ResourceType.SECRETS, "", ARGOCD_NAMESPACE, "list");
        grant(all, ResourceType.CONFIG_MAPS, "", ARGOCD_NAMESPACE, "get");
        return List.copyOf(all);
    }

    private static void grant(List<ApiAccess> all, ResourceType type, String subresource, ApiAccess.Scope scope,
            String... verbs) {
        for (String verb : verbs) {
            all.add(ApiAccess.of(type, subresource, verb, scope));
        }
    }

    private static ResourceType source(String kind) {
        return WatchedKinds.SOURCES.stream().filter(source -> source.kind().equals(kind)).findFirst().orElseThrow()
                .versions().get(0);
    }
}
