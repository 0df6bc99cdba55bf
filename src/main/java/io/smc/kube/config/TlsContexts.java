package io.smc.kube.config;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the SSLContext of a connection from its trust settings and, optionally, a client certificate. */
final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * @param authorities the certificate authorities to trust, or null for the JDK's default trust store
     * @param serverName  the name the server's certificate must be for instead of the URL's host, or null
     * @param insecure    trust any server (authorities and server name are then ignored)
     * @param clientKey   the client certificate to present, or null for none
     */
    static SSLContext create(List<X509Certificate> authorities, String serverName, boolean insecure,
            ClientKeyManager clientKey) throws GeneralSecurityException {
        TrustManager trust;
        if (insecure) {
            trust = new TrustAllManager();
        } else if (serverName != null) {
            trust = new ServerNameTrustManager(pkix(authorities), serverName);
        } else {
            trust = pkix(authorities); // the URL's host is checked by JSSE, as HttpClient asks
        }
        SSLContext context = SSLContext.getInstance("TLS");
        // An empty array, not null: null would present whatever javax.net.ssl.keyStore names.
        KeyManager[] keys = clientKey == null ? new KeyManager[0] : new KeyManager[] {clientKey};
        context.init(keys, new TrustManager[] {trust}, null);
        return context;
    }

    private static X509ExtendedTrustManager pkix(List<X509Certificate> authorities)
            throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        if (authorities == null) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException("cannot create an empty key store", e);
            }
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("authority-" + i, authorities.get(i));
            }
            factory.init(store);
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the PKIX trust manager factory gave no X.509 trust manager");
    }
}
