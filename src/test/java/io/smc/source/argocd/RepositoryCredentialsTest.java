package io.smc.source.argocd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.ResourceType;
import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryCredentialsTest {
    private final FakeCluster cluster = new FakeCluster();
    private final RepositoryCredentials credentials =
            new RepositoryCredentials(cluster.client, RepositoryCredentials.DEFAULT_NAMESPACE, null, false);

    @AfterEach
    void close() {
        cluster.close();
    }

    private void secret(String namespace, String name, String type, Map<String, String> data) {
        String encoded = data.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + Base64.getEncoder()
                        .encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)) + "\"")
                .collect(Collectors.joining(","));
        String labels = type == null ? "{}" : "{\"" + RepositoryCredentials.SECRET_TYPE_LABEL + "\":\"" + type + "\"}";
        cluster.server.seed(ResourceType.SECRETS, """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"%s","namespace":"%s","labels":%s},
                 "data":{%s}}""".formatted(name, namespace, labels, encoded));
    }

    private static Map<String, String> map(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String password(GitCredentials found) {
        return new String(assertInstanceOf(GitCredentials.Https.class, found).password(), StandardCharsets.UTF_8);
    }

    @Test
    void aRepositorySecretMatchesItsExactUrl() throws Exception {
        secret("argocd", "repo", "repository",
                map("url", "https://git.example/org/repo.git", "username", "bot", "password", "exact-pw"));
        secret("argocd", "creds", "repo-creds", map("url", "https://git.example/org", "password", "prefix-pw"));
        GitCredentials found = credentials.forUrl("https://git.example/org/repo.git");
        assertEquals("exact-pw", password(found));
        assertEquals("bot", ((GitCredentials.Https) found).username());
    }

    @Test
    void theLongestRepoCredsPrefixWins() throws Exception {
        secret("argocd", "short", "repo-creds", map("url", "https://git.example/", "password", "short-pw"));
        secret("argocd", "long", "repo-creds", map("url", "https://git.example/org/", "password", "long-pw"));
        secret("argocd", "other", "repo-creds", map("url", "https://git.example/orgx/", "password", "other-pw"));
        assertEquals("long-pw", password(credentials.forUrl("https://git.example/org/repo.git")));
        assertEquals("short-pw", password(credentials.forUrl("https://git.example/else/repo.git")));
    }

    @Test
    void aRepositorySecretWithoutCredentialsFallsThroughToRepoCreds() throws Exception {
        secret("argocd", "repo", "repository", map("url", "https://git.example/org/repo.git"));
        secret("argocd", "creds", "repo-creds", map("url", "https://git.example/org/", "password", "prefix-pw"));
        assertEquals("prefix-pw", password(credentials.forUrl("https://git.example/org/repo.git")));
    }

    @Test
    void noMatchingSecretMeansAnonymous() throws Exception {
        secret("argocd", "repo", "repository",
                map("url", "https://git.example/org/other.git", "password", "pw"));
        secret("argocd", "unlabelled", null, map("url", "https://git.example/org/repo.git", "password", "pw"));
        secret("elsewhere", "repo", "repository", map("url", "https://git.example/org/repo.git", "password", "pw"));
        assertEquals(GitCredentials.NONE, credentials.forUrl("https://git.example/org/repo.git"));
    }

    @Test
    void anSshRepositorySecretCarriesArgoCdsKnownHosts() throws Exception {
        secret("argocd", "repo", "repository", map("url", "git@git.example:org/repo.git", "sshPrivateKey", "KEY"));
        cluster.server.seed(ResourceType.CONFIG_MAPS, """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"argocd-ssh-known-hosts-cm","namespace":"argocd"},
                 "data":{"ssh_known_hosts":"git.example ssh-ed25519 AAAAC3Nz\\n"}}""");
        GitCredentials.Ssh ssh = assertInstanceOf(GitCredentials.Ssh.class,
                credentials.forUrl("git@git.example:org/repo.git"));
        assertArrayEquals("KEY".getBytes(StandardCharsets.UTF_8), ssh.privateKey());
        assertEquals("git.example ssh-ed25519 AAAAC3Nz\n", ssh.knownHosts());
        assertFalse(ssh.insecureIgnoreHostKey());
    }

    @Test
    void anArgoSecretMarkedInsecureSkipsHostKeyChecks() throws Exception {
        secret("argocd", "repo", "repository",
                map("url", "ssh://git.example/repo.git", "sshPrivateKey", "KEY", "insecure", "true"));
        assertTrue(assertInstanceOf(GitCredentials.Ssh.class, credentials.forUrl("ssh://git.example/repo.git"))
                .insecureIgnoreHostKey());
    }

    @Test
    void aConfiguredKnownHostsFileWinsOverTheConfigMap(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("known_hosts"), "from-file ssh-ed25519 AAAA\n");
        secret("argocd", "repo", "repository", map("url", "ssh://git.example/repo.git", "sshPrivateKey", "KEY"));
        RepositoryCredentials configured = new RepositoryCredentials(cluster.client, "argocd", file, false);
        assertEquals("from-file ssh-ed25519 AAAA\n", assertInstanceOf(GitCredentials.Ssh.class,
                configured.forUrl("ssh://git.example/repo.git")).knownHosts());
    }

    @Test
    void readsTheSeedsGitCredentialsSecretInItsThreeShapes() throws Exception {
        secret("apps", "ssh", null, map("identity", "KEY", "known_hosts", "h ssh-ed25519 A"));
        secret("apps", "basic", null, map("username", "me", "password", "pw"));
        secret("apps", "token", null, map("token", "tok"));
        secret("apps", "named-token", null, map("token", "tok", "username", "oauth2"));
        GitCredentials.Ssh ssh = assertInstanceOf(GitCredentials.Ssh.class, credentials.fromSecret("apps", "ssh"));
        assertEquals("h ssh-ed25519 A", ssh.knownHosts());
        assertEquals(new GitCredentials.Https("me", "pw".getBytes(StandardCharsets.UTF_8)),
                credentials.fromSecret("apps", "basic"));
        assertEquals(new GitCredentials.Https("x-access-token", "tok".getBytes(StandardCharsets.UTF_8)),
                credentials.fromSecret("apps", "token"));
        assertEquals(new GitCredentials.Https("oauth2", "tok".getBytes(StandardCharsets.UTF_8)),
                credentials.fromSecret("apps", "named-token"));
    }

    @Test
    void aMissingCredentialsSecretIsNotReadyAndAnEmptyOneIsRefused() {
        secret("apps", "empty", null, map("unrelated", "x"));
        assertThrows(SourceNotReadyException.class, () -> credentials.fromSecret("apps", "absent"));
        SourceException e = assertThrows(SourceException.class, () -> credentials.fromSecret("apps", "empty"));
        assertFalse(e.retryable());
    }

    @Test
    void credentialsNeverPrintTheirValues() {
        String https = new GitCredentials.Https("me", "s3cret-value".getBytes(StandardCharsets.UTF_8)).toString();
        String ssh = new GitCredentials.Ssh("PRIVATE-KEY".getBytes(StandardCharsets.UTF_8), "", false).toString();
        assertFalse(https.contains("s3cret-value"), https);
        assertFalse(ssh.contains("PRIVATE-KEY"), ssh);
    }
}
