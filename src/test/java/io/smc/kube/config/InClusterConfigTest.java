package io.smc.kube.config;

import io.smc.kube.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.ClusterConnection;
import io.smc.kube.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InClusterConfigTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final List<String> warnings = new ArrayList<>();

    @Test
    void reachesTheApiServerWithTheServiceAccount() throws Exception {
        TestPki pki = TestPki.shared();
        Path root = serviceAccount("sa-token-1", "team-a");
        Files.writeString(root.resolve("ca.crt"), pki.ca.pem());
        try (TlsServer server = new TlsServer(pki.server, pki.ca, false)) {
            ClusterConnection connection = load(root, Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
                    "KUBERNETES_SERVICE_PORT", String.valueOf(server.port())));

            assertEquals(200, TlsServer.get(connection).statusCode());
            assertEquals("Bearer sa-token-1", server.authorization.get());
            assertEquals("team-a", connection.defaultNamespace());
            assertEquals(URI.create("https://127.0.0.1:" + server.port()), connection.server());
            assertTrue(warnings.isEmpty(), warnings.toString());
        }
    }

    @Test
    void readsTheTokenAgainWhenTheKubeletRotatesIt() throws Exception {
        // As the kubelet does it: token -> ..data/token, ..data -> a timestamped directory, swapped atomically.
        Path root = Files.createDirectories(dir.resolve("sa"));
        Path first = Files.createDirectories(root.resolve("..2030_01_01_00_00_00"));
        Files.writeString(first.resolve("token"), "token-one");
        Files.createSymbolicLink(root.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(root.resolve("token"), Path.of("..data/token"));
        ClusterConnection connection = load(root, cluster());
        assertEquals("token-one", connection.credentials().token().orElseThrow());

        Path second = Files.createDirectories(root.resolve("..2030_01_01_00_50_00"));
        Files.writeString(second.resolve("token"), "token-two-longer");
        Files.createSymbolicLink(root.resolve("..data_tmp"), second.getFileName());
        Files.move(root.resolve("..data_tmp"), root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);

        assertEquals("token-two-longer", connection.credentials().token().orElseThrow());
    }

    @Test
    void readsTheTokenAgainWhenOnlyItsModificationTimeChanged() throws Exception {
        Path root = serviceAccount("aaaa", null);
        Path token = root.resolve("token");
        Files.setLastModifiedTime(token, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        ClusterConnection connection = load(root, cluster());
        assertEquals("aaaa", connection.credentials().token().orElseThrow());

        Files.writeString(token, "bbbb");
        Files.setLastModifiedTime(token, FileTime.from(Instant.parse("2030-01-01T00:00:01Z")));

        assertEquals("bbbb", connection.credentials().token().orElseThrow());
    }

    @Test
    void readsAnUnchangedLookingTokenAgainAfterInvalidateAndAfterAMinute() throws Exception {
        Path root = serviceAccount("aaaa", null);
        Path token = root.resolve("token");
        FileTime stamp = FileTime.from(Instant.parse("2030-01-01T00:00:00Z"));
        Files.setLastModifiedTime(token, stamp);
        ClusterConnection connection = load(root, cluster());
        assertEquals("aaaa", connection.credentials().token().orElseThrow());

        Files.writeString(token, "bbbb"); // same size, and the same time put back
        Files.setLastModifiedTime(token, stamp);
        assertEquals("aaaa", connection.credentials().token().orElseThrow(), "nothing seen to change yet");
        connection.credentials().invalidate();
        assertEquals("bbbb", connection.credentials().token().orElseThrow());

        Files.writeString(token, "cccc");
        Files.setLastModifiedTime(token, stamp);
        assertEquals("bbbb", connection.credentials().token().orElseThrow());
        clock.advance(Duration.ofMinutes(1));
        assertEquals("cccc", connection.credentials().token().orElseThrow());
    }

    @Test
    void takesTheNamespaceFromPodNamespaceThenTheFileThenDefault() throws Exception {
        Path root = serviceAccount("t", "from-file");
        Map<String, String> environment = new HashMap<>(cluster());
        assertEquals("from-file", load(root, environment).defaultNamespace());

        environment.put("POD_NAMESPACE", "from-downward-api");
        assertEquals("from-downward-api", load(root, environment).defaultNamespace());

        Files.delete(root.resolve("namespace"));
        assertEquals("default", load(root, cluster()).defaultNamespace());
    }

    @Test
    void warnsWhenTheCertificateAuthorityIsNotMounted() throws Exception {
        ClusterConnection connection = load(serviceAccount("t", "ns"), cluster());

        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("ca.crt does not exist"), warnings.get(0));
        assertTrue(connection.description().contains("in-cluster"), connection.description());
    }

    @Test
    void bracketsAnIpv6ServiceHost() throws Exception {
        ClusterConnection connection = load(serviceAccount("t", null),
                Map.of("KUBERNETES_SERVICE_HOST", "fd00::1", "KUBERNETES_SERVICE_PORT", "443"));

        assertEquals(URI.create("https://[fd00::1]:443"), connection.server());
    }

    @Test
    void refusesAnEmptyTokenFile() throws Exception {
        ConfigException thrown = assertThrows(ConfigException.class, () -> load(serviceAccount("\n", null), cluster()));

        assertTrue(thrown.getMessage().contains("token file is empty"), thrown.getMessage());
    }

    @Test
    void refusesAServiceCertificateAuthorityThatIsNotPem() throws Exception {
        Path root = serviceAccount("t", null);
        Files.writeString(root.resolve("ca.crt"), "not a certificate");

        ConfigException thrown = assertThrows(ConfigException.class, () -> load(root, cluster()));

        assertTrue(thrown.getMessage().startsWith(root.resolve("ca.crt") + ": holds no PEM data"), thrown.getMessage());
    }

    private Path serviceAccount(String token, String namespace) throws Exception {
        Path root = Files.createDirectories(dir.resolve("sa"));
        Files.writeString(root.resolve("token"), token);
        if (namespace != null) {
            Files.writeString(root.resolve("namespace"), namespace + "\n");
        }
        return root;
    }

    private static Map<String, String> cluster() {
        return Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443");
    }

    private ClusterConnection load(Path root, Map<String, String> environment) throws Exception {
        return new KubeConfigLoader().load(LoadOptions.of(environment, dir.resolve("home")).withInClusterRoot(root)
                .withClock(clock).withWarnings(warnings::add));
    }
}
