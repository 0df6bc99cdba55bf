package io.smc.source.flux;

/** Flux source objects as source-controller writes them, trimmed to what the controller reads. */
public final class FluxObjects {
    private FluxObjects() {
    }

    public static String gitRepository(String version, String name, String uid, String conditions, String artifact) {
        return """
                {"apiVersion": "source.toolkit.fluxcd.io/%s", "kind": "GitRepository",
                 "metadata": {"name": "%s", "namespace": "flux-system", "uid": "%s"},
                 "spec": {"interval": "1m", "url": "https://github.com/example/apps", "ref": {"branch": "main"}},
                 "status": {"observedGeneration": 1, "conditions": [%s]%s}}
                """.formatted(version, name, uid, conditions, artifact == null ? "" : ", \"artifact\": " + artifact);
    }

    public static String ready() {
        return condition("Ready", "True", "Succeeded", "stored artifact for revision 'main@sha1:abc'");
    }

    public static String condition(String type, String status, String reason, String message) {
        return """
                {"type": "%s", "status": "%s", "reason": "%s", "message": "%s",
                 "lastTransitionTime": "2026-11-28T10:00:00Z", "observedGeneration": 1}
                """.formatted(type, status, reason, message);
    }

    public static String artifact(String url, String revision, String digest, long size) {
        return """
                {"path": "gitrepository/flux-system/apps/abc.tar.gz", "url": "%s", "revision": "%s",
                 "digest": "%s", "size": %d, "lastUpdateTime": "2026-11-28T10:00:00Z"}
                """.formatted(url, revision, digest, size);
    }
}
