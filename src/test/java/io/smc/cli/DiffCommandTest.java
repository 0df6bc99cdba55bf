package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.Failure;
import io.smc.provider.gcp.fake.FakeSecretManager;
import io.smc.runtime.WatchedKinds;
import io.smc.secrets.EnvFileParser;
import io.smc.secrets.SecretEntry;
import io.smc.secrets.YamlSecretsParser;
import io.smc.sops.SopsFileDecryptor;
import io.smc.sops.SopsFormat;
import io.smc.sops.SopsKeys;
import io.smc.source.flux.TestTar;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * diff of the SOPS example ({@code examples/sops}): its config in the fake API server, its repository as a Flux
 * GitRepository's artifact, its throw-away key in the Secret the config names.
 */
class DiffCommandTest {
    private static final Path EXAMPLES = Path.of("examples/sops");
    private static final Path KEY = EXAMPLES.resolve("throwaway.agekey");
    private static final Path REPO = EXAMPLES.resolve("gitops-repo");
    private static final String PROFILE = "apps/payments/deployment-configuration/profiles/dev/";
    private static final String PROJECT = "my-gcp-project";

    @TempDir
    Path dir;

    private ClusterCli cli;
    private HttpServer artifacts;
    private final List<CliRun> runs = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        cli = new ClusterCli(dir);
        byte[] archive = TestTar.ofDirectory(REPO);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        artifacts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        artifacts.createContext("/gitrepository/flux-system/payments/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, archive.length);
                exchange.getResponseBody().write(archive);
            }
        });
        artifacts.start();
        // The address source-controller's Service has in the cluster; SOURCE_CONTROLLER_LOCALHOST reaches it here.
        cli.api.seed(ClusterObjects.GIT, """
                {"apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
                 "metadata": {"name": "payments", "namespace": "flux-system"},
                 "spec": {"interval": "1m", "url": "https://github.com/example/payments", "ref": {"branch": "main"}},
                 "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "Succeeded",
                   "message": "stored artifact", "lastTransitionTime": "2026-12-01T11:00:00Z"}],
                  "artifact": {"url": "http://source-controller.flux-system.svc.cluster.local./gitrepository/\
                flux-system/payments/abcd.tar.gz",
                   "revision": "main@sha1:abcd0123", "digest": "%s", "size": %d,
                   "lastUpdateTime": "2026-12-01T11:00:00Z"}}}
                """.formatted(digest, archive.length));
        cli.api.seed(WatchedKinds.CONFIGS, """
                {"apiVersion": "secret-management.microscaler.io/v1beta1", "kind": "SecretManagerConfig",
                 "metadata": {"name": "payments-sops", "namespace": "flux-system"},
                 "spec": {"sourceRef": {"kind": "GitRepository", "name": "payments", "namespace": "flux-system"},
                   "provider": {"gcp": {"projectId": "%s"}},
                   "secrets": {"environment": "dev", "basePath": "apps"},
                   "decryption": {"secretRef": {"name": "sops-keys"}}}}
                """.formatted(PROJECT));
        cli.api.seed(ResourceType.SECRETS, """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "sops-keys", "namespace": "flux-system"},
                 "data": {"throwaway.agekey": "%s"}}
                """.formatted(Base64.getEncoder().encodeToString(Files.readAllBytes(KEY))));
        cli.environment(Map.of("SOURCE_CONTROLLER_LOCALHOST", "127.0.0.1:" + artifacts.getAddress().getPort()));
    }

    /** Whatever a test ran, no decrypted value was printed, and diff never wrote to the cluster. */
    @AfterEach
    void stop() throws Exception {
        cli.close();
        artifacts.stop(0);
        Set<String> plaintexts = plaintexts();
        assertTrue(plaintexts.size() >= 5, "the plaintexts were collected");
        for (CliRun run : runs) {
            for (String plaintext : plaintexts) {
                assertFalse(run.all().contains(plaintext), "a decrypted value was printed");
            }
        }
    }

    private CliRun diff(String... extra) {
        List<String> args = new ArrayList<>(List.of("diff", "payments-sops", "-n", "flux-system", "--cache-dir",
                dir.resolve("cache").toString()));
        args.addAll(List.of(extra));
        CliRun run = cli.run(args.toArray(String[]::new));
        runs.add(run);
        assertTrue(cli.api.requests().stream().allMatch(r -> r.method().equals("GET")), "diff only reads: "
                + cli.api.actions());
        return run;
    }

    private CliRun sync(Map<String, String> environment, String store) {
        CliRun run = CliRun.withEnvironment(environment, "sync", "--source", REPO.toString(), "--config",
                EXAMPLES.resolve("secretmanagerconfig.yaml").toString(), "--decryption-key-file", KEY.toString(),
                "--store", store);
        runs.add(run);
        assertEquals(0, run.exitCode(), run::toString);
        return run;
    }

    @Test
    void plansAgainstALocalStoreThenFindsNothingOnceSynced() {
        String store = "local:" + dir.resolve("store");

        CliRun first = diff("--store", store);

        assertEquals(2, first.exitCode(), first::toString);
        assertTrue(first.out().contains("(revision main@sha1:abcd0123)"), first::toString);
        assertTrue(Pattern.compile("(?m)^create +payments-").matcher(first.out()).find(), first::toString);
        assertTrue(cli.api.actions().contains("GET /api/v1/namespaces/flux-system/secrets/sops-keys"),
                cli.api.actions()::toString);

        sync(Map.of(), store);
        CliRun second = diff("--store", store);

        assertEquals(0, second.exitCode(), second::toString);
        assertFalse(Pattern.compile("(?m)^create ").matcher(second.out()).find(), second::toString);
    }

    @Test
    void plansAgainstTheConfigsSecretManagerProject() {
        try (FakeSecretManager fake = FakeSecretManager.start(PROJECT)) {
            Map<String, String> emulator = Map.of("SECRET_MANAGER_EMULATOR_HOST", fake.target(),
                    "SOURCE_CONTROLLER_LOCALHOST", "127.0.0.1:" + artifacts.getAddress().getPort());
            cli.environment(emulator);

            CliRun first = diff("--output", "json");
            sync(emulator, "gcp:" + PROJECT);
            CliRun second = diff();

            assertEquals(2, first.exitCode(), first::toString);
            Golden.assertMatches("diff-gcp.json", first.out());
            assertEquals(0, second.exitCode(), second::toString);
        }
    }

    @Test
    void aForbiddenKeySecretSaysWhichPermissionIsMissing() {
        cli.api.failNext(1, Failure.forbidden("secrets \"sops-keys\" is forbidden: User \"dev\" cannot get resource "
                + "\"secrets\" in API group \"\" in the namespace \"flux-system\""),
                r -> r.path().endsWith("/secrets/sops-keys"));

        CliRun run = diff("--store", "local:" + dir.resolve("store"));

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: diff: reading the decryption keys' Secret flux-system/sops-keys needs "
                + "`get` on secrets in its namespace, which you lack; ask for it, or give the keys with "
                + "--decryption-key-file"), run::toString);
    }

    @Test
    void keyFilesTakeThePlaceOfTheKeySecret() {
        CliRun run = diff("--store", "local:" + dir.resolve("store"), "--decryption-key-file", KEY.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(cli.api.actions().stream().noneMatch(a -> a.contains("/secrets/")), cli.api.actions()::toString);
    }

    @Test
    void withoutTheKeyNothingIsPlannedAndTheReasonIsGiven() {
        try (var client = cli.api.client()) {
            client.delete(ResourceType.SECRETS, "flux-system", "sops-keys", io.smc.kube.DeleteOptions.NONE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        cli.api.clearRequests();

        CliRun run = diff("--store", "local:" + dir.resolve("store"));

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("error: diff: the decryption keys' Secret flux-system/sops-keys does not exist\n", run.err());
    }

    @Test
    void aMissingConfigIsNamed() {
        CliRun run = cli.run("diff", "nope", "-n", "flux-system");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("error: diff: SecretManagerConfig flux-system/nope not found\n", run.err());
    }

    private static Set<String> plaintexts() throws Exception {
        SopsFileDecryptor decryptor = new SopsFileDecryptor(SopsKeys.fromFiles(List.of(KEY)));
        Set<String> values = new TreeSet<>();
        Path env = REPO.resolve(PROFILE + "application.secrets.env");
        for (SecretEntry entry : EnvFileParser.parse(env.toString(), decryptor.decrypt(Files.readAllBytes(env),
                SopsFormat.DOTENV, env.toString()))) {
            values.add(new String(entry.value().bytes(), StandardCharsets.UTF_8));
        }
        Path yaml = REPO.resolve(PROFILE + "application.secrets.yaml");
        for (SecretEntry entry : YamlSecretsParser.parse(yaml.toString(), decryptor.decrypt(Files.readAllBytes(yaml),
                SopsFormat.YAML, yaml.toString()))) {
            values.add(new String(entry.value().bytes(), StandardCharsets.UTF_8));
        }
        return values;
    }
}
