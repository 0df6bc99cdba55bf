package io.smc.kube.config;

import static io.smc.kube.config.Kubeconfigs.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.ClusterConnection;
import io.smc.kube.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real TLS on loopback: the loaded connection's SSLContext in java.net.http.HttpClient against an HttpsServer. */
class TlsConnectionTest {
    private static TestPki pki;

    @TempDir
    Path dir;
    private final List<String> warnings = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.shared();
    }

    @Test
    void reachesServerTrustedThroughAuthorityFileRelativeToTheKubeconfig() throws Exception {
        Path kubeconfig = dir.resolve("kube/config");
        Files.createDirectories(dir.resolve("kube/certs"));
        Files.writeString(dir.resolve("kube/certs/ca.pem"), pki.ca.pem());
        try (TlsServer server = new TlsServer(pki.server, pki.ca, false)) {
            Kubeconfigs.write(kubeconfig, Kubeconfigs.single(
                    map("server", server.url("localhost"), "certificate-authority", "certs/ca.pem"), map()));

            assertEquals(200, TlsServer.get(load(kubeconfig)).statusCode());
        }
    }

    @Test
    void reachesServerByIpAddressTrustedThroughAuthorityData() throws Exception {
        try (TlsServer server = new TlsServer(pki.server, pki.ca, false)) {
            ClusterConnection connection = load(map("server", server.url("127.0.0.1"),
                    "certificate-authority-data", TestPki.base64(pki.ca.pem())), map());

            assertEquals(200, TlsServer.get(connection).statusCode());
            assertNull(connection.tlsServerName());
        }
    }

    @Test
    void trustsEveryAuthorityOfABundle() throws Exception {
        try (TlsServer server = new TlsServer(pki.server, pki.ca, false)) {
            ClusterConnection connection = load(map("server", server.url("localhost"),
                    "certificate-authority-data", TestPki.base64(pki.otherCa.pem() + pki.ca.pem())), map());

            assertEquals(200, TlsServer.get(connection).statusCode());
        }
    }

    @Test
    void refusesServerSignedByAnotherAuthority() throws Exception {
        try (TlsServer server = new TlsServer(pki.strangerServer, pki.ca, false)) {
            ClusterConnection connection = load(map("server", server.url("localhost"),
                    "certificate-authority-data", TestPki.base64(pki.ca.pem())), map());

            assertThrows(SSLHandshakeException.class, () -> TlsServer.get(connection));
        }
    }

    @Test
    void trustsOnlyTheDefaultTrustStoreWithoutAnAuthority() throws Exception {
        try (TlsServer server = new TlsServer(pki.server, pki.ca, false)) {
            ClusterConnection connection = load(map("server", server.url("localhost")), map());

            assertThrows(SSLHandshakeException.class, () -> TlsServer.get(connection));
        }
    }

    @Test
    void checksServerCertificateAgainstTlsServerNameInsteadOfUrlHost() throws Exception {
        try (TlsServer server = new TlsServer(pki.namedServer, pki.ca, false)) {
            ClusterConnection connection = load(map("server", server.url("127.0.0.1"),
                    "certificate-authority-data", TestPki.base64(pki.ca.pem()),
                    "tls-server-name", "api.internal.example"), map());

            assertEquals(200, TlsServer.get(connection).statusCode());
            assertEquals("api.internal.example", connection.tlsServerName());
        }
    }

    @Test
    void refusesServerWhoseCertificateIsNotForTheTlsServerName() throws Exception {
        try (TlsServer server = new TlsServer(pki.server, pki.ca, false)) {
            ClusterConnection connection = load(map("server", server.url("localhost"),
                    "certificate-authority-data", TestPki.base64(pki.ca.pem()),
                    "tls-server-name", "api.internal.example"), map());

            assertThrows(SSLHandshakeException.class, () -> TlsServer.get(connection));
        }
    }

    @Test
    void refusesServerWhoseCertificateIsNotForTheUrlHostWithoutTlsServerName() throws Exception {
        try (TlsServer server = new TlsServer(pki.namedServer, pki.ca, false)) {
            ClusterConnection connection = load(map("server", server.url("127.0.0.1"),
                    "certificate-authority-data", TestPki.base64(pki.ca.pem())), map());

            assertThrows(SSLHandshakeException.class, () -> TlsServer.get(connection));
        }
    }

    @Test
    void stillChecksTheAuthorityWhenTlsServerNameMatches() throws Exception {
        try (TlsServer server = new TlsServer(pki.namedServer, pki.ca, false)) {
            ClusterConnection connection = load(map("server", server.url("127.0.0.1"),
                    "certificate-authority-data", TestPki.base64(pki.otherCa.pem()),
                    "tls-server-name", "api.internal.example"), map());

            assertThrows(SSLHandshakeException.class, () -> TlsServer.get(connection));
        }
    }

    @Test
    void acceptsAnyServerWhenInsecureAndWarnsOnce() throws Exception {
        try (TlsServer server = new TlsServer(pki.strangerServer, pki.ca, false)) {
            ClusterConnection connection = load(map("server", server.url("127.0.0.1"),
                    "insecure-skip-tls-verify", true), map());

            assertEquals(200, TlsServer.get(connection).statusCode());
            assertEquals(200, TlsServer.get(connection).statusCode());
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("insecure-skip-tls-verify"), warnings.get(0));
        }
    }

    @Test
    void acceptsACertificateForAnotherNameWhenInsecure() throws Exception {
        try (TlsServer server = new TlsServer(pki.namedServer, pki.ca, false)) {
            ClusterConnection connection = load(map("server", server.url("127.0.0.1"),
                    "insecure-skip-tls-verify", true), map());

            assertEquals(200, TlsServer.get(connection).statusCode());
        }
    }

    @Test
    void refusesInsecureTogetherWithAnAuthority() throws Exception {
        ConfigException thrown = assertThrows(ConfigException.class, () -> load(map("server", "https://localhost:1",
                "insecure-skip-tls-verify", true, "certificate-authority-data", TestPki.base64(pki.ca.pem())), map()));

        assertTrue(thrown.getMessage().contains("clusters[0].cluster.insecure-skip-tls-verify"), thrown.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA PKCS#1", "RSA PKCS#8", "EC SEC1", "EC PKCS#8"})
    void presentsTheClientCertificate(String form) throws Exception {
        TestPki.Leaf client = form.startsWith("RSA") ? pki.rsaClient : pki.ecClient;
        String key = switch (form) {
            case "RSA PKCS#1" -> client.pkcs1Pem();
            case "EC SEC1" -> client.sec1Pem();
            default -> client.pkcs8Pem();
        };
        try (TlsServer server = new TlsServer(pki.server, pki.ca, true)) {
            ClusterConnection connection = load(map("server", server.url("localhost"),
                    "certificate-authority-data", TestPki.base64(pki.ca.pem())),
                    map("client-certificate-data", TestPki.base64(client.certificatePem()),
                            "client-key-data", TestPki.base64(key)));

            assertEquals(200, TlsServer.get(connection).statusCode());
            assertEquals(client.certificate().getSubjectX500Principal().getName(), server.clientSubject.get());
        }
    }

    @Test
    void readsClientCertificateAndKeyFilesRelativeToTheKubeconfig() throws Exception {
        Path kubeconfig = dir.resolve("kube/config");
        Files.createDirectories(dir.resolve("kube/pki"));
        Files.writeString(dir.resolve("kube/pki/client.crt"), pki.rsaClient.certificatePem());
        Files.writeString(dir.resolve("kube/pki/client.key"), pki.rsaClient.pkcs1Pem());
        try (TlsServer server = new TlsServer(pki.server, pki.ca, true)) {
            Kubeconfigs.write(kubeconfig, Kubeconfigs.single(
                    map("server", server.url("localhost"), "certificate-authority-data", TestPki.base64(pki.ca.pem())),
                    map("client-certificate", "pki/client.crt", "client-key", "pki/client.key")));

            assertEquals(200, TlsServer.get(load(kubeconfig)).statusCode());
            assertEquals(pki.rsaClient.certificate().getSubjectX500Principal().getName(), server.clientSubject.get());
        }
    }

    @Test
    void failsWhenTheServerRequiresAClientCertificateAndNoneIsConfigured() throws Exception {
        try (TlsServer server = new TlsServer(pki.server, pki.ca, true)) {
            ClusterConnection connection = load(map("server", server.url("localhost"),
                    "certificate-authority-data", TestPki.base64(pki.ca.pem())), map("token", "abc"));

            assertThrows(IOException.class, () -> TlsServer.get(connection));
            assertNull(server.authorization.get(), "no request reached the handler");
        }
    }

    private ClusterConnection load(Map<String, Object> cluster, Map<String, Object> user) throws Exception {
        return load(Kubeconfigs.write(dir.resolve("config"), Kubeconfigs.single(cluster, user)));
    }

    private ClusterConnection load(Path kubeconfig) throws Exception {
        return new KubeConfigLoader().load(new LoadOptions(kubeconfig, null, Map.of(), null,
                dir.resolve("no-service-account"), Clock.systemUTC(), warnings::add, LoadOptions.EXEC_TIMEOUT));
    }
}
