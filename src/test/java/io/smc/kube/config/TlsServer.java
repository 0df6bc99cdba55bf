package io.smc.kube.config;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.smc.kube.ClusterConnection;
import io.smc.kube.KubeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS server on loopback, port 0, that answers every request with 200 and remembers the client certificate
 * and Authorization header of the last one.
 */
final class TlsServer implements AutoCloseable {
    private final HttpsServer server;
    final AtomicReference<String> clientSubject = new AtomicReference<>();
    final AtomicReference<String> authorization = new AtomicReference<>();

    /**
     * @param clientAuthority the authority client certificates must chain to
     * @param requireClient   whether a client certificate is required (else only asked for)
     */
    TlsServer(TestPki.Leaf certificate, TestPki.Authority clientAuthority, boolean requireClient) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(certificate.keyStore(), TestPki.PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("client-ca", clientAuthority.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                if (requireClient) {
                    parameters.setNeedClientAuth(true);
                } else {
                    parameters.setWantClientAuth(true);
                }
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                clientSubject.set(peer((HttpsExchange) exchange));
                authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = "{\"major\":\"1\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    private static String peer(HttpsExchange exchange) {
        try {
            Certificate[] chain = exchange.getSSLSession().getPeerCertificates();
            return ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String host) {
        return "https://" + host + ":" + port();
    }

    /** A GET of {@code /version} through {@code java.net.http.HttpClient} with the connection's TLS context. */
    static HttpResponse<String> get(ClusterConnection connection) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(connection.sslContext())
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(connection.server() + "/version"))
                .timeout(Duration.ofSeconds(30));
        try {
            connection.credentials().token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        } catch (KubeException e) {
            throw new IllegalStateException(e);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
