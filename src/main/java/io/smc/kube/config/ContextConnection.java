package io.smc.kube.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ClusterConnection;
import io.smc.kube.ConfigException;
import io.smc.kube.CredentialSource;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Turns the selected context of a kubeconfig into a {@link ClusterConnection}: the server URL, the TLS context
 * (certificate authority, server name, client certificate) and the source of bearer tokens. What kubectl no longer
 * supports, or this program never does, is refused here, naming what to use instead.
 */
final class ContextConnection {
    /** The exec plugins that replaced the auth providers removed from kubectl. */
    private static final Map<String, String> AUTH_PROVIDER_PLUGINS = Map.of(
            "gcp", "gke-gcloud-auth-plugin (gcloud components install gke-gcloud-auth-plugin, then gcloud container"
                    + " clusters get-credentials writes the exec section)",
            "azure", "kubelogin (github.com/Azure/kubelogin: kubelogin convert-kubeconfig writes the exec section)",
            "oidc", "kubelogin (github.com/int128/kubelogin: kubectl oidc-login setup prints the exec section)");

    private ContextConnection() {
    }

    /** A value from a kubeconfig: inline {@code -data}, or the content of the file it names. */
    private record Material(byte[] bytes, Location at) {
    }

    static ClusterConnection connect(KubeConfig config, LoadOptions options) throws ConfigException {
        KubeConfig.Context context = config.context(options.context());
        KubeConfig.Cluster cluster = config.cluster(context);
        KubeConfig.User user = config.user(context);
        refuseUnsupported(cluster, user);
        URI server = server(cluster);
        Material authority = material(cluster.caData(), cluster.caFile(), cluster.at(), "certificate-authority");
        SSLContext tls = "https".equals(server.getScheme()) ? tls(cluster, authority, user, options) : null;
        CredentialSource credentials = credentials(user, cluster, authority, options);
        String namespace = context.namespace() != null ? context.namespace() : "default";
        return new ClusterConnection(server, tls, cluster.tlsServerName(), credentials, namespace,
                "context " + context.name() + " in " + config.describeFiles());
    }

    private static void refuseUnsupported(KubeConfig.Cluster cluster, KubeConfig.User user) throws ConfigException {
        if (cluster.proxyUrl() != null) {
            throw cluster.at().field("proxy-url").problem("is not supported: connections go to the server directly");
        }
        if (user == null) {
            return;
        }
        if (user.authProvider() != null) {
            String plugin = AUTH_PROVIDER_PLUGINS.getOrDefault(user.authProvider(), "the exec credential plugin of"
                    + " your provider");
            throw user.at().field("auth-provider").problem("user '" + user.name() + "' uses the auth-provider '"
                    + user.authProvider() + "', which kubectl removed and this program does not support; use the"
                    + " exec credential plugin " + plugin + " instead");
        }
        if (user.basicAuth()) {
            throw user.at().problem("user '" + user.name() + "' has a username and password; basic authentication"
                    + " was removed from Kubernetes in 1.19, use a token, client certificate or exec plugin");
        }
        if (user.impersonation()) {
            throw user.at().problem("user '" + user.name() + "' impersonates (as, as-groups, as-uid,"
                    + " as-user-extra), which is not supported");
        }
    }

    /** {@code https://host:port[/prefix]}; a bare {@code host:port} means https, as kubectl assumes for TLS. */
    private static URI server(KubeConfig.Cluster cluster) throws ConfigException {
        Location at = cluster.at().field("server");
        String text = cluster.server();
        if (text == null || text.isBlank()) {
            throw at.problem("missing");
        }
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw at.problem("is not a valid URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw at.problem("must be an https:// (or http://) URL with a host");
        }
        return uri;
    }

    private static SSLContext tls(KubeConfig.Cluster cluster, Material authority, KubeConfig.User user,
            LoadOptions options) throws ConfigException {
        if (cluster.insecure() && authority != null) {
            throw cluster.at().field("insecure-skip-tls-verify").problem("cannot be combined with a certificate"
                    + " authority: remove one of them");
        }
        if (cluster.insecure()) {
            options.warnings().accept("cluster '" + cluster.name() + "' (" + cluster.at() + ") has"
                    + " insecure-skip-tls-verify set: the API server's certificate is not checked");
        }
        List<X509Certificate> authorities = authority == null ? null : Pem.certificates(authority.bytes, authority.at);
        ClientKeyManager clientKey = clientKey(user);
        try {
            return TlsContexts.create(authorities, cluster.tlsServerName(), cluster.insecure(), clientKey);
        } catch (GeneralSecurityException e) {
            throw cluster.at().problem("the TLS settings cannot be used (" + e.getMessage() + ")", e);
        }
    }

    private static ClientKeyManager clientKey(KubeConfig.User user) throws ConfigException {
        if (user == null) {
            return null;
        }
        Material certificate = material(user.certData(), user.certFile(), user.at(), "client-certificate");
        Material key = material(user.keyData(), user.keyFile(), user.at(), "client-key");
        if (certificate == null && key == null) {
            return null;
        }
        if (certificate == null || key == null) {
            String missing = certificate == null ? "client-certificate" : "client-key";
            throw user.at().field(missing).problem("missing: user '" + user.name() + "' has a client "
                    + (certificate == null ? "key" : "certificate") + " without its "
                    + (certificate == null ? "certificate" : "key"));
        }
        List<X509Certificate> chain = Pem.certificates(certificate.bytes, certificate.at);
        PrivateKey privateKey = PrivateKeys.read(key.bytes, key.at);
        if (!PrivateKeys.matches(privateKey, chain.get(0).getPublicKey())) {
            throw user.at().problem("the client key of user '" + user.name() + "' does not belong to its client"
                    + " certificate (" + chain.get(0).getSubjectX500Principal() + ")");
        }
        return new ClientKeyManager(privateKey, chain);
    }

    private static CredentialSource credentials(KubeConfig.User user, KubeConfig.Cluster cluster, Material authority,
            LoadOptions options) throws ConfigException {
        if (user == null) {
            return CredentialSource.NONE;
        }
        if (user.exec() != null) {
            if (user.token() != null || user.tokenFile() != null) {
                throw user.at().problem("user '" + user.name() + "' has both a token and an exec plugin; keep one");
            }
            ExecPlugin plugin = ExecPlugin.create(user.exec(), options.environment(),
                    clusterInfo(cluster, authority), options.execTimeout());
            return new ExecCredentials(plugin, options.clock());
        }
        if (user.tokenFile() != null) {
            // Preferred over an inline token, as in client-go: the file may be rotated.
            TokenFileCredentials file = new TokenFileCredentials(user.tokenFile(), options.clock());
            file.token(); // a missing file is a configuration error now, not a failed request later
            return file;
        }
        return user.token() != null ? new StaticToken(user.token()) : CredentialSource.NONE;
    }

    /** {@code spec.cluster} of the ExecCredential, for plugins with {@code provideClusterInfo}. */
    private static ObjectNode clusterInfo(KubeConfig.Cluster cluster, Material authority) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("server", cluster.server());
        if (authority != null) {
            info.put("certificate-authority-data", Base64.getEncoder().encodeToString(authority.bytes));
        }
        if (cluster.tlsServerName() != null) {
            info.put("tls-server-name", cluster.tlsServerName());
        }
        if (cluster.insecure()) {
            info.put("insecure-skip-tls-verify", true);
        }
        return info;
    }

    private static Material material(byte[] data, Path file, Location at, String field) throws ConfigException {
        if (data != null) {
            return new Material(data, at.field(field + "-data"));
        }
        if (file == null) {
            return null;
        }
        Location where = at.field(field).referring(file);
        try {
            return new Material(Files.readAllBytes(file), where);
        } catch (IOException e) {
            throw where.problem("cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
