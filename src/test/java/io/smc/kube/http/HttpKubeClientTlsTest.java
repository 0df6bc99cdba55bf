package io.smc.kube.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import io.smc.kube.ClusterConnection;
import io.smc.kube.ResourceType;
import io.smc.kube.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to a loopback server whose certificate names only {@code kubernetes}, as a cluster reached by IP with a
 * kubeconfig {@code tls-server-name}.
 */
class HttpKubeClientTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path temp;

    private static HttpsServer server;
    private static KeyStore keyStore;
    private static final List<String> requestedNames = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path store = temp.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=kubernetes", "-ext", "SAN=dns:kubernetes", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/", exchange -> {
            try (exchange) {
                ((ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession()).getRequestedServerNames()
                        .forEach(name -> record(((SNIHostName) name).getAsciiName()));
                byte[] body = "{\"kind\": \"Namespace\", \"metadata\": {\"name\": \"apps\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static synchronized void record(String name) {
        requestedNames.add(name);
    }

    private static SSLContext trustingTheServer() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", keyStore.getCertificate("server"));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    private static HttpKubeClient client(String tlsServerName) throws GeneralSecurityException, IOException {
        URI address = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
        ClusterConnection connection = new ClusterConnection(address, trustingTheServer(), tlsServerName,
                new StubCredentials("t"), "default", "loopback TLS");
        FakeTime time = new FakeTime();
        return HttpKubeClient.create(connection, Clients.options(time));
    }

    @Test
    void verifiesTheServerAgainstTheTlsServerNameItSendsAsSni() throws Exception {
        try (HttpKubeClient client = client("kubernetes")) {
            assertEquals("apps", client.get(ResourceType.NAMESPACES, null, "apps").path("metadata").path("name")
                    .asText());
        }
        synchronized (HttpKubeClientTlsTest.class) {
            assertTrue(requestedNames.contains("kubernetes"), requestedNames.toString());
        }
    }

    @Test
    void refusesAServerWhoseCertificateDoesNotNameTheAddressWithoutTlsServerName() throws Exception {
        try (HttpKubeClient client = client(null)) {
            TransportException error = assertThrows(TransportException.class,
                    () -> client.get(ResourceType.NAMESPACES, null, "apps"));
            assertTrue(error.getMessage().startsWith("cannot get namespaces \"apps\" on 127.0.0.1:"),
                    error.getMessage());
        }
    }
}
