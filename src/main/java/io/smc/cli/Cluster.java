package io.smc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.SecretManagerConfig;
import io.smc.kube.ApiException;
import io.smc.kube.ClusterConnection;
import io.smc.kube.KubeException;
import io.smc.kube.http.ClientOptions;
import io.smc.kube.http.HttpKubeClient;
import io.smc.runtime.WatchedKinds;

/**
 * A cluster verb's connection: the API client of the kubeconfig and the namespace the verb works in, with the reads
 * every verb needs and errors that name the verb and the object.
 */
final class Cluster implements AutoCloseable {
    static final String CRD_MISSING = "the " + SecretManagerConfig.KIND + " CRD is not installed: run `"
            + Main.PROGRAM + " install`";

    private final HttpKubeClient api;
    private final String namespace;

    private Cluster(HttpKubeClient api, String namespace) {
        this.api = api;
        this.namespace = namespace;
    }

    static Cluster connect(ClusterArgs args, Terminal terminal) throws CommandFailure {
        try {
            ClusterConnection connection = KubeConnection.load(args.kubeconfig(), args.context(), terminal);
            String namespace = args.namespace() != null ? args.namespace() : connection.defaultNamespace();
            return new Cluster(HttpKubeClient.create(connection, ClientOptions.defaults()),
                    namespace == null || namespace.isEmpty() ? "default" : namespace);
        } catch (KubeException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    HttpKubeClient api() {
        return api;
    }

    String namespace() {
        return namespace;
    }

    /** The config, read now; a missing one says whether the object or its CRD is missing. */
    ObjectNode config(String verb, String name) throws CommandFailure {
        try {
            return api.get(WatchedKinds.CONFIGS, namespace, name);
        } catch (ApiException e) {
            if (e.reason() == ApiException.Reason.NOT_FOUND) {
                requireCrd(verb);
                throw new CommandFailure(verb + ": " + SecretManagerConfig.KIND + " " + namespace + "/" + name
                        + " not found");
            }
            throw failure(verb, name, e);
        } catch (KubeException e) {
            throw failure(verb, name, e);
        }
    }

    /** Fails with {@link #CRD_MISSING} when discovery does not list the configs' resource. */
    void requireCrd(String verb) throws CommandFailure {
        try {
            if (!api.serves(WatchedKinds.CONFIGS)) {
                throw new CommandFailure(verb + ": " + CRD_MISSING);
            }
        } catch (KubeException e) {
            throw new CommandFailure(verb + ": " + e.getMessage());
        }
    }

    /** {@code reconcile SecretManagerConfig apps/demo: …}: the verb, the object, then the API's own words. */
    CommandFailure failure(String verb, String name, KubeException e) {
        return new CommandFailure(verb + " " + SecretManagerConfig.KIND + " " + namespace + "/" + name + ": "
                + e.getMessage());
    }

    @Override
    public void close() {
        api.close();
    }
}
