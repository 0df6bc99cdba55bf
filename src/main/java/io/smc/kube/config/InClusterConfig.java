package io.smc.kube.config;

import io.smc.kube.ClusterConnection;
import io.smc.kube.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The configuration of a pod: the API server from {@code KUBERNETES_SERVICE_HOST} and {@code _PORT}, and the
 * service account's token, CA and namespace from the files the kubelet mounts. The token is re-read as the
 * kubelet rotates it.
 */
final class InClusterConfig {
    private static final String HOST = "KUBERNETES_SERVICE_HOST";
    private static final String PORT = "KUBERNETES_SERVICE_PORT";

    private InClusterConfig() {
    }

    /** Why this is not a pod, for the list of what was tried; empty when it looks like one. */
    static Optional<String> unavailable(LoadOptions options) {
        if (isBlank(options.environment().get(HOST)) || isBlank(options.environment().get(PORT))) {
            return Optional.of(HOST + " and " + PORT + " are not both set");
        }
        Path token = options.inClusterRoot().resolve("token");
        if (!Files.exists(token)) {
            return Optional.of(token + " does not exist");
        }
        return Optional.empty();
    }

    static ClusterConnection load(LoadOptions options) throws ConfigException {
        Path root = options.inClusterRoot();
        URI server = server(options.environment().get(HOST).strip(), options.environment().get(PORT).strip());
        TokenFileCredentials token = new TokenFileCredentials(root.resolve("token"), options.clock());
        token.token(); // unreadable or empty: say so now
        Path authorityFile = root.resolve("ca.crt");
        List<X509Certificate> authorities = null;
        if (Files.exists(authorityFile)) {
            authorities = Pem.certificates(read(authorityFile), Location.of(authorityFile));
        } else {
            // client-go goes on in this case too; the JDK's trust store may still know the server's CA.
            options.warnings().accept(authorityFile + " does not exist: the API server's certificate is checked"
                    + " against the default trust store");
        }
        SSLContext tls;
        try {
            tls = TlsContexts.create(authorities, null, false, null);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(authorityFile + ": cannot be used (" + e.getMessage() + ")", e);
        }
        return new ClusterConnection(server, tls, null, token, namespace(options), "in-cluster service account ("
                + root + ")");
    }

    private static URI server(String host, String port) throws ConfigException {
        String authority = host.contains(":") ? "[" + host + "]" : host; // an IPv6 address
        try {
            URI uri = new URI("https://" + authority + ":" + port);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new URISyntaxException(uri.toString(), "no host or port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(HOST + " and " + PORT + " do not make a valid URL");
        }
    }

    /** {@code POD_NAMESPACE} (from the downward API) first, as client-go does; then the mounted namespace file. */
    private static String namespace(LoadOptions options) throws ConfigException {
        String fromEnvironment = options.environment().get("POD_NAMESPACE");
        if (!isBlank(fromEnvironment)) {
            return fromEnvironment.strip();
        }
        Path file = options.inClusterRoot().resolve("namespace");
        if (Files.exists(file)) {
            String namespace = new String(read(file), StandardCharsets.UTF_8).strip();
            if (!namespace.isEmpty()) {
                return namespace;
            }
        }
        return "default";
    }

    private static byte[] read(Path file) throws ConfigException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
