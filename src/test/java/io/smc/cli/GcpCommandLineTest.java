package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.secretmanager.v1.Secret;
import io.smc.provider.gcp.fake.FakeSecretManager;
import io.smc.testing.GitOpsRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code plan} and {@code sync} against Secret Manager without a cluster: the emulator convention, both transports. */
class GcpCommandLineTest {
    private static FakeSecretManager fake;
    private static int projects;

    @TempDir
    Path temp;

    private String project;

    @BeforeAll
    static void startFake() {
        fake = FakeSecretManager.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void freshProject() {
        project = "cli-project-" + (++projects);
        fake.addProject(project);
        fake.clearFaults();
    }

    private Map<String, String> emulator(String transport) {
        Map<String, String> env = new HashMap<>();
        env.put("SECRET_MANAGER_EMULATOR_HOST", transport.equals("rest")
                ? fake.restAddress() : fake.target());
        env.put("SMC_GCP_TRANSPORT", transport);
        return env;
    }

    private CliRun run(String transport, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--source", temp.resolve("repo").toString(), "--store", "gcp:" + project));
        return CliRun.withEnvironment(emulator(transport), all.toArray(String[]::new));
    }

    private Path config(String name, String extraSpec) throws Exception {
        Path file = temp.resolve(name + ".yaml");
        Files.writeString(file, """
                apiVersion: secret-management.microscaler.io/v1beta1
                kind: SecretManagerConfig
                metadata:
                  name: %s
                  namespace: team-a
                spec:
                  sourceRef:
                    kind: GitRepository
                    name: repo
                  provider:
                    gcp:
                      projectId: %s
                      labels:
                        team: payments
                  secrets:
                    environment: dev
                %s""".formatted(name, project, extraSpec));
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void planSyncPlanAgainstSecretManager(String transport) {
        GitOpsRepo.at(temp.resolve("repo")).env("svc", "dev", "A=1\nB=2\n#C=3\n");

        CliRun plan = run(transport, "plan", "--environment", "dev");
        CliRun sync = run(transport, "sync", "--environment", "dev");
        CliRun again = run(transport, "plan", "--environment", "dev");

        assertEquals(2, plan.exitCode(), plan::toString);
        assertTrue(plan.out().startsWith("Plan against gcp:projects/" + project), plan::toString);
        assertEquals(0, sync.exitCode(), sync::toString);
        assertEquals(0, again.exitCode(), again::toString);
        Secret a = fake.secret(project, "svc-A").orElseThrow();
        assertEquals("cli", a.getLabelsMap().get("smc-namespace"));
        assertEquals("1", fake.data(project, "svc-A", "1").toStringUtf8());
        assertTrue(fake.secret(project, "svc-C").isEmpty(), "a disabled entry is not created");
    }

    @Test
    void aConfigGivesOwnerLabelsAndPrunesOnlyWithPrune() throws Exception {
        GitOpsRepo repo = GitOpsRepo.at(temp.resolve("repo")).env("svc", "dev", "A=1\nB=2\n");
        Path config = config("billing", "  deletionPolicy: Delete\n");
        CliRun first = run("grpc", "sync", "--config", config.toString());
        assertEquals(0, first.exitCode(), first::toString);
        repo.env("svc", "dev", "A=1\n");

        CliRun withoutPrune = run("grpc", "sync", "--config", config.toString());
        CliRun plan = run("grpc", "plan", "--config", config.toString(), "--prune");
        CliRun prune = run("grpc", "sync", "--config", config.toString(), "--prune");

        assertEquals(0, withoutPrune.exitCode(), withoutPrune::toString);
        assertEquals(2, plan.exitCode(), plan::toString);
        assertTrue(plan.out().contains("delete") && plan.out().contains("svc-B"), plan::toString);
        assertEquals(0, prune.exitCode(), prune::toString);
        assertTrue(fake.secret(project, "svc-B").isEmpty());
        Secret a = fake.secret(project, "svc-A").orElseThrow();
        assertEquals(Map.of("managed-by", "secret-manager-controller", "smc-namespace", "team-a", "smc-name",
                "billing", "team", "payments"), a.getLabelsMap());
    }

    @Test
    void anotherConfigsSecretStopsTheSyncBeforeItWrites() throws Exception {
        GitOpsRepo.at(temp.resolve("repo")).env("svc", "dev", "A=1\nB=2\n");
        assertEquals(0, run("grpc", "sync", "--config", config("first", "").toString()).exitCode());
        fake.resetCounters();

        CliRun second = run("grpc", "sync", "--config", config("second", "").toString());

        assertEquals(1, second.exitCode(), second::toString);
        assertTrue(second.out().contains("OwnershipConflict") && second.out().contains("team-a/first"),
                second::toString);
        assertEquals(0, fake.calls("AddSecretVersion") + fake.calls("CreateSecret") + fake.calls("UpdateSecret"));
    }

    @Test
    void aRefusedPermissionIsAClearErrorAndNothingIsWritten() {
        GitOpsRepo.at(temp.resolve("repo")).env("svc", "dev", "A=1\n");
        fake.denyPermission(project, "secretmanager.secrets.list");

        CliRun run = run("rest", "sync", "--environment", "dev");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("secretmanager.secrets.list") && run.err().contains(project), run::toString);
        assertFalse(run.all().contains("\tat "), "no stack trace");
        assertTrue(fake.secret(project, "svc-A").isEmpty());
    }

    @Test
    void regionalStoreAndJsonReport() {
        GitOpsRepo.at(temp.resolve("repo")).env("svc", "dev", "A=1\n");
        Map<String, String> env = emulator("grpc");

        CliRun run = CliRun.withEnvironment(env, "sync", "--environment", "dev", "--source",
                temp.resolve("repo").toString(), "--store", "gcp:" + project + "/europe-west1", "--output", "json");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\"store\" : \"gcp:projects/" + project + "/locations/europe-west1\""),
                run::toString);
        assertTrue(fake.secret("projects/" + project + "/locations/europe-west1/secrets/svc-A").isPresent());
    }
}
