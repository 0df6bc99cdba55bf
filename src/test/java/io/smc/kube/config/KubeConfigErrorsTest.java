package io.smc.kube.config;

import static io.smc.kube.config.Revealed.assertNothingRevealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.smc.kube.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed or unsupported kubeconfig is a ConfigException naming the file and field, and no secret. */
class KubeConfigErrorsTest {
    private static final String SECRET = "s3cr3t-token-value-0123456789";
    /** A context, cluster and user around the user fields each case sets. */
    private static final String FRAME = """
            current-context: test
            clusters:
            - name: test
              cluster:
                server: https://k.example:6443
            contexts:
            - name: test
              context:
                cluster: test
                user: tester
            users:
            - name: tester
              user:
            """;

    @TempDir
    Path dir;

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("broken YAML", """
                        users:
                        - name: tester
                          user:
                            token: "%s
                        """.formatted(SECRET), "not valid YAML at line "),
                arguments("a list at the top", "- a\n- b\n", "is not a kubeconfig: the top level must be a mapping"),
                arguments("clusters that are not a list", "clusters:\n  a: b\n", "clusters: must be a list"),
                arguments("an entry without a name", """
                        clusters:
                        - cluster:
                            server: https://k.example
                        """, "clusters[0].name: missing"),
                arguments("an entry without its body", """
                        users:
                        - name: tester
                        """, "users[0].user: missing"),
                arguments("a name defined twice", """
                        users:
                        - name: me
                          user: {token: a}
                        - name: me
                          user: {token: b}
                        """, "users[1].name: 'me' is defined twice in this file (also users[0])"),
                arguments("key data that is not base64", """
                        users:
                        - name: first
                          user: {token: a}
                        - name: second
                          user:
                            client-key-data: "%s!!"
                        """.formatted(SECRET), "users[1].user.client-key-data: not valid base64"),
                arguments("authority data that is not base64", """
                        clusters:
                        - name: c
                          cluster:
                            server: https://k.example
                            certificate-authority-data: "%%%%"
                        """, "clusters[0].cluster.certificate-authority-data: not valid base64"),
                arguments("a flag that is a string", """
                        clusters:
                        - name: c
                          cluster:
                            server: https://k.example
                            insecure-skip-tls-verify: "true"
                        """, "clusters[0].cluster.insecure-skip-tls-verify: must be true or false"),
                arguments("a token that is a number", FRAME + "    token: 12345\n",
                        "users[0].user.token: must be a string (quote it)"),
                arguments("a current-context that is a list", "current-context: [a]\n",
                        "current-context: must be a string"),
                arguments("exec arguments that are not a list", FRAME + """
                            exec:
                              apiVersion: client.authentication.k8s.io/v1
                              command: plugin
                              args: --flag
                        """, "users[0].user.exec.args: must be a list"),
                arguments("an exec section without a command", FRAME + """
                            exec:
                              apiVersion: client.authentication.k8s.io/v1
                        """, "users[0].user.exec.command: missing"),
                arguments("an exec variable without a name", FRAME + """
                            exec:
                              apiVersion: client.authentication.k8s.io/v1
                              command: plugin
                              env:
                              - value: x
                        """, "users[0].user.exec.env[0].name: missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void namesTheFileAndFieldOfMalformedInput(String name, String yaml, String expected) throws Exception {
        ConfigException thrown = load(yaml);

        assertTrue(thrown.getMessage().startsWith(dir.resolve("config") + ": "), thrown.getMessage());
        assertTrue(thrown.getMessage().contains(expected), thrown.getMessage());
        assertNothingRevealed(thrown, SECRET);
    }

    @Test
    void givesTheLineOfBrokenYaml() throws Exception {
        ConfigException thrown = load("clusters:\n- name: a\n  cluster:\n    server: [https://k.example\n");

        assertTrue(thrown.getMessage().matches(".*config: not valid YAML at line [45], column \\d+.*"),
                thrown.getMessage());
    }

    static Stream<Arguments> unusable() {
        return Stream.of(
                arguments("a context without a cluster", """
                        current-context: test
                        contexts:
                        - name: test
                          context: {user: tester}
                        """, "contexts[0].context.cluster: missing"),
                arguments("a cluster without a server", """
                        current-context: test
                        clusters:
                        - name: test
                          cluster: {insecure-skip-tls-verify: false}
                        contexts:
                        - name: test
                          context: {cluster: test}
                        """, "clusters[0].cluster.server: missing"),
                arguments("a server that is not https", """
                        current-context: test
                        clusters:
                        - name: test
                          cluster: {server: "ftp://k.example"}
                        contexts:
                        - name: test
                          context: {cluster: test}
                        """, "clusters[0].cluster.server: must be an https:// (or http://) URL with a host"),
                arguments("a proxy", """
                        current-context: test
                        clusters:
                        - name: test
                          cluster: {server: "https://k.example", proxy-url: "http://proxy:3128"}
                        contexts:
                        - name: test
                          context: {cluster: test}
                        """, "clusters[0].cluster.proxy-url: is not supported"),
                arguments("a gcp auth-provider", FRAME + """
                            auth-provider:
                              name: gcp
                              config:
                                access-token: %s
                        """.formatted(SECRET), "users[0].user.auth-provider: user 'tester' uses the auth-provider"
                        + " 'gcp', which kubectl removed and this program does not support; use the exec credential"
                        + " plugin gke-gcloud-auth-plugin"),
                arguments("an azure auth-provider", FRAME + """
                            auth-provider:
                              name: azure
                              config: {access-token: %s}
                        """.formatted(SECRET), "plugin kubelogin (github.com/Azure/kubelogin"),
                arguments("an oidc auth-provider", FRAME + """
                            auth-provider:
                              name: oidc
                              config: {id-token: %s, refresh-token: %s}
                        """.formatted(SECRET, SECRET), "plugin kubelogin (github.com/int128/kubelogin"),
                arguments("another auth-provider", FRAME + """
                            auth-provider: {name: openstack}
                        """, "'openstack', which kubectl removed and this program does not support; use the exec"
                        + " credential plugin the exec credential plugin of your provider instead"),
                arguments("basic authentication", FRAME + """
                            username: admin
                            password: %s
                        """.formatted(SECRET), "users[0].user: user 'tester' has a username and password"),
                arguments("impersonation", FRAME + """
                            token: %s
                            as: someone-else
                        """.formatted(SECRET), "users[0].user: user 'tester' impersonates"),
                arguments("a token and an exec plugin", FRAME + """
                            token: %s
                            exec: {apiVersion: client.authentication.k8s.io/v1, command: plugin}
                        """.formatted(SECRET), "users[0].user: user 'tester' has both a token and an exec plugin"),
                arguments("an unreadable token file", FRAME + """
                            tokenFile: no-such-token
                        """, "the token file cannot be read (NoSuchFileException)"),
                arguments("a missing authority file", """
                        current-context: test
                        clusters:
                        - name: test
                          cluster: {server: "https://k.example", certificate-authority: ca/missing.pem}
                        contexts:
                        - name: test
                          context: {cluster: test}
                        """, "clusters[0].cluster.certificate-authority ("));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusable")
    void refusesWhatCannotBeUsedNamingWhatToDo(String name, String yaml, String expected) throws Exception {
        ConfigException thrown = load(yaml);

        assertTrue(thrown.getMessage().contains(expected), thrown.getMessage());
        assertNothingRevealed(thrown, SECRET);
    }

    @Test
    void judgesOnlyTheSelectedUser() throws Exception {
        Files.writeString(dir.resolve("config"), FRAME + "    token: ok\n" + """
                - name: legacy
                  user:
                    auth-provider: {name: gcp}
                """);

        assertEquals("ok", new KubeConfigLoader().load(options()).credentials().token().orElseThrow());
    }

    private ConfigException load(String yaml) throws Exception {
        Files.writeString(dir.resolve("config"), yaml);
        return assertThrows(ConfigException.class, () -> new KubeConfigLoader().load(options()));
    }

    private LoadOptions options() {
        return LoadOptions.of(Map.of(), null).withKubeconfig(dir.resolve("config"))
                .withInClusterRoot(dir.resolve("sa"));
    }
}
