package io.smc.kube.config;

import io.smc.kube.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One kubeconfig, or several merged: named clusters, users and contexts, and the current context. File paths in
 * it are already absolute (resolved against the directory of the file that named them), so merging loses nothing.
 */
record KubeConfig(Map<String, Cluster> clusters, Map<String, User> users, Map<String, Context> contexts,
        String currentContext, List<Path> files) {

    /**
     * A {@code clusters[].cluster} entry.
     *
     * @param caData   decoded {@code certificate-authority-data}; wins over {@code caFile}, as in kubectl
     * @param proxyUrl kept only to refuse it clearly: connections here do not go through proxies
     */
    record Cluster(String name, Location at, String server, Path caFile, byte[] caData, boolean insecure,
            String tlsServerName, String proxyUrl) {
    }

    /**
     * A {@code users[].user} entry. The {@code -data} fields win over the file fields, as in kubectl. Fields that
     * are only refused ({@code auth-provider}, basic auth, impersonation) are kept as what is needed to say so.
     */
    record User(String name, Location at, Path certFile, byte[] certData, Path keyFile, byte[] keyData, String token,
            Path tokenFile, ExecConfig exec, String authProvider, boolean basicAuth, boolean impersonation) {
        /** Never the token or key. */
        @Override
        public String toString() {
            return "User[" + name + " at " + at + "]";
        }
    }

    /** A {@code contexts[].context} entry; {@code user} and {@code namespace} may be null. */
    record Context(String name, Location at, String cluster, String user, String namespace) {
    }

    /**
     * A user's {@code exec} section. {@code command} is already resolved against the kubeconfig's directory when it
     * holds a {@code /}; a bare name is looked up on {@code PATH} when the plugin runs.
     */
    record ExecConfig(Location at, String command, List<String> args, Map<String, String> env, String apiVersion,
            String interactiveMode, boolean provideClusterInfo, String installHint) {
        /** Never the environment or arguments: they may carry secrets for the plugin. */
        @Override
        public String toString() {
            return "ExecConfig[" + command + " at " + at + "]";
        }
    }

    KubeConfig {
        clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
        users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
        contexts = Collections.unmodifiableMap(new LinkedHashMap<>(contexts));
        files = List.copyOf(files);
    }

    /**
     * Merges as kubectl merges the files of {@code KUBECONFIG}: for each name, the first file that defines it wins
     * (entries are never merged field by field), and so does the first file that sets {@code current-context}.
     */
    static KubeConfig merge(List<KubeConfig> configs) {
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        Map<String, User> users = new LinkedHashMap<>();
        Map<String, Context> contexts = new LinkedHashMap<>();
        String current = null;
        List<Path> files = new ArrayList<>();
        for (KubeConfig config : configs) {
            config.clusters.forEach(clusters::putIfAbsent);
            config.users.forEach(users::putIfAbsent);
            config.contexts.forEach(contexts::putIfAbsent);
            if (current == null) {
                current = config.currentContext;
            }
            files.addAll(config.files);
        }
        return new KubeConfig(clusters, users, contexts, current, files);
    }

    /** Nothing defined: kubectl then falls back to the in-cluster configuration. */
    boolean isEmpty() {
        return clusters.isEmpty() && users.isEmpty() && contexts.isEmpty() && currentContext == null;
    }

    /** The named context, else the current one. */
    Context context(String requested) throws ConfigException {
        String name = requested != null ? requested : currentContext;
        if (name == null) {
            throw new ConfigException("no context asked for and current-context is not set in " + describeFiles()
                    + "; " + existing("contexts", contexts));
        }
        Context context = contexts.get(name);
        if (context == null) {
            throw new ConfigException("context '" + name + "' is not defined in " + describeFiles() + "; "
                    + existing("contexts", contexts));
        }
        return context;
    }

    Cluster cluster(Context context) throws ConfigException {
        if (context.cluster() == null) {
            throw context.at().field("cluster").problem("missing: context '" + context.name() + "' names no cluster");
        }
        Cluster cluster = clusters.get(context.cluster());
        if (cluster == null) {
            throw new ConfigException("context '" + context.name() + "' refers to cluster '" + context.cluster()
                    + "', which is not defined in " + describeFiles() + "; " + existing("clusters", clusters));
        }
        return cluster;
    }

    /** The context's user, or null for a context without one (anonymous, or a client certificate elsewhere). */
    User user(Context context) throws ConfigException {
        if (context.user() == null) {
            return null;
        }
        User user = users.get(context.user());
        if (user == null) {
            throw new ConfigException("context '" + context.name() + "' refers to user '" + context.user()
                    + "', which is not defined in " + describeFiles() + "; " + existing("users", users));
        }
        return user;
    }

    String describeFiles() {
        return files.stream().map(Path::toString).collect(Collectors.joining(":"));
    }

    private static String existing(String kind, Map<String, ?> entries) {
        return entries.isEmpty() ? "no " + kind + " are defined" : kind + ": " + String.join(", ", entries.keySet());
    }
}
