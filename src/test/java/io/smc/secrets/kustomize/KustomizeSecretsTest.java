package io.smc.secrets.kustomize;

import static io.smc.secrets.kustomize.Tree.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smc.secrets.DesiredSecret;
import io.smc.secrets.DesiredState;
import io.smc.secrets.Problem;
import io.smc.secrets.SecretsSettings;
import io.smc.secrets.SourceException;
import io.smc.sops.SopsFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds real kustomizations with {@code kustomize} or {@code kubectl kustomize}. */
class KustomizeSecretsTest {
    private static final SecretsSettings NO_AFFIXES = new SecretsSettings("dev", "", "", "");

    @TempDir
    Path root;
    @TempDir
    Path work;
    @TempDir
    Path outside;
    private Tree tree;
    private FakeSops sops;

    @BeforeAll
    static void needsKustomize() {
        assumeTrue(KustomizeRenderer.onPath("kustomize") != null || KustomizeRenderer.onPath("kubectl") != null,
                "neither kustomize nor kubectl is on PATH");
    }

    @BeforeEach
    void setUp() {
        tree = Tree.at(root);
        sops = FakeSops.working();
    }

    private DesiredState read(String path) throws Exception {
        return read(path, NO_AFFIXES);
    }

    private DesiredState read(String path, SecretsSettings settings) throws Exception {
        return KustomizeSecrets.read(root, path, settings, KustomizeRenderer.using(sops).withWorkDirectory(work));
    }

    private static Map<String, String> values(DesiredState state) {
        return state.secrets().stream().collect(Collectors.toMap(DesiredSecret::name,
                s -> new String(s.value().bytes(), StandardCharsets.UTF_8)));
    }

    private static Map<String, DesiredSecret> byName(DesiredState state) {
        return state.secrets().stream().collect(Collectors.toMap(DesiredSecret::name, Function.identity()));
    }

    private void assertNoCopyLeft() throws Exception {
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "temporary copies are deleted");
        }
    }

    private static void assertRevealsNone(String text, String... values) {
        for (String value : values) {
            assertFalse(text.contains(value), "message reveals a value");
        }
    }

    private void baseAndOverlay() {
        tree.file("base/kustomization.yaml", """
                resources:
                - secret.yaml
                - configmap.yaml
                secretGenerator:
                - name: app-secrets
                  envs: [app.env]
                  literals: [API_KEY=literal-key-1]
                  options:
                    disableNameSuffixHash: true
                """)
                .file("base/app.env", "DB_PASSWORD=env-password-1\nDB_USER=env-user\n")
                .file("base/secret.yaml", secret("plain", "stringData:\n  TOKEN: base-token\n  OTHER: other-1\n"))
                .file("base/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n"
                        + "data:\n  NOT_A_SECRET: config-value\n")
                .file("overlays/prod/kustomization.yaml", """
                        namespace: prod
                        resources:
                        - ../../base
                        patches:
                        - patch: |-
                            apiVersion: v1
                            kind: Secret
                            metadata:
                              name: plain
                            stringData:
                              TOKEN: overlay-token
                        """);
    }

    @Test
    void readsEveryKeyOfTheSecretsOfAnOverlayBuiltOnABase() throws Exception {
        baseAndOverlay();

        DesiredState state = read("overlays/prod");

        assertEquals(Map.of("app-secrets-API_KEY", "literal-key-1", "app-secrets-DB_PASSWORD", "env-password-1",
                "app-secrets-DB_USER", "env-user", "plain-OTHER", "other-1", "plain-TOKEN", "overlay-token"),
                values(state));
        assertEquals(List.of(), state.problems());
        assertEquals(2, state.services(), "two Secrets; the ConfigMap is not one");
        DesiredSecret token = byName(state).get("plain-TOKEN");
        assertEquals("overlays/prod Secret prod/plain key TOKEN", token.origin().toString());
        assertEquals("plain", token.service());
        assertEquals("TOKEN", token.key());
        assertNoCopyLeft();
    }

    @Test
    void putsTheConfiguredPrefixAndSuffixInPlaceOfTheSecretName() throws Exception {
        baseAndOverlay();

        DesiredState state = read("overlays/prod", new SecretsSettings("dev", "", "team", "v1"));

        assertEquals(List.of("team-API_KEY-v1", "team-DB_PASSWORD-v1", "team-DB_USER-v1", "team-OTHER-v1",
                "team-TOKEN-v1"), state.secrets().stream().map(DesiredSecret::name).toList());
    }

    @Test
    void takesStringDataOverDataForTheSameKeyAsTheApiServerDoes() throws Exception {
        String data = Base64.getEncoder().encodeToString("from-data".getBytes(StandardCharsets.UTF_8));
        tree.file("kustomization.yaml", "resources: [s.yaml]\n").file("s.yaml", secret("mixed",
                "data:\n  KEY: " + data + "\n  ONLY_DATA: " + data + "\nstringData:\n  KEY: from-string-data\n"));

        assertEquals(Map.of("mixed-KEY", "from-string-data", "mixed-ONLY_DATA", "from-data"), values(read(".")));
    }

    @Test
    void reportsADataValueThatIsNotBase64UnlessStringDataReplacesIt() throws Exception {
        tree.file("kustomization.yaml", "resources: [s.yaml]\n").file("s.yaml", secret("odd",
                "data:\n  BAD: '%%not-base64%%'\n  FIXED: '%%not-base64%%'\n  GOOD: Z29vZA==\n"
                        + "stringData:\n  FIXED: fixed-value\n"));

        DesiredState state = read(".");

        assertEquals(Map.of("odd-FIXED", "fixed-value", "odd-GOOD", "good"), values(state));
        assertEquals(List.of(new Problem(". Secret odd key BAD", "data value is not base64")), state.problems());
    }

    @Test
    void namesGeneratedSecretsAfterTheirHashedNameUnlessAPrefixIsSet() throws Exception {
        tree.file("kustomization.yaml", """
                secretGenerator:
                - name: hashed
                  literals: [KEY=hashed-value]
                - name: fixed
                  literals: [OTHER=fixed-value]
                  options:
                    disableNameSuffixHash: true
                """);

        DesiredState state = read(".");

        List<String> names = state.secrets().stream().map(DesiredSecret::name).toList();
        assertEquals(2, names.size());
        assertEquals("fixed-OTHER", names.get(0));
        assertTrue(names.get(1).matches("hashed-[a-z0-9]{10}-KEY"), names.get(1));
        assertEquals(List.of("KEY", "OTHER"), state.secrets().stream().map(DesiredSecret::key).sorted().toList());
        assertEquals(Map.of("p-KEY", "hashed-value", "p-OTHER", "fixed-value"),
                values(read(".", new SecretsSettings("dev", "", "p", ""))));
    }

    @Test
    void publishesTheSameKeyWithTheSameValueInTwoSecretsOnce() throws Exception {
        tree.file("kustomization.yaml", "resources: [a.yaml, b.yaml]\n")
                .file("a.yaml", secret("a", "stringData:\n  SHARED: same-value\n  A_ONLY: a-1\n"))
                .file("b.yaml", secret("b", "stringData:\n  SHARED: same-value\n"));

        DesiredState state = read(".", new SecretsSettings("dev", "", "team", ""));

        assertEquals(Map.of("team-SHARED", "same-value", "team-A_ONLY", "a-1"), values(state));
        assertEquals(List.of(), state.problems());
    }

    @Test
    void reportsTheSameKeyWithDifferentValuesInTwoSecretsAsAConflictAndPublishesNeither() throws Exception {
        tree.file("kustomization.yaml", "namespace: apps\nresources: [a.yaml, b.yaml]\n")
                .file("a.yaml", secret("a", "stringData:\n  SHARED: value-of-a\n  A_ONLY: a-1\n"))
                .file("b.yaml", secret("b", "stringData:\n  SHARED: value-of-b\n"));

        DesiredState state = read(".", new SecretsSettings("dev", "", "team", ""));

        assertEquals(Map.of("team-A_ONLY", "a-1"), values(state));
        assertEquals(1, state.problems().size());
        Problem conflict = state.problems().get(0);
        assertEquals("team-SHARED", conflict.where());
        assertTrue(conflict.message().contains("key 'SHARED' has different values"), conflict.message());
        assertTrue(conflict.message().contains("Secret apps/a key SHARED"), conflict.message());
        assertTrue(conflict.message().contains("Secret apps/b key SHARED"), conflict.message());
        assertRevealsNone(conflict.toString(), "value-of-a", "value-of-b");
    }

    @Test
    void ignoresDocumentsThatAreNotV1Secrets() throws Exception {
        tree.file("kustomization.yaml", "resources: [all.yaml]\n").file("all.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cm}
                data: {CM: config}
                ---
                apiVersion: example.com/v1
                kind: Secret
                metadata: {name: custom}
                stringData: {CUSTOM: custom-value}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec: {replicas: 1}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: real}
                stringData: {REAL: real-value}
                """);

        DesiredState state = read(".");

        assertEquals(Map.of("real-REAL", "real-value"), values(state));
        assertEquals(1, state.services());
    }

    @Test
    void leavesOutOnlyTheKeysThatBreakALimit() throws Exception {
        String big = Base64.getEncoder().encodeToString(new byte[64 * 1024 + 1]);
        tree.file("kustomization.yaml", "resources: [s.yaml]\n").file("s.yaml", secret("limits",
                "data:\n  BIG: " + big + "\nstringData:\n  EMPTY: \"\"\n  " + "K".repeat(260) + ": long-name-value\n"
                        + "  GOOD: good-value\n"));

        DesiredState state = read(".");

        assertEquals(Map.of("limits-GOOD", "good-value"), values(state));
        String problems = state.problems().toString();
        assertEquals(3, state.problems().size(), problems);
        assertTrue(problems.contains("value of key 'BIG' is 65537 bytes"), problems);
        assertTrue(problems.contains("key 'EMPTY' has an empty value"), problems);
        assertTrue(problems.contains("Secret Manager allows at most 255"), problems);
        assertRevealsNone(problems, "long-name-value");
    }

    @Test
    void refusesAKustomizePathThatLeavesTheRevision() throws Exception {
        tree.file("kustomization.yaml", "resources: []\n");
        Tree.at(outside).file("kustomization.yaml", "resources: []\n");
        tree.link("escape", outside);

        for (String path : List.of("../x", "a/../../x", outside.toString(), "escape", "missing")) {
            SourceException e = assertThrows(SourceException.class, () -> read(path), path);
            assertTrue(e.getMessage().contains("kustomizePath"), e.getMessage());
        }
        assertNoCopyLeft();
    }

    @Test
    void reportsABrokenKustomizationWithTheFirstLinesOfKustomizesError() throws Exception {
        tree.file("base/kustomization.yaml", "resources: [secret.yaml\n")
                .file("base/secret.yaml", secret("s", "stringData:\n  K: broken-tree-value\n"))
                .file("overlay/kustomization.yaml", "resources: [../base]\n");

        KustomizeException e = assertThrows(KustomizeException.class, () -> read("overlay"));

        String message = e.getMessage();
        assertTrue(message.startsWith("kustomize build of 'overlay' failed (exit code 1): "), message);
        assertTrue(message.contains("did not find expected"), message);
        assertFalse(message.contains(work.toString()), "the temporary copy's location is not shown");
        assertRevealsNone(message, "broken-tree-value");
        assertNoCopyLeft();
    }

    @Test
    void doesNotFollowALinkOutOfTheRevisionIntoTheCopy() throws Exception {
        Tree.at(outside).file("stolen.yaml", secret("stolen", "stringData:\n  K: outside-value\n"));
        tree.file("kustomization.yaml", "resources: [stolen.yaml]\n").link("stolen.yaml", outside.resolve("stolen.yaml"));

        KustomizeException e = assertThrows(KustomizeException.class, () -> read("."));

        assertTrue(e.getMessage().contains("stolen.yaml"), e.getMessage());
        assertRevealsNone(e.getMessage(), "outside-value");
        assertNoCopyLeft();
    }

    @Test
    void decryptsEncryptedEncryptedInputsInTheCopyBeforeTheBuild() throws Exception {
        String env = FakeSops.encrypt("DB_PASSWORD=decrypted-password\n");
        String key = FakeSops.encrypt("decrypted-key-material");
        tree.file("base/kustomization.yaml", """
                secretGenerator:
                - name: creds
                  envs: [secrets.env]
                  files: [tls.key=key.bin, plain.txt]
                  options:
                    disableNameSuffixHash: true
                """)
                .file("base/secrets.env", env).file("base/key.bin", key).file("base/plain.txt", "not-encrypted")
                .file("overlay/kustomization.yaml", "resources: [../base]\n");

        DesiredState state = read("overlay");

        assertEquals(Map.of("creds-DB_PASSWORD", "decrypted-password", "creds-tls_key", "decrypted-key-material",
                "creds-plain_txt", "not-encrypted"), values(state));
        assertEquals(List.of("base/key.bin", "base/secrets.env"), sops.decrypted.stream().sorted().toList());
        assertTrue(sops.formats.containsAll(List.of(SopsFormat.DOTENV, SopsFormat.BINARY)), sops.formats.toString());
        assertEquals(env, Files.readString(root.resolve("base/secrets.env")), "the revision itself is untouched");
        assertNoCopyLeft();
    }

    @Test
    void decryptsAnEncryptedSecretManifestBeforeTheBuild() throws Exception {
        tree.file("kustomization.yaml", "namespace: apps\nresources: [sealed.yaml]\n").file("sealed.yaml",
                secret("sealed", "stringData:\n  TOKEN: " + FakeSops.encrypt("opened-token") + "\n"
                        + "sops:\n  mac: fake\n  version: 3.9.0\n"));

        DesiredState state = read(".");

        assertEquals(Map.of("sealed-TOKEN", "opened-token"), values(state));
        assertEquals(List.of("sealed.yaml"), sops.decrypted, "decrypted from the file, as sops wrote it");
    }

    @Test
    void failsTheWholeRenderWhenAGeneratorInputCannotBeDecrypted() throws Exception {
        sops = FakeSops.failing();
        tree.file("kustomization.yaml", """
                resources: [plain.yaml]
                secretGenerator:
                - name: creds
                  envs: [secrets.env]
                """)
                .file("secrets.env", FakeSops.encrypt("DB_PASSWORD=never-shown\n"))
                .file("plain.yaml", secret("plain", "stringData:\n  OK: plain-value\n"));

        KustomizeException e = assertThrows(KustomizeException.class, () -> read("."));

        assertEquals("secrets.env: no key matches the recipients age1fakerecipient", e.getMessage());
        assertRevealsNone(e.getMessage(), "never-shown", "plain-value");
        assertNoCopyLeft();
    }

    @Test
    void failsTheWholeRenderWhenAnEncryptedManifestCannotBeDecrypted() throws Exception {
        sops = FakeSops.failing();
        tree.file("kustomization.yaml", "resources: [plain.yaml, sealed.yaml]\n")
                .file("plain.yaml", secret("plain", "stringData:\n  OK: plain-value\n"))
                .file("sealed.yaml", secret("sealed", "stringData:\n  TOKEN: " + FakeSops.encrypt("never-shown")
                        + "\nsops:\n  mac: fake\n"));

        KustomizeException e = assertThrows(KustomizeException.class, () -> read("."));

        assertEquals("sealed.yaml: no key matches the recipients age1fakerecipient", e.getMessage());
        assertRevealsNone(e.getMessage(), "never-shown", "plain-value");
    }

    @Test
    void redactsDecryptedTextFromKustomizesErrors() throws Exception {
        byte[] line = "\u00ffKEY=redact-me-please\n".getBytes(StandardCharsets.ISO_8859_1);
        String sealed = "ENC[" + Base64.getEncoder().encodeToString(line) + "]";
        sops = FakeSops.decryptingTo(line);
        tree.file("kustomization.yaml", "secretGenerator:\n- name: creds\n  envs: [secrets.env]\n")
                .file("secrets.env", sealed);

        KustomizeException e = assertThrows(KustomizeException.class, () -> read("."));

        String message = e.getMessage();
        assertTrue(message.contains("invalid utf8"), message);
        assertRevealsNone(message, "redact-me-please", "114 101 100 97 99 116");
    }
}
