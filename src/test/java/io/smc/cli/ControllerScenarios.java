package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Status;
import io.smc.kube.fake.WatchFault;
import io.smc.sops.AgeEncryptedFiles;
import io.smc.source.flux.ArtifactServer;
import io.smc.source.flux.TestTar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged controller, one process through every scenario, against the fake API server over HTTP, Flux
 * artifacts over loopback and the Secret Manager fake over {@link #transport()}. Each scenario asserts the exact state
 * of Secret Manager (secrets, versions, states, bytes), the config's status and its events; the last one stops the
 * process and requires that no value leaked into anything it printed, served or wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ControllerScenarios {
    private static final ObjectMapper JSON = new ObjectMapper();

    Path work;
    EndToEnd world;
    RunningController controller;

    /** {@code grpc} or {@code rest}. */
    abstract String transport();

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        this.work = work;
        world = new EndToEnd(work);
        controller = world.startJar(transport());
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    private String value(String label) {
        return world.canary.plainValue(label);
    }

    /** Three plain keys of service {@code svc}, values marked; returns secret name → value. */
    private Map<String, String> plainKeys(String label, String... keys) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            values.put("svc-" + key, value(label + "-" + key));
        }
        return values;
    }

    private static TestTar files(Map<String, String> secrets) {
        Map<String, Map<String, String>> byService = new TreeMap<>();
        secrets.forEach((name, value) -> byService.computeIfAbsent(name.substring(0, name.indexOf('-')),
                s -> new LinkedHashMap<>()).put(name.substring(name.indexOf('-') + 1), value));
        Map<String, String> env = new TreeMap<>();
        byService.forEach((service, values) -> env.put(service, EndToEnd.env(values)));
        return EndToEnd.envFiles(env);
    }

    @Test
    @Order(1)
    void aNewConfigTurnsReadyWithExactlyThePlannedSecretsAndOneSummaryEvent() throws Exception {
        Map<String, String> plain = plainKeys("create", "TOKEN", "URL", "USER");
        Map<String, String> encrypted = new LinkedHashMap<>();
        encrypted.put("PASSWORD", value("create-sops-PASSWORD"));
        encrypted.put("API_KEY", value("create-sops-API_KEY"));
        TestTar tar = files(plain).file("enc/deployment-configuration/profiles/dev/application.secrets.env",
                AgeEncryptedFiles.dotenv(encrypted, EndToEnd.AGE_RECIPIENT));
        String revision = world.publish("create", tar);
        Map<String, String> expected = new TreeMap<>(plain);
        encrypted.forEach((key, value) -> expected.put("enc-" + key, value));

        List<String> planned = plan("create");
        world.createConfig("create", spec -> { });
        world.awaitReady("create", revision);

        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(planned), "plan predicted the creates");
        assertEquals(EndToEnd.firstVersions(expected), world.project("create"));
        JsonNode status = world.status("create");
        assertEquals(5, status.path("secretsSynced").asInt(), status::toString);
        assertEquals(revision, status.path("lastAttemptedRevision").asText());
        assertEquals(1, status.path("observedGeneration").asInt());
        List<String> inventory = new ArrayList<>();
        status.path("inventory").forEach(entry -> inventory.add(entry.path("name").asText() + " v"
                + entry.path("version").asText() + " " + entry.path("state").asText()));
        assertEquals(expected.keySet().stream().map(name -> name + " v1 ENABLED").sorted().toList(),
                inventory.stream().sorted().toList());
        world.awaitEvents("create", Map.of("SecretCreated", 1));
        assertEquals(List.of("Normal/SecretCreated x1: 5 create at revision " + revision), world.events("create"));
    }

    /** The secret names {@code plan} would create for the config {@code name}, read from its JSON report. */
    private List<String> plan(String name) throws Exception {
        ObjectNode config = world.createConfigManifest(name, spec -> { });
        Path file = Files.writeString(work.resolve(name + ".json"), config.toString());
        List<String> command = PackagedJar.command("plan", "--source", "flux:GitRepository/"
                + EndToEnd.NAMESPACE + "/" + name, "--kubeconfig", work.resolve("kubeconfig").toString(),
                "--config", file.toString(), "--store", "gcp", "--decryption-key-file", EndToEnd.AGE_KEY.toString(),
                "--cache-dir", work.resolve("plan-cache").toString(), "--gcp-transport", transport(),
                "--output", "json");
        Launched plan = Launched.run(command, Map.of("PATH", "/usr/bin:/bin", "HOME", work.toString(),
                "SECRET_MANAGER_EMULATOR_HOST", transport().equals("rest") ? world.secretManager.restAddress()
                        : world.secretManager.target()), work);
        world.canary.saw("plan's output", plan.out() + plan.err());
        JsonNode report = JSON.readTree(plan.out());
        List<String> creates = new ArrayList<>();
        report.path("actions").forEach(action -> {
            if (action.path("action").asText().equals("create")) {
                creates.add(action.path("name").asText());
            }
        });
        assertFalse(creates.isEmpty(), plan::toString);
        return creates;
    }

    @Test
    @Order(2)
    void aNewRevisionAddsOneVersionOfTheChangedKeyOnlyWithoutWaitingForTheResync() {
        Map<String, String> values = plainKeys("revision", "A", "B", "C");
        String first = world.publish("revision", files(values));
        world.createConfig("revision", spec -> spec.put("reconcileInterval", "1h"));
        world.awaitReady("revision", first);
        Map<String, List<String>> before = world.project("revision");

        world.secretManager.resetCounters();
        String changed = value("revision-B-2");
        values.put("svc-B", changed);
        String second = world.publish("revision", files(values));
        world.awaitReady("revision", second);

        Map<String, List<String>> expected = new TreeMap<>(before);
        expected.put("svc-B", List.of(before.get("svc-B").get(0), "2:ENABLED:" + changed));
        assertEquals(expected, world.project("revision"));
        assertEquals(Map.of("AccessSecretVersion", 1, "AddSecretVersion", 1), world.secretManager.calls(),
                "the changed key's newest value read and a version added; no call for the unchanged ones");
        world.awaitEvents("revision", Map.of("SecretCreated", 1, "VersionAdded", 1));
    }

    @Test
    @Order(3)
    void aRemovedKeyStaysUnderRetainAndGoesUnderDeleteAndSoDoDeletedConfigsSecrets() throws Exception {
        Map<String, String> values = plainKeys("removal", "KEEP", "DROP");
        for (String policy : List.of("Retain", "Delete")) {
            String name = "removal-" + policy.toLowerCase();
            String revision = world.publish(name, files(values));
            world.createConfig(name, spec -> spec.put("deletionPolicy", policy));
            world.awaitReady(name, revision);
        }
        Map<String, String> kept = new LinkedHashMap<>(values);
        kept.remove("svc-DROP");
        for (String policy : List.of("Retain", "Delete")) {
            String name = "removal-" + policy.toLowerCase();
            world.awaitReady(name, world.publish(name, files(kept)));
        }

        assertEquals(EndToEnd.firstVersions(values), world.project("removal-retain"), "Retain keeps the secret");
        assertEquals(EndToEnd.firstVersions(kept), world.project("removal-delete"), "Delete prunes it");
        world.awaitEvent("removal-delete", "SecretDeleted", "1 delete at revision");
        assertEquals(Map.of("SecretCreated", 1), world.eventReasons("removal-retain"), "one event, for the creation");

        for (String policy : List.of("Retain", "Delete")) {
            String name = "removal-" + policy.toLowerCase();
            world.deleteConfig(name);
            world.await(name + " gone", () -> !world.configExists(name), name);
        }
        assertEquals(EndToEnd.firstVersions(values), world.project("removal-retain"),
                "a deleted config's secrets stay under Retain");
        assertEquals(Map.of(), world.project("removal-delete"), "and go under Delete");
    }

    @Test
    @Order(4)
    void aWrongKeyWritesNothingAndTheFixedKeySecretPublishes() throws Exception {
        Map<String, String> values = Map.of("PASSWORD", value("sops-key-PASSWORD"));
        world.keysNamed("wrong-keys", AgeEncryptedFiles.newIdentity());
        String revision = world.publish("sops-key", files(plainKeys("sops-key", "PLAIN")).file(
                "enc/deployment-configuration/profiles/dev/application.secrets.env",
                AgeEncryptedFiles.dotenv(values, EndToEnd.AGE_RECIPIENT)));
        world.createConfig("sops-key", spec -> spec.withObjectProperty("decryption").withObjectProperty("secretRef")
                .put("name", "wrong-keys"));
        world.awaitFailure("sops-key", "DecryptionFailed");
        assertEquals(Map.of(), world.project("sops-key"), "nothing of the config is published");
        assertTrue(world.ready("sops-key").path("message").asText().contains("enc/"), "the message names the file: "
                + world.ready("sops-key"));

        world.keysNamed("wrong-keys", Files.readString(EndToEnd.AGE_KEY));
        world.requestReconcile("sops-key");
        world.awaitReady("sops-key", revision);
        assertEquals(2, world.project("sops-key").size());
        assertEquals(List.of("1:ENABLED:" + values.get("PASSWORD")), world.project("sops-key").get("enc-PASSWORD"));
        world.awaitEvent("sops-key", "SecretCreated", "2 create at revision " + revision);
        world.awaitEvent("sops-key", "ReconciliationSucceeded", revision);
    }

    @Test
    @Order(5)
    void aTamperedSopsFileChangesNothingUntilARevisionRepairsIt() throws Exception {
        Map<String, String> first = Map.of("PASSWORD", value("tamper-1"));
        String good = world.publish("tamper", sops(first));
        world.createConfig("tamper", spec -> { });
        world.awaitReady("tamper", good);
        Map<String, List<String>> published = world.project("tamper");

        Map<String, String> second = Map.of("PASSWORD", value("tamper-2"));
        String text = new String(AgeEncryptedFiles.dotenv(second, EndToEnd.AGE_RECIPIENT), StandardCharsets.UTF_8);
        int data = text.indexOf("ENC[AES256_GCM,data:") + "ENC[AES256_GCM,data:".length();
        String tampered = text.substring(0, data) + (text.charAt(data) == 'A' ? 'B' : 'A') + text.substring(data + 1);
        world.publish("tamper", TestTar.create().file("enc/deployment-configuration/profiles/dev/"
                + "application.secrets.env", tampered));
        world.awaitFailure("tamper", "DecryptionFailed");
        assertEquals(published, world.project("tamper"), "nothing written, nothing deleted");

        String repaired = world.publish("tamper", sops(second));
        world.awaitReady("tamper", repaired);
        assertEquals(List.of("1:ENABLED:" + first.get("PASSWORD"), "2:ENABLED:" + second.get("PASSWORD")),
                world.project("tamper").get("enc-PASSWORD"));
    }

    private static TestTar sops(Map<String, String> values) throws Exception {
        return TestTar.create().file("enc/deployment-configuration/profiles/dev/application.secrets.env",
                AgeEncryptedFiles.dotenv(values, EndToEnd.AGE_RECIPIENT));
    }

    @Test
    @Order(6)
    void brokenArtifactsChangeNothingAndTheRepairedSourcePublishes() {
        Map<String, String> values = plainKeys("artifact", "A", "B");
        String first = world.publish("artifact", files(values));
        world.createConfig("artifact", spec -> { });
        world.awaitReady("artifact", first);
        Map<String, List<String>> published = world.project("artifact");
        values.put("svc-A", value("artifact-A-2"));
        byte[] archive = files(values).gzip();

        String mismatch = world.publish("artifact", archive, ArtifactServer.sha256(new byte[] {1}), true);
        world.awaitFailure("artifact", "ArtifactFailed");
        assertTrue(world.ready("artifact").path("message").asText().contains("does not match its digest"),
                world.ready("artifact").toString());
        assertTrue(world.ready("artifact").path("message").asText().contains(mismatch), "names the revision");
        assertEquals(published, world.project("artifact"), "a digest mismatch writes and deletes nothing");

        // A 404 means source-controller collected the artifact: wait for its next one, not a retry storm.
        world.publish("artifact", archive, null, false);
        world.awaitFailure("artifact", "SourceNotReady");
        assertTrue(world.ready("artifact").path("message").asText().contains("(404)"), world.ready("artifact")
                .toString());
        assertEquals(published, world.project("artifact"), "a missing artifact writes and deletes nothing");

        String repaired = world.publish("artifact", archive, null, true, ArtifactServer.Fault.TRUNCATED);
        world.awaitReady("artifact", repaired);

        assertEquals(List.of(published.get("svc-A").get(0), "2:ENABLED:" + values.get("svc-A")),
                world.project("artifact").get("svc-A"));
        assertEquals(published.get("svc-B"), world.project("artifact").get("svc-B"));
        world.awaitEvent("artifact", "ArtifactFailed", "bytes received");
        world.awaitEvent("artifact", "ReconciliationSucceeded", repaired);
    }

    @Test
    @Order(7)
    void aQuotaStormAndLostAnswersEndReadyWithoutADuplicateVersion() {
        Map<String, String> values = plainKeys("storm", "A", "B", "C", "D");
        world.secretManager.failNext("CreateSecret", Status.RESOURCE_EXHAUSTED, 6);
        world.secretManager.failNext("AddSecretVersion", Status.RESOURCE_EXHAUSTED, 6);
        world.secretManager.applyThenFail("AddSecretVersion", Status.UNAVAILABLE, 2);
        world.secretManager.applyThenFail("CreateSecret", Status.DEADLINE_EXCEEDED, 1);
        String revision = world.publish("storm", files(values));
        world.secretManager.resetCounters();
        world.createConfig("storm", spec -> { });
        world.awaitReady("storm", revision);

        assertEquals(EndToEnd.firstVersions(values), world.project("storm"), "every answer lost, no value twice");
        assertEquals(12, world.secretManager.resourceExhausted());
        String metrics = world.scrape(controller);
        assertTrue(EndToEnd.sample(metrics, "secret_manager_provider_requests_total{provider=\"gcp\","
                + "method=\"AddSecretVersion\",code=\"RESOURCE_EXHAUSTED\"}") >= 6, "counted by the controller");
    }

    @Test
    @Order(8)
    void aFullOutageEndsReadyOnceTheServiceIsBackWithOneNewVersion() {
        Map<String, String> values = plainKeys("outage", "A", "B");
        String first = world.publish("outage", files(values));
        world.createConfig("outage", spec -> { });
        world.awaitReady("outage", first);
        Map<String, List<String>> published = world.project("outage");

        world.secretManager.outage(Status.UNAVAILABLE);
        try {
            values.put("svc-A", value("outage-A-2"));
            world.publish("outage", files(values));
            world.awaitFailure("outage", "ProviderError");
            assertEquals(published, world.project("outage"));
        } finally {
            world.secretManager.endOutage();
        }
        world.await("outage Ready again", () -> world.ready("outage").path("status").asText().equals("True"),
                "outage");

        assertEquals(List.of(published.get("svc-A").get(0), "2:ENABLED:" + values.get("svc-A")),
                world.project("outage").get("svc-A"));
        assertEquals(published.get("svc-B"), world.project("outage").get("svc-B"));
    }

    @Test
    @Order(9)
    void watchesCutMidEventExpiredOrLostToARestartMissNoRevisionAndWriteNothingTwice() {
        Map<String, String> values = plainKeys("watch", "A", "B");
        String revision = world.publish("watch", files(values));
        world.createConfig("watch", spec -> spec.put("reconcileInterval", "1h"));
        world.awaitReady("watch", revision);
        List<String> history = new ArrayList<>(world.project("watch").get("svc-A"));

        int open = world.api.openWatches();
        assertTrue(open >= 2, "the configs and the GitRepositories are watched: " + open);
        for (int i = 0; i < open; i++) {
            world.api.nextWatch(WatchFault.closeMidLine(0));
        }
        world.api.closeWatches();
        world.api.awaitWatches(open);
        revision = change(values, history, "cut");
        world.awaitReady("watch", revision);
        world.awaitEvent("watch", "VersionAdded", revision);

        world.api.compact();
        world.api.expireWatches();
        revision = change(values, history, "expired");
        world.awaitReady("watch", revision);
        // Events are best effort: one being sent when the API server goes away is logged and dropped.
        world.awaitEvent("watch", "VersionAdded", revision);

        String[] whileDown = new String[1];
        world.api.restart(() -> {
            whileDown[0] = change(values, history, "restart");
            sleep(1500);
        });
        world.awaitReady("watch", whileDown[0]);

        assertEquals(history, world.project("watch").get("svc-A"), "one version per revision, none twice");
        assertEquals(List.of(world.project("watch").get("svc-B").get(0)), world.project("watch").get("svc-B"));
        world.awaitEvents("watch", Map.of("SecretCreated", 1, "VersionAdded", 3));
    }

    /** Publishes a revision changing svc-A; records the version it must add. */
    private String change(Map<String, String> values, List<String> history, String label) {
        String changed = value("watch-A-" + label);
        values.put("svc-A", changed);
        history.add((history.size() + 1) + ":ENABLED:" + changed);
        return world.publish("watch", files(values));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @Order(100)
    void noValueLeaksIntoAnythingTheControllerPrintedServedOrWrote() throws Exception {
        world.scrape(controller);
        assertEquals(0, world.stop(controller), "a clean stop");
        world.collectClusterState();

        assertEquals(List.of(), world.canary.findings());
        assertTrue(world.canary.sawText("svc-TOKEN") && world.canary.sawText("VersionAdded"),
                "the canary read the names and events the controller wrote");
    }
}
