package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smc.provider.StoredSecret;
import io.smc.provider.StoredVersion;
import io.smc.provider.VersionState;
import io.smc.provider.local.LocalSecretStore;
import io.smc.secrets.DesiredSecret;
import io.smc.secrets.RawFileSecrets;
import io.smc.secrets.SecretsSettings;
import io.smc.testing.GitOpsRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanAndSyncTest {
    private static final Path EXAMPLES = Path.of("examples");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Path source() {
        return work.resolve("repo");
    }

    private Path storeDir() {
        return work.resolve("store");
    }

    private GitOpsRepo repo() {
        return GitOpsRepo.at(source());
    }

    private CliRun run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--source", source().toString(), "--store",
                "local:" + storeDir(), "--environment", "dev"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Whether the table report has a row for this action and secret, whatever the column widths. */
    private static boolean hasRow(String table, String action, String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(action) + " +" + Pattern.quote(name) + " ").matcher(table).find();
    }

    private Map<String, StoredSecret> stored() throws Exception {
        try (LocalSecretStore store = LocalSecretStore.open(storeDir(), LocalSecretStore.Mode.READ)) {
            return store.list();
        }
    }

    private List<StoredVersion> versions(String name) throws Exception {
        try (LocalSecretStore store = LocalSecretStore.open(storeDir(), LocalSecretStore.Mode.READ)) {
            return store.versions(name);
        }
    }

    @Test
    void planOnAnEmptyStoreShowsCreatesExitsTwoAndCreatesNothing() {
        repo().env("svc", "dev", "A=1\nB=2\n");

        CliRun plan = run("plan");

        assertEquals(2, plan.exitCode(), plan::toString);
        assertTrue(hasRow(plan.out(), "create", "svc-A"), plan::toString);
        assertTrue(plan.out().contains("2 to create, 0 to add a version, 0 to enable, 0 to disable, 0 unchanged; "
                + "0 problems."), plan::toString);
        assertFalse(Files.exists(storeDir()), "plan must not create the store");
    }

    @Test
    void syncPublishesThenASecondSyncAndPlanReportNoChanges() throws Exception {
        repo().env("svc", "dev", "A=1\nB=2\n");

        CliRun first = run("sync");
        CliRun second = run("sync");
        CliRun plan = run("plan");

        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().contains("applied: 2 create"), first::toString);
        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(second.out().contains("applied: 0 create, 0 add a version, 0 enable, 0 disable, 2 unchanged"),
                second::toString);
        assertEquals(0, plan.exitCode(), plan::toString);
        assertEquals(List.of(1L), versions("svc-A").stream().map(v -> v.number()).toList());
        assertEquals(Map.of("managed-by", "secret-manager-controller", "smc-namespace", "cli", "smc-name", "dev"),
                stored().get("svc-A").labels(), "without --config the command line owns its secrets as cli/ENV");
    }

    @Test
    void changedValueAddsAVersion() throws Exception {
        repo().env("svc", "dev", "A=1\n");
        run("sync");
        repo().env("svc", "dev", "A=2\n");

        CliRun plan = run("plan");
        CliRun sync = run("sync");

        assertEquals(2, plan.exitCode());
        assertTrue(hasRow(plan.out(), "add-version", "svc-A"), plan::toString);
        assertTrue(plan.out().contains("value differs from version 1"), plan::toString);
        assertEquals(0, sync.exitCode(), sync::toString);
        assertEquals(2, versions("svc-A").size());
    }

    @Test
    void commentingAnEntryOutDisablesItsVersionAndUncommentingEnablesIt() throws Exception {
        repo().env("svc", "dev", "TOKEN=t\n");
        run("sync");

        repo().env("svc", "dev", "#TOKEN=t\n");
        CliRun disable = run("sync");
        VersionState afterDisable = versions("svc-TOKEN").get(0).state();
        repo().env("svc", "dev", "TOKEN=t\n");
        CliRun enablePlan = run("plan");
        run("sync");

        assertTrue(hasRow(disable.out(), "disable", "svc-TOKEN"), disable::toString);
        assertEquals(VersionState.DISABLED, afterDisable);
        assertTrue(hasRow(enablePlan.out(), "enable", "svc-TOKEN"), enablePlan::toString);
        assertEquals(VersionState.ENABLED, versions("svc-TOKEN").get(0).state());
        assertEquals(1, versions("svc-TOKEN").size());
    }

    @Test
    void problemsFailThePlanButTheRestIsStillPlannedAndSynced() throws Exception {
        repo().env("svc", "dev", "GOOD=1\nBIG=" + "x".repeat(70_000) + "\n");

        CliRun plan = run("plan");
        CliRun sync = run("sync");

        assertEquals(1, plan.exitCode(), plan::toString);
        assertTrue(hasRow(plan.out(), "create", "svc-GOOD"), plan::toString);
        assertTrue(plan.out().contains("Problems (1), left out of the plan:"), plan::toString);
        assertEquals(1, sync.exitCode(), sync::toString);
        assertEquals(List.of("svc-GOOD"), List.copyOf(stored().keySet()));
    }

    @Test
    void brokenFileNeverOverwritesWhatItsServicePublishedBefore() throws Exception {
        repo().env("svc", "dev", "PASSWORD=from-env\n").yaml("svc", "dev", "PASSWORD: from-yaml\n");
        run("sync");
        repo().yaml("svc", "dev", "PASSWORD: [broken\n");

        CliRun sync = run("sync");

        assertEquals(1, sync.exitCode(), sync::toString);
        assertTrue(sync.out().contains("malformed YAML"), sync::toString);
        assertEquals(1, versions("svc-PASSWORD").size(), "the .env value must not replace the unreadable YAML value");
    }

    @Test
    void missingSourceIsAnErrorWithoutStackTrace() {
        CliRun run = CliRun.of("plan", "--source", work.resolve("nowhere").toString(), "--environment", "dev",
                "--store", "local:" + storeDir());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: source directory "), run::toString);
        assertTrue(run.err().contains("does not exist"), run::toString);
        assertFalse(run.err().contains("\tat "), run::toString);
    }

    @Test
    void missingEnvironmentProfileIsAnError() {
        repo().env("svc", "prod", "A=1\n");

        CliRun run = run("plan");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: no service has a profile for environment 'dev'"), run::toString);
    }

    @Test
    void invalidEnvironmentIsAnError() {
        CliRun run = CliRun.of("plan", "--source", work.toString(), "--environment", "Dev");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: environment 'Dev' must be"), run::toString);
    }

    @Test
    void storeDirectoryThatIsNotAStoreIsRefusedAndLeftAlone() throws Exception {
        repo().env("svc", "dev", "A=1\n");
        Files.createDirectories(storeDir());
        Files.writeString(storeDir().resolve("precious.txt"), "keep me");

        CliRun run = run("sync");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("is not a secret store"), run::toString);
        assertEquals(List.of("precious.txt"), Files.list(storeDir()).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void jsonReportCarriesEveryActionWithoutValues() throws Exception {
        repo().env("svc", "dev", "A=value-one\n#B=value-two\n");

        JsonNode plan = JSON.readTree(run("plan", "--output", "json").out());
        JsonNode sync = JSON.readTree(run("sync", "--output", "json").out());

        assertTrue(plan.get("changes").asBoolean());
        assertEquals(1, plan.at("/summary/create").asInt());
        assertEquals(1, plan.at("/summary/unchanged").asInt());
        JsonNode first = plan.at("/actions/0");
        assertEquals("create", first.get("action").asText());
        assertEquals("svc-A", first.get("name").asText());
        assertEquals("A", first.get("key").asText());
        assertEquals(9, first.get("size").asInt());
        assertTrue(first.get("fingerprint").asText().matches("[0-9a-f]{12}"));
        assertEquals("svc/deployment-configuration/profiles/dev/application.secrets.env:1",
                first.get("source").asText());
        assertTrue(plan.at("/actions/1/disabled").asBoolean());
        assertEquals("applied", sync.at("/actions/0/result").asText());
        assertEquals(0, sync.at("/summary/failed").asInt());
        assertFalse(plan.toString().contains("value-one") || sync.toString().contains("value-one"));
    }

    @Test
    void configFileGivesTheSettingsAndFlagsOverrideThem() {
        CliRun dev = CliRun.of("plan", "--source", EXAMPLES.resolve("gitops-repo").toString(), "--config",
                EXAMPLES.resolve("secretmanagerconfig.yaml").toString(), "--store", "local:" + storeDir());
        CliRun prod = CliRun.of("plan", "--source", EXAMPLES.resolve("gitops-repo").toString(), "--config",
                EXAMPLES.resolve("secretmanagerconfig.yaml").toString(), "--store", "local:" + storeDir(),
                "--environment", "prod", "--suffix", "live");

        assertEquals(2, dev.exitCode(), dev::toString);
        assertTrue(dev.out().contains("billing-DATABASE_PASSWORD"), dev::toString);
        assertTrue(dev.out().contains("apps/billing/deployment-configuration/profiles/dev/"), dev::toString);
        assertEquals(2, prod.exitCode(), prod::toString);
        assertTrue(prod.out().contains("billing-STRIPE_API_KEY-live"), prod::toString);
        assertTrue(prod.out().contains("apps/billing/deployment-configuration/profiles/prod/"), prod::toString);
        assertFalse(prod.out().contains("/profiles/dev/"), prod::toString);
    }

    @Test
    void configFileMayHoldOtherResourcesBesideTheConfig() throws Exception {
        repo().env("svc", "dev", "A=1\n");
        Path config = work.resolve("config.yaml");
        Files.writeString(config, """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: repo}
                ---
                apiVersion: secret-management.microscaler.io/v1beta1
                kind: SecretManagerConfig
                metadata: {name: svc}
                spec:
                  sourceRef: {name: repo}
                  provider: {gcp: {projectId: my-project}}
                  secrets: {environment: dev, suffix: v1}
                """);

        CliRun run = CliRun.of("plan", "--source", source().toString(), "--config", config.toString(), "--store",
                "local:" + storeDir());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.out().contains("svc-A-v1"), run::toString);
    }

    private static final String PROPERTIES = "spring.datasource.url=jdbc:postgresql://db:5432/app\n"
            + "# management.port=9090\nserver.port: 8080\n";

    private Path configWith(String configs) throws Exception {
        Path config = work.resolve("config.yaml");
        Files.writeString(config, """
                apiVersion: secret-management.microscaler.io/v1beta1
                kind: SecretManagerConfig
                metadata: {name: svc}
                spec:
                  sourceRef: {name: repo}
                  provider: {gcp: {projectId: my-project}}
                  secrets: {environment: dev}
                """ + configs);
        return config;
    }

    private String storedValue(String name) throws Exception {
        try (LocalSecretStore store = LocalSecretStore.open(storeDir(), LocalSecretStore.Mode.READ)) {
            return new String(store.access(name, 1).orElseThrow().bytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void propertiesPerKeyFlagPublishesOneSecretPerProperty() throws Exception {
        repo().env("svc", "dev", "A=1\n").properties("svc", "dev", PROPERTIES);

        CliRun plan = run("plan", "--properties-per-key");
        CliRun sync = run("sync", "--properties-per-key");
        CliRun again = run("plan", "--properties-per-key");

        assertEquals(2, plan.exitCode(), plan::toString);
        assertTrue(hasRow(plan.out(), "create", "svc-spring_datasource_url"), plan::toString);
        assertTrue(plan.out().contains("svc/deployment-configuration/profiles/dev/application.properties:3"),
                plan::toString);
        assertFalse(plan.out().contains("svc-properties"), plan::toString);
        assertEquals(0, sync.exitCode(), sync::toString);
        assertEquals(List.of("svc-A", "svc-server_port", "svc-spring_datasource_url"), List.copyOf(stored().keySet()));
        assertEquals("jdbc:postgresql://db:5432/app", storedValue("svc-spring_datasource_url"));
        assertEquals("8080", storedValue("svc-server_port"));
        assertEquals(0, again.exitCode(), again::toString);
        assertFalse((plan.all() + sync.all()).contains("jdbc:postgresql"), "no value is printed");
    }

    @Test
    void configWithConfigsEnabledPublishesOneSecretPerProperty() throws Exception {
        repo().properties("svc", "dev", PROPERTIES);
        Path config = configWith("  configs: {enabled: true}\n");

        CliRun sync = CliRun.of("sync", "--source", source().toString(), "--config", config.toString(), "--store",
                "local:" + storeDir(), "--output", "json");

        assertEquals(0, sync.exitCode(), sync::toString);
        assertEquals(2, JSON.readTree(sync.out()).at("/summary/create").asInt(), sync::toString);
        assertEquals(List.of("svc-server_port", "svc-spring_datasource_url"), List.copyOf(stored().keySet()));
        assertEquals("8080", storedValue("svc-server_port"));
    }

    @Test
    void propertiesStayOneJsonSecretByDefaultAndWithConfigsDisabled() throws Exception {
        repo().properties("svc", "dev", PROPERTIES);
        Path config = configWith("  configs: {enabled: false}\n");

        CliRun plan = run("plan");
        CliRun sync = CliRun.of("sync", "--source", source().toString(), "--config", config.toString(), "--store",
                "local:" + storeDir());

        assertEquals(2, plan.exitCode(), plan::toString);
        assertTrue(hasRow(plan.out(), "create", "svc-properties"), plan::toString);
        assertFalse(plan.out().contains("svc-server_port"), plan::toString);
        assertEquals(0, sync.exitCode(), sync::toString);
        assertEquals(List.of("svc-properties"), List.copyOf(stored().keySet()));
        assertEquals("{\"server.port\":\"8080\",\"spring.datasource.url\":\"jdbc:postgresql://db:5432/app\"}",
                storedValue("svc-properties"));
    }

    @Test
    void propertiesInParameterManagerAreRefusedAsNotSupportedYet() throws Exception {
        repo().properties("svc", "dev", PROPERTIES);
        Path config = configWith("  configs: {enabled: true, store: ParameterManager}\n");

        CliRun plan = CliRun.of("plan", "--source", source().toString(), "--config", config.toString(), "--store",
                "local:" + storeDir());
        CliRun overridden = CliRun.of("plan", "--source", source().toString(), "--config", config.toString(),
                "--store", "local:" + storeDir(), "--properties-per-key");

        assertEquals(1, plan.exitCode(), plan::toString);
        assertTrue(plan.err().startsWith("error: configs.store ParameterManager is not supported yet"), plan::toString);
        assertEquals("", plan.out(), plan::toString);
        assertEquals(2, overridden.exitCode(), overridden::toString);
        assertTrue(hasRow(overridden.out(), "create", "svc-server_port"), overridden::toString);
    }

    @Test
    void propertiesPerKeyIsForRawModeOnly() {
        CliRun run = CliRun.of("plan", "--source", source().toString(), "--environment", "dev", "--kustomize-path",
                "overlays/dev", "--properties-per-key");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--properties-per-key is for raw mode"), run::toString);
    }

    @Test
    void unusableConfigFilesAreClearErrors() throws Exception {
        Path missing = work.resolve("missing.yaml");
        Path noConfig = work.resolve("none.yaml");
        Files.writeString(noConfig, "apiVersion: v1\nkind: ConfigMap\n");
        Path kustomize = work.resolve("kustomize.yaml");
        Files.writeString(kustomize, "apiVersion: secret-management.microscaler.io/v1beta1\nkind: SecretManagerConfig\n"
                + "metadata: {name: k}\nspec:\n  sourceRef: {name: repo}\n  provider: {gcp: {projectId: my-project}}\n"
                + "  secrets: {environment: dev, kustomizePath: overlays/dev}\n");
        Path unknownField = work.resolve("unknown.yaml");
        Files.writeString(unknownField, Files.readString(kustomize).replace("kustomizePath: overlays/dev",
                "kustomisePath: overlays/dev"));
        Path wrongGroup = work.resolve("group.yaml");
        Files.writeString(wrongGroup, "apiVersion: example.com/v1\nkind: SecretManagerConfig\n");
        Path malformed = work.resolve("malformed.yaml");
        Files.writeString(malformed, "kind: [SecretManagerConfig\n");

        Map<Path, String> expected = Map.of(
                missing, "does not exist",
                noConfig, "expected one SecretManagerConfig resource, found 0",
                kustomize, "kustomizePath 'overlays/dev' is not a directory in the source",
                wrongGroup, "apiVersion: 'example.com/v1' is not secret-management.microscaler.io/v1beta1",
                malformed, "malformed YAML at line 1, column",
                unknownField, "spec.secrets.kustomisePath: unknown field");
        expected.forEach((file, message) -> {
            CliRun run = CliRun.of("plan", "--config", file.toString(), "--store", "local:" + storeDir());
            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(run.err().contains(message), run::toString);
        });
    }

    @Test
    void noSecretValueOfTheExamplesReachesAnyOutput() throws Exception {
        Path examples = EXAMPLES.resolve("gitops-repo");
        List<String> values = new ArrayList<>();
        StringBuilder publicText = new StringBuilder();
        for (String environment : List.of("dev", "prod")) {
            for (DesiredSecret secret : RawFileSecrets.read(examples,
                    new SecretsSettings(environment, "apps", "", "").validated()).secrets()) {
                values.add(new String(secret.value().bytes(), StandardCharsets.UTF_8));
                publicText.append(secret.name()).append(' ').append(secret.origin()).append('\n');
            }
        }
        StringBuilder printed = new StringBuilder();
        for (String environment : List.of("dev", "prod")) {
            for (String command : List.of("plan", "sync", "plan")) {
                for (String output : List.of("table", "json")) {
                    printed.append(CliRun.of(command, "--source", examples.toString(), "--base-path", "apps",
                            "--environment", environment, "--store", "local:" + storeDir(), "--output", output).all());
                }
            }
        }

        assertTrue(values.size() >= 15, "the examples hold the values to look for");
        for (String value : values) {
            // A value such as "billing" that is also a service name shows up in names, legitimately.
            if (value.length() >= 4 && !publicText.toString().contains(value)) {
                assertFalse(printed.toString().contains(value), "a value of " + value.length() + " bytes leaked");
            }
        }
    }
}
