package io.smc.kube;

import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * Everything needed to talk to one API server, resolved from a kubeconfig context or the in-cluster environment.
 *
 * @param server           the API server's base URI ({@code https://host:port}, possibly with a path prefix)
 * @param sslContext       trust (CA or, when insecure, none) and client certificate; null for a plain-HTTP server
 * @param tlsServerName    the name to verify the server certificate against instead of the URI's host; may be null
 * @param credentials      where bearer tokens come from ({@link CredentialSource#NONE} for certificate-only users)
 * @param defaultNamespace the context's namespace, or the service account's in-cluster, else {@code default}
 * @param description      where this came from, for logs: {@code context kind-dev in /home/me/.kube/config}
 */
public record ClusterConnection(URI server, SSLContext sslContext, String tlsServerName,
        CredentialSource credentials, String defaultNamespace, String description) {
}
