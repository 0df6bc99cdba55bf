package io.smc.kube.config;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server whose certificate chains to the configured authorities (PKIX, by the JDK's trust manager) and is
 * for the kubeconfig's {@code tls-server-name} rather than for the host in the server URL.
 *
 * <p>Why the hostname check is done here: {@code java.net.http.HttpClient} always asks for HTTPS endpoint
 * identification of the URL's host, and JSSE hands that check to an {@link X509ExtendedTrustManager} through the
 * engine (or socket) it passes. Delegating those overloads would check the URL's host and refuse a certificate
 * made for the server name. So the delegate is called without the engine, which validates the chain only, and the
 * name is checked against {@link ServerNames}. The price: the delegate no longer sees the handshake's algorithm
 * constraints, which the JDK's default disabled-algorithm lists still enforce for the chain.
 */
final class ServerNameTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final String serverName;

    ServerNameTrustManager(X509ExtendedTrustManager pkix, String serverName) {
        this.pkix = pkix;
        this.serverName = serverName;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        if (!ServerNames.matches(chain[0], serverName)) {
            throw new CertificateException("the server's certificate is not for " + serverName
                    + " (the cluster's tls-server-name)");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager is for clients only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
