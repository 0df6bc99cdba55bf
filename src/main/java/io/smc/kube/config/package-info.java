/**
 * From a user's configuration to a {@link io.smc.kube.ClusterConnection}, as kubectl finds and reads it: an explicit
 * kubeconfig, the files of {@code KUBECONFIG} merged, {@code ~/.kube/config}, or the in-cluster service account.
 * {@link io.smc.kube.config.KubeConfigLoader} is the entry point; everything else is package-private.
 *
 * <p>TLS is built with JDK APIs only. One limit of {@code java.net.http.HttpClient} matters for
 * {@code tls-server-name}: the client sends the URL's host as SNI and cannot be told otherwise, so the name is used
 * to verify the server's certificate (see {@code ServerNameTrustManager}) but is not sent in the handshake. Servers
 * that pick their certificate by SNI need a URL with that name.
 *
 * <p>Secrets (tokens, keys, the output of credential plugins) never appear in exceptions, warnings or
 * {@code toString()}: errors name the file, the field path and the user instead.
 */
package io.smc.kube.config;
