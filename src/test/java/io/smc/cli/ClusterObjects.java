package io.smc.cli;

import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer;
import io.smc.runtime.WatchedKinds;

/** Configs, sources and events as a running controller and Flux leave them, for the cluster verbs' tests. */
final class ClusterObjects {
    static final ResourceType GIT = WatchedKinds.SOURCES.get(0).versions().get(0);

    private ClusterObjects() {
    }

    /** {@code apps/demo}: Ready at main@sha1:0123abcd with two secrets, created an hour before the tests' now. */
    static void demo(FakeApiServer api) {
        api.seed(WatchedKinds.CONFIGS, """
                {"apiVersion": "secret-management.microscaler.io/v1beta1", "kind": "SecretManagerConfig",
                 "metadata": {"name": "demo", "namespace": "apps", "uid": "9d1c-demo", "generation": 2,
                   "creationTimestamp": "2026-12-01T11:00:00Z"},
                 "spec": {"sourceRef": {"kind": "GitRepository", "name": "apps", "namespace": "flux-system"},
                   "provider": {"gcp": {"projectId": "demo-project"}},
                   "secrets": {"environment": "dev", "prefix": "demo"}, "reconcileInterval": "5m",
                   "decryption": {"secretRef": {"name": "sops-keys"}}},
                 "status": {"observedGeneration": 2, "phase": "Ready", "lastAppliedRevision": "main@sha1:0123abcd",
                   "lastAttemptedRevision": "main@sha1:0123abcd", "lastReconcileTime": "2026-12-01T11:58:00Z",
                   "nextReconcileTime": "2026-12-01T12:03:00Z", "secretsSynced": 2,
                   "conditions": [
                     {"type": "Ready", "status": "True", "reason": "ReconciliationSucceeded",
                      "message": "Synced 2 secrets at revision main@sha1:0123abcd",
                      "lastTransitionTime": "2026-12-01T11:30:00Z", "observedGeneration": 2},
                     {"type": "Reconciling", "status": "False", "reason": "ReconciliationSucceeded",
                      "message": "done", "lastTransitionTime": "2026-12-01T11:30:00Z"}],
                   "inventory": [{"name": "demo-api-key", "version": 3, "state": "ENABLED"},
                     {"name": "demo-db-password", "version": 1, "state": "ENABLED"}]}}
                """);
    }

    /** {@code apps/billing}: failing to decrypt, suspended. */
    static void billing(FakeApiServer api) {
        api.seed(WatchedKinds.CONFIGS, """
                {"apiVersion": "secret-management.microscaler.io/v1beta1", "kind": "SecretManagerConfig",
                 "metadata": {"name": "billing", "namespace": "apps", "uid": "9d1c-billing",
                   "creationTimestamp": "2026-11-28T12:00:00Z"},
                 "spec": {"sourceRef": {"kind": "Application", "name": "billing", "namespace": "argocd"},
                   "provider": {"gcp": {"projectId": "billing-prod", "location": "europe-west1"}},
                   "secrets": {"environment": "prod"}, "suspend": true},
                 "status": {"conditions": [{"type": "Ready", "status": "False", "reason": "DecryptionFailed",
                   "message": "no key opens services/billing/profiles/prod/application.secrets.env",
                   "lastTransitionTime": "2026-12-01T10:00:00Z"}], "lastAttemptedRevision": "v1.2.0"}}
                """);
    }

    /** {@code team-b/other}: new, not yet reconciled. */
    static void other(FakeApiServer api) {
        api.seed(WatchedKinds.CONFIGS, """
                {"apiVersion": "secret-management.microscaler.io/v1beta1", "kind": "SecretManagerConfig",
                 "metadata": {"name": "other", "namespace": "team-b", "uid": "9d1c-other",
                   "creationTimestamp": "2026-12-01T11:59:30Z"},
                 "spec": {"sourceRef": {"name": "team-b"}, "provider": {"gcp": {"projectId": "team-b-project"}},
                   "secrets": {"environment": "dev"}}}
                """);
    }

    /** The GitRepository {@code flux-system/apps} that demo reads, Ready at main@sha1:0123abcd. */
    static void gitRepository(FakeApiServer api) {
        api.seed(GIT, """
                {"apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
                 "metadata": {"name": "apps", "namespace": "flux-system"},
                 "spec": {"interval": "1m", "url": "https://github.com/example/apps", "ref": {"branch": "main"}},
                 "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "Succeeded",
                   "message": "stored artifact for revision 'main@sha1:0123abcd'",
                   "lastTransitionTime": "2026-12-01T11:00:00Z"}],
                  "artifact": {"revision": "main@sha1:0123abcd"}}}
                """);
    }

    /** Three events of demo and one of another object, which describe must leave out. */
    static void events(FakeApiServer api) {
        event(api, "demo.1", "demo", "9d1c-demo", "Normal", "SecretCreated", "2 created at revision main@sha1:0123abcd",
                "2026-12-01T11:30:00Z", 1);
        event(api, "demo.2", "demo", "9d1c-demo", "Warning", "ProviderError", "quota exceeded; retrying",
                "2026-12-01T11:20:00Z", 3);
        event(api, "demo.3", "demo", "9d1c-demo", "Normal", "VersionAdded", "1 version added at revision "
                + "main@sha1:0123abcd", "2026-12-01T11:50:00Z", 1);
        event(api, "billing.1", "billing", "9d1c-billing", "Warning", "DecryptionFailed", "no key", 
                "2026-12-01T11:55:00Z", 1);
    }

    private static void event(FakeApiServer api, String name, String object, String uid, String type, String reason,
            String message, String time, int count) {
        api.seed(ResourceType.EVENTS, """
                {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "%s", "namespace": "apps"},
                 "involvedObject": {"apiVersion": "secret-management.microscaler.io/v1beta1",
                   "kind": "SecretManagerConfig", "namespace": "apps", "name": "%s", "uid": "%s"},
                 "type": "%s", "reason": "%s", "message": "%s", "count": %d,
                 "firstTimestamp": "%s", "lastTimestamp": "%s",
                 "source": {"component": "secret-manager-controller"}}
                """.formatted(name, object, uid, type, reason, message, count, time, time));
    }
}
