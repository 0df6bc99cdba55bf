package io.smc.kube.config;

import static io.smc.kube.config.Kubeconfigs.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.ClusterConnection;
import io.smc.kube.ConfigException;
import io.smc.kube.CredentialSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the configuration comes from, how files merge, which context is used. */
class KubeConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void usesTheCurrentContextOfTheGivenFile() throws Exception {
        Path file = Kubeconfigs.write(dir.resolve("config"), twoContexts("prod"));

        ClusterConnection connection = load(options().withKubeconfig(file));

        assertEquals(URI.create("https://prod.example:6443"), connection.server());
        assertEquals("prod-ns", connection.defaultNamespace());
        assertEquals("prod-token", connection.credentials().token().orElseThrow());
        assertEquals("context prod in " + file, connection.description());
    }

    @Test
    void usesTheContextAskedForInsteadOfTheCurrentOne() throws Exception {
        Path file = Kubeconfigs.write(dir.resolve("config"), twoContexts("prod"));

        ClusterConnection connection = load(options().withKubeconfig(file).withContext("dev"));

        assertEquals(URI.create("https://dev.example"), connection.server());
        assertEquals("dev-token", connection.credentials().token().orElseThrow());
    }

    @Test
    void defaultsTheNamespaceToDefault() throws Exception {
        Path file = Kubeconfigs.write(dir.resolve("config"), twoContexts("dev"));

        assertEquals("default", load(options().withKubeconfig(file)).defaultNamespace());
    }

    @Test
    void connectsWithoutCredentialsWhenTheContextHasNoUser() throws Exception {
        Path file = Kubeconfigs.write(dir.resolve("config"), map("current-context", "anon",
                "clusters", List.of(map("name", "c", "cluster", map("server", "http://127.0.0.1:8080/"))),
                "contexts", List.of(map("name", "anon", "context", map("cluster", "c")))));

        ClusterConnection connection = load(options().withKubeconfig(file));

        assertSame(CredentialSource.NONE, connection.credentials());
        assertNull(connection.sslContext(), "plain HTTP has no TLS context");
        assertEquals(URI.create("http://127.0.0.1:8080"), connection.server());
    }

    @Test
    void mergesKubeconfigFilesWithTheFirstDefinitionWinning() throws Exception {
        Path first = Kubeconfigs.write(dir.resolve("a/config"), map(
                "clusters", List.of(map("name", "shared", "cluster", map("server", "https://first.example"))),
                "users", List.of(map("name", "me", "user", map("token", "first-token")))));
        Path second = Kubeconfigs.write(dir.resolve("b/config"), map(
                "current-context", "work",
                "clusters", List.of(map("name", "shared", "cluster", map("server", "https://second.example"))),
                "users", List.of(map("name", "me", "user", map("token", "second-token"))),
                "contexts", List.of(map("name", "work", "context",
                        map("cluster", "shared", "user", "me", "namespace", "second-ns")))));
        Path third = Kubeconfigs.write(dir.resolve("c/config"), map(
                "current-context", "other",
                "contexts", List.of(
                        map("name", "work", "context", map("cluster", "shared", "namespace", "third-ns")),
                        map("name", "other", "context", map("cluster", "shared")))));

        ClusterConnection connection = load(options("KUBECONFIG", first + ":" + second + "::" + third));

        assertEquals(URI.create("https://first.example"), connection.server());
        assertEquals("first-token", connection.credentials().token().orElseThrow());
        assertEquals("second-ns", connection.defaultNamespace(), "current-context and context from the second file");
        assertEquals("context work in " + first + ":" + second + ":" + third, connection.description());
    }

    @Test
    void skipsKubeconfigFilesThatDoNotExist() throws Exception {
        Path file = Kubeconfigs.write(dir.resolve("config"), twoContexts("dev"));

        ClusterConnection connection = load(options("KUBECONFIG", dir.resolve("missing") + ":" + file));

        assertEquals(URI.create("https://dev.example"), connection.server());
    }

    @Test
    void resolvesRelativePathsAgainstTheFileThatNamesThem() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/token"), "token-beside-a\n");
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/token"), "token-beside-b\n");
        Path a = Kubeconfigs.write(dir.resolve("a/config"), map(
                "users", List.of(map("name", "from-a", "user", map("tokenFile", "token")))));
        Path b = Kubeconfigs.write(dir.resolve("b/config"), map(
                "current-context", "ctx",
                "clusters", List.of(map("name", "c", "cluster", map("server", "https://k.example"))),
                "users", List.of(map("name", "from-b", "user", map("tokenFile", "./token"))),
                "contexts", List.of(
                        map("name", "ctx", "context", map("cluster", "c", "user", "from-a")),
                        map("name", "ctx-b", "context", map("cluster", "c", "user", "from-b")))));

        assertEquals("token-beside-a", load(options("KUBECONFIG", a + ":" + b)).credentials().token().orElseThrow());
        assertEquals("token-beside-b", load(options("KUBECONFIG", a + ":" + b).withContext("ctx-b")).credentials()
                .token().orElseThrow());
    }

    @Test
    void prefersTheTokenFileToAnInlineToken() throws Exception {
        Files.writeString(dir.resolve("token"), "from-file");
        Path file = Kubeconfigs.write(dir.resolve("config"), Kubeconfigs.single(map("server", "https://k.example"),
                map("token", "inline", "tokenFile", "token")));

        assertEquals("from-file", load(options().withKubeconfig(file)).credentials().token().orElseThrow());
    }

    @Test
    void readsKubeConfigInTheHomeDirectoryWhenKubeconfigIsUnset() throws Exception {
        Kubeconfigs.write(dir.resolve("home/.kube/config"), twoContexts("prod"));

        assertEquals(URI.create("https://prod.example:6443"), load(options()).server());
    }

    @Test
    void ignoresTheHomeKubeConfigWhenKubeconfigIsSet() throws Exception {
        Kubeconfigs.write(dir.resolve("home/.kube/config"), twoContexts("prod"));
        Path file = Kubeconfigs.write(dir.resolve("elsewhere"), twoContexts("dev"));

        assertEquals(URI.create("https://dev.example"), load(options("KUBECONFIG", file.toString())).server());
    }

    @Test
    void fallsBackToTheServiceAccountWhenNoKubeconfigDefinesAnything() throws Exception {
        Files.createDirectories(dir.resolve("home/.kube"));
        Files.writeString(dir.resolve("home/.kube/config"), "");
        Files.createDirectories(dir.resolve("sa"));
        Files.writeString(dir.resolve("sa/token"), "sa-token");

        ClusterConnection connection = load(options("KUBERNETES_SERVICE_HOST", "10.0.0.1",
                "KUBERNETES_SERVICE_PORT", "443"));

        assertEquals(URI.create("https://10.0.0.1:443"), connection.server());
        assertEquals("sa-token", connection.credentials().token().orElseThrow());
    }

    @Test
    void listsWhatWasTriedWhenNothingIsFound() {
        ConfigException thrown = assertThrows(ConfigException.class, () -> load(options()));

        assertEquals("no Kubernetes configuration found; tried " + dir.resolve("home/.kube/config")
                + " (no such file); in-cluster service account (KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT"
                + " are not both set)", thrown.getMessage());
    }

    @Test
    void listsTheKubeconfigVariableWhenItsFilesAreMissing() {
        ConfigException thrown = assertThrows(ConfigException.class, () -> load(options("KUBECONFIG", "/nope/a:/nope/b",
                "KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443")));

        assertEquals("no Kubernetes configuration found; tried KUBECONFIG=/nope/a:/nope/b (no such file); in-cluster"
                + " service account (" + dir.resolve("sa/token") + " does not exist)", thrown.getMessage());
    }

    @Test
    void refusesAGivenKubeconfigThatDoesNotExist() {
        ConfigException thrown = assertThrows(ConfigException.class,
                () -> load(options().withKubeconfig(dir.resolve("absent"))));

        assertEquals(dir.resolve("absent") + ": the kubeconfig given does not exist", thrown.getMessage());
    }

    @Test
    void namesAMissingContextAndListsTheOnesThatExist() throws Exception {
        Path file = Kubeconfigs.write(dir.resolve("config"), twoContexts("prod"));

        ConfigException thrown = assertThrows(ConfigException.class,
                () -> load(options().withKubeconfig(file).withContext("staging")));

        assertEquals("context 'staging' is not defined in " + file + "; contexts: dev, prod, broken, nobody",
                thrown.getMessage());
    }

    @Test
    void saysSoWhenNoContextIsCurrent() throws Exception {
        Map<String, Object> config = twoContexts("prod");
        config.remove("current-context");
        Path file = Kubeconfigs.write(dir.resolve("config"), config);

        ConfigException thrown = assertThrows(ConfigException.class, () -> load(options().withKubeconfig(file)));

        assertEquals("no context asked for and current-context is not set in " + file
                + "; contexts: dev, prod, broken, nobody",
                thrown.getMessage());
    }

    @Test
    void namesAMissingClusterAndListsTheOnesThatExist() throws Exception {
        Path file = Kubeconfigs.write(dir.resolve("config"), twoContexts("broken"));

        ConfigException thrown = assertThrows(ConfigException.class, () -> load(options().withKubeconfig(file)));

        assertEquals("context 'broken' refers to cluster 'gone', which is not defined in " + file
                + "; clusters: dev, prod", thrown.getMessage());
    }

    @Test
    void namesAMissingUserAndListsTheOnesThatExist() throws Exception {
        Path file = Kubeconfigs.write(dir.resolve("config"), twoContexts("nobody"));

        ConfigException thrown = assertThrows(ConfigException.class, () -> load(options().withKubeconfig(file)));

        assertEquals("context 'nobody' refers to user 'ghost', which is not defined in " + file
                + "; users: dev-user, prod-user", thrown.getMessage());
    }

    @Test
    void refusesAContextAskedForWhenOnlyTheServiceAccountIsThere() throws Exception {
        Files.createDirectories(dir.resolve("sa"));
        Files.writeString(dir.resolve("sa/token"), "sa-token");

        ConfigException thrown = assertThrows(ConfigException.class, () -> load(options(
                "KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443").withContext("prod")));

        assertTrue(thrown.getMessage().startsWith("context 'prod' was asked for but no kubeconfig was found"),
                thrown.getMessage());
    }

    private static Map<String, Object> twoContexts(String current) {
        return map(
                "apiVersion", "v1",
                "kind", "Config",
                "current-context", current,
                "clusters", List.of(
                        map("name", "dev", "cluster", map("server", "https://dev.example")),
                        map("name", "prod", "cluster", map("server", "https://prod.example:6443"))),
                "users", List.of(
                        map("name", "dev-user", "user", map("token", "dev-token")),
                        map("name", "prod-user", "user", map("token", "prod-token"))),
                "contexts", List.of(
                        map("name", "dev", "context", map("cluster", "dev", "user", "dev-user")),
                        map("name", "prod", "context", map("cluster", "prod", "user", "prod-user",
                                "namespace", "prod-ns")),
                        map("name", "broken", "context", map("cluster", "gone", "user", "dev-user")),
                        map("name", "nobody", "context", map("cluster", "dev", "user", "ghost"))));
    }

    private LoadOptions options(String... environment) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < environment.length; i += 2) {
            env.put(environment[i], environment[i + 1]);
        }
        return LoadOptions.of(env, dir.resolve("home")).withInClusterRoot(dir.resolve("sa"));
    }

    private static ClusterConnection load(LoadOptions options) throws ConfigException {
        return new KubeConfigLoader().load(options);
    }
}
