package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smc.secrets.EnvFileParser;
import io.smc.secrets.SecretEntry;
import io.smc.secrets.YamlSecretsParser;
import io.smc.sops.SopsFileDecryptor;
import io.smc.sops.SopsFormat;
import io.smc.sops.SopsKeys;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The throw-away examples in {@code examples/sops/} through the command line, as a user would run them. */
class SopsExamplesTest {
    private static final Path EXAMPLES = Path.of("examples/sops");
    private static final Path KEY = EXAMPLES.resolve("throwaway.agekey");
    private static final Path RAW_REPO = EXAMPLES.resolve("gitops-repo");
    private static final Path RAW_CONFIG = EXAMPLES.resolve("secretmanagerconfig.yaml");
    private static final Path KUSTOMIZE_REPO = EXAMPLES.resolve("kustomize-repo");
    private static final Path KUSTOMIZE_CONFIG = EXAMPLES.resolve("kustomize-config.yaml");
    private static final String PROFILE = "apps/payments/deployment-configuration/profiles/dev/";
    private static final List<String> RAW_FILES = List.of(PROFILE + "application.secrets.env",
            PROFILE + "application.secrets.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path work;

    private final List<CliRun> runs = new ArrayList<>();

    @BeforeEach
    void noAmbientKey() {
        assumeTrue(System.getenv("SOPS_AGE_KEY_FILE") == null, "SOPS_AGE_KEY_FILE would give a key to every run");
    }

    /** Whatever a test ran, no decrypted value of the examples was printed. */
    @AfterEach
    void printedNoPlaintext() throws Exception {
        Set<String> plaintexts = plaintexts();
        assertTrue(plaintexts.size() >= 9, "the examples' plaintexts were collected");
        for (CliRun run : runs) {
            for (String plaintext : plaintexts) {
                assertFalse(run.all().contains(plaintext), "a decrypted value of the examples was printed");
            }
        }
    }

    private CliRun run(String... args) {
        CliRun run = CliRun.of(args);
        runs.add(run);
        return run;
    }

    private CliRun raw(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--source", RAW_REPO.toString(), "--config",
                RAW_CONFIG.toString(), "--store", "local:" + work.resolve("store")));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private CliRun kustomize(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--source", KUSTOMIZE_REPO.toString(), "--config",
                KUSTOMIZE_CONFIG.toString(), "--store", "local:" + work.resolve("store")));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static String recipient() throws Exception {
        return Files.readAllLines(KEY).stream().filter(l -> l.startsWith("# public key: "))
                .map(l -> l.substring("# public key: ".length()).strip()).findFirst().orElseThrow();
    }

    private static Set<String> createdNames(CliRun run) throws Exception {
        JsonNode report = JSON.readTree(run.out());
        Set<String> names = new TreeSet<>();
        for (JsonNode action : report.path("actions")) {
            if (action.path("action").asText().equals("create")) {
                names.add(action.path("name").asText());
            }
        }
        return names;
    }

    private static String problems(CliRun run) throws Exception {
        return JSON.readTree(run.out()).path("problems").toString();
    }

    private static void assumeKustomize() {
        String path = System.getenv("PATH");
        boolean found = path != null && Pattern.compile(Pattern.quote(File.pathSeparator)).splitAsStream(path)
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kustomize"))
                        || Files.isExecutable(Path.of(dir, "kubectl")));
        assumeTrue(found, "neither kustomize nor kubectl is on PATH");
    }

    @Test
    void rawPlanWithTheKeyCreatesEveryDecryptedKey() throws Exception {
        CliRun plan = raw("plan", "--decryption-key-file", KEY.toString(), "--output", "json");
        assertEquals(ExitCodes.CHANGES_PENDING, plan.exitCode(), plan::toString);
        assertEquals(Set.of("payments-API_TOKEN", "payments-DB_PASSWORD", "payments-smtp_password",
                "payments-stripe_api-key", "payments-stripe_webhook-secret", "payments-properties"),
                createdNames(plan), plan::toString);
    }

    @Test
    void rawPlanWithoutTheKeyPlansNothingAndNamesTheFileAndRecipient() throws Exception {
        CliRun plan = raw("plan", "--output", "json");
        assertEquals(ExitCodes.FAILURE, plan.exitCode(), plan::toString);
        assertEquals(0, JSON.readTree(plan.out()).path("actions").size(), "nothing planned, not even the plain file");
        String problems = problems(plan);
        assertTrue(RAW_FILES.stream().anyMatch(problems::contains), problems);
        assertTrue(problems.contains(recipient()), problems);
        assertTrue(problems.contains("nothing is published while a file cannot be decrypted"), problems);
    }

    @Test
    void rawSyncThenPlanIsInStep() {
        CliRun sync = raw("sync", "--decryption-key-file", KEY.toString());
        assertEquals(ExitCodes.OK, sync.exitCode(), sync::toString);
        CliRun plan = raw("plan", "--decryption-key-file", KEY.toString());
        assertEquals(ExitCodes.OK, plan.exitCode(), plan::toString);
    }

    @Test
    void kustomizePlanPublishesTheGeneratorTheEncryptedManifestAndTheOverlay() throws Exception {
        assumeKustomize();
        CliRun plan = kustomize("plan", "--decryption-key-file", KEY.toString(), "--output", "json");
        assertEquals(ExitCodes.CHANGES_PENDING, plan.exitCode(), plan::toString);
        assertEquals(Set.of("db-credentials-DB_USER", "db-credentials-DB_PASSWORD", "db-credentials-DB_HOST",
                "api-secret-token", "api-secret-client-secret", "api-secret-api-url"), createdNames(plan), plan::toString);
    }

    @Test
    void kustomizePlanWithoutTheKeyPlansNothingAndNamesTheFileAndRecipient() throws Exception {
        assumeKustomize();
        CliRun plan = kustomize("plan", "--output", "json");
        assertEquals(ExitCodes.FAILURE, plan.exitCode(), plan::toString);
        assertFalse(plan.out().contains("\"create\""), plan::toString);
        assertTrue(plan.all().contains("base/db.env"), plan::toString);
        assertTrue(plan.all().contains(recipient()), plan::toString);
    }

    @Test
    void kustomizeSyncThenPlanIsInStep() {
        assumeKustomize();
        CliRun sync = kustomize("sync", "--decryption-key-file", KEY.toString());
        assertEquals(ExitCodes.OK, sync.exitCode(), sync::toString);
        CliRun plan = kustomize("plan", "--decryption-key-file", KEY.toString());
        assertEquals(ExitCodes.OK, plan.exitCode(), plan::toString);
        CliRun check = kustomize("decrypt-check", "--decryption-key-file", KEY.toString());
        assertEquals(ExitCodes.OK, check.exitCode(), check::toString);
        assertTrue(check.out().contains("6 secrets rendered and decrypted"), check::toString);
    }

    @Test
    void decryptCheckWithTheKeyListsEachEncryptedFileAsOk() {
        CliRun check = raw("decrypt-check", "--decryption-key-file", KEY.toString());
        assertEquals(ExitCodes.OK, check.exitCode(), check::toString);
        for (String file : RAW_FILES) {
            assertTrue(Pattern.compile("(?m)^ok +" + Pattern.quote(file) + " ").matcher(check.out()).find(),
                    check::toString);
        }
        assertTrue(check.out().contains("2 encrypted files checked, 0 failed."), check::toString);
    }

    @Test
    void decryptCheckWithAWrongKeyFailsNamingTheRecipient() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/age-keygen")), "age-keygen is not installed");
        Path wrong = work.resolve("wrong.agekey");
        Process keygen = new ProcessBuilder("age-keygen", "-o", wrong.toString())
                .redirectErrorStream(true).start();
        keygen.getInputStream().readAllBytes();
        assertEquals(0, keygen.waitFor());
        CliRun check = raw("decrypt-check", "--decryption-key-file", wrong.toString());
        assertEquals(ExitCodes.FAILURE, check.exitCode(), check::toString);
        String recipient = recipient();
        for (String file : RAW_FILES) {
            List<String> failed = check.out().lines().filter(l -> l.startsWith("FAILED  " + file + ":"))
                    .collect(Collectors.toList());
            assertEquals(1, failed.size(), check::toString);
            assertTrue(failed.get(0).contains(recipient), check::toString);
        }
        assertTrue(check.out().contains("2 encrypted files checked, 2 failed."), check::toString);
    }

    /** Every decrypted value of the examples, read with the key here rather than written into the test. */
    private static Set<String> plaintexts() throws Exception {
        SopsFileDecryptor decryptor = new SopsFileDecryptor(SopsKeys.fromFiles(List.of(KEY)));
        Set<String> values = new TreeSet<>();
        for (Path env : List.of(RAW_REPO.resolve(RAW_FILES.get(0)), KUSTOMIZE_REPO.resolve("base/db.env"))) {
            byte[] plain = decryptor.decrypt(Files.readAllBytes(env), SopsFormat.DOTENV, env.toString());
            for (SecretEntry entry : EnvFileParser.parse(env.toString(), plain)) {
                values.add(new String(entry.value().bytes(), StandardCharsets.UTF_8));
            }
        }
        Path yaml = RAW_REPO.resolve(RAW_FILES.get(1));
        byte[] plain = decryptor.decrypt(Files.readAllBytes(yaml), SopsFormat.YAML, yaml.toString());
        for (SecretEntry entry : YamlSecretsParser.parse(yaml.toString(), plain)) {
            values.add(new String(entry.value().bytes(), StandardCharsets.UTF_8));
        }
        Path manifest = KUSTOMIZE_REPO.resolve("base/api-secret.yaml");
        JsonNode secret = YAML.readTree(decryptor.decrypt(Files.readAllBytes(manifest), SopsFormat.YAML,
                manifest.toString()));
        secret.path("data").elements().forEachRemaining(v -> {
            values.add(v.asText());
            values.add(new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8));
        });
        secret.path("stringData").elements().forEachRemaining(v -> values.add(v.asText()));
        return values;
    }
}
