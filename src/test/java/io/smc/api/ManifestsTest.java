package io.smc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.api.schema.Violation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestsTest {
    private static final String MINIMAL = """
            apiVersion: secret-management.microscaler.io/v1beta1
            kind: SecretManagerConfig
            metadata:
              name: shop
              namespace: apps
            spec:
              sourceRef:
                name: shop-repo
              provider:
                gcp:
                  projectId: shop-project
              secrets:
                environment: dev
            """;

    private static SecretManagerConfig read(String yaml) throws ManifestException {
        List<SecretManagerConfig> configs = Manifests.readAll(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
        assertEquals(1, configs.size());
        return configs.get(0);
    }

    private static List<Violation> violations(String yaml) {
        return assertThrows(ManifestException.class, () -> read(yaml)).violations();
    }

    /** MINIMAL with {@code line} added under {@code spec:} (indented by two). */
    private static String withSpec(String line) {
        return MINIMAL.replace("spec:\n", "spec:\n" + line.indent(2));
    }

    @Test
    void minimalConfigGetsTheDefaultsTheServerWouldFillIn() throws Exception {
        SecretManagerConfigSpec spec = read(MINIMAL).spec();

        assertEquals(SourceRef.SourceKind.GitRepository, spec.sourceRef().kind());
        assertNull(spec.sourceRef().namespace());
        assertEquals(Duration.ofMinutes(1), spec.reconcileInterval());
        assertEquals(Duration.ofHours(1), spec.driftCheckInterval());
        assertEquals(true, spec.diffDiscovery());
        assertEquals(true, spec.triggerUpdate());
        assertEquals(false, spec.suspend());
        assertEquals(false, spec.suspendGitPulls());
        assertEquals(SecretManagerConfigSpec.DeletionPolicy.Retain, spec.deletionPolicy());
        assertEquals(SecretManagerConfigSpec.AdoptionPolicy.Never, spec.adoptionPolicy());
        assertNull(spec.versionRetention());
        assertNull(spec.configs(), "absent objects stay absent");
    }

    @Test
    void seedSystemManifestIsAcceptedUnchanged() throws Exception {
        byte[] seed = Files.readAllBytes(Path.of("src/test/resources/seed/secretmanagerconfig.yaml"));

        SecretManagerConfig config = Manifests.readAll(seed, "seed").get(0);

        assertEquals("-prod", config.spec().secrets().suffix());
        assertEquals("microservices/my-service/deployment-configuration/profiles/dev",
                config.spec().secrets().kustomizePath());
        assertEquals(Duration.ofMinutes(5), config.spec().gitRepositoryPullInterval());
        assertEquals("Datadog", config.spec().otel().get("type"));
        assertEquals(Configs.ConfigStore.SecretManager, config.spec().configs().store());
    }

    @Test
    void seedSpellingsOfEnumsAreAccepted() throws Exception {
        SecretManagerConfigSpec spec = read(withSpec("configs: {store: secretManager}").replace(
                "projectId: shop-project", "projectId: shop-project\n      auth: {authType: workloadIdentity}"))
                .spec();

        assertEquals(Configs.ConfigStore.SecretManager, spec.configs().store());
        assertEquals(GcpAuth.AuthType.WorkloadIdentity, spec.provider().gcp().auth().authType());
    }

    static Stream<String> samples() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("config/samples"))) {
            return files.map(Path::toString).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleIsAccepted(String sample) throws Exception {
        List<SecretManagerConfig> configs = Manifests.readAll(Files.readAllBytes(Path.of(sample)), sample);

        assertEquals(1, configs.size(), sample);
        assertEquals(SecretManagerConfig.API_VERSION, configs.get(0).apiVersion());
    }

    @Test
    void samplesCoverEveryKindOfSetUpTheReadmePromises() throws Exception {
        assertTrue(samples().count() >= 5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "colour: blue                                  | spec.colour                   | unknown field",
        "secrets: {environment: dev, path: x}          | spec.secrets.path             | unknown field",
        "suspend: 'yes'                                | spec.suspend                  | must be a boolean, not a string",
        "reconcileInterval: 5                          | spec.reconcileInterval        | must be a string, not a number",
        "reconcileInterval: 5 minutes                  | spec.reconcileInterval        | does not match",
        "reconcileInterval: 30s                        | spec.reconcileInterval        | 30s is shorter than the minimum 1m",
        "driftCheckInterval: 10s                       | spec.driftCheckInterval       | 10s is shorter than the minimum 1m (0 turns it off)",
        "deletionPolicy: Forget                        | spec.deletionPolicy           | 'Forget' is not one of",
        "versionRetention: {keep: 0}                   | spec.versionRetention.keep    | must be at least 1",
        "versionRetention: {action: Destroy}           | spec.versionRetention.keep    | is required",
        "decryption: {secretRef: {name: Bad_Name}}     | spec.decryption.secretRef.name| 'Bad_Name' is not a valid name"})
    void badSpecFieldsAreReportedWithTheirPath(String line, String path, String message) {
        String yaml = line.startsWith("secrets:") ? MINIMAL.replace("  secrets:\n    environment: dev\n", "")
                + "  " + line + "\n" : withSpec(line);

        List<Violation> violations = violations(yaml);

        assertTrue(violations.stream().anyMatch(v -> v.path().equals(path.trim()) && v.message().contains(message.trim())),
                violations::toString);
    }

    @Test
    void missingEnvironmentIsReportedWithItsPath() {
        List<Violation> violations = violations(MINIMAL.replace("    environment: dev\n", "    prefix: shop\n"));

        assertEquals(List.of(new Violation("spec.secrets.environment", "is required")), violations);
    }

    @Test
    void twoProvidersAreRefused() {
        List<Violation> violations = violations(MINIMAL.replace("    gcp:\n",
                "    aws: {region: eu-west-1}\n    gcp:\n"));

        assertEquals(List.of(new Violation("spec.provider", "exactly one of gcp, aws and azure must be set")),
                violations);
    }

    @Test
    void awsAloneIsAcceptedForCompatibility() throws Exception {
        SecretManagerConfig config = read(MINIMAL.replace("    gcp:\n      projectId: shop-project\n",
                "    type: aws\n    aws: {region: eu-west-1, auth: {irsa: true}}\n"));

        assertEquals("eu-west-1", config.spec().provider().aws().get("region"));
    }

    @Test
    void kustomizePathAndBasePathTogetherAreRefused() {
        List<Violation> violations = violations(MINIMAL.replace("    environment: dev\n",
                "    environment: dev\n    basePath: apps\n    kustomizePath: overlays/dev\n"));

        assertEquals("spec.secrets", violations.get(0).path());
        assertTrue(violations.get(0).message().startsWith("kustomizePath and basePath cannot both be set"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "projectId: Shop                   | spec.provider.gcp.projectId | does not match",
        "projectId: ab                     | spec.provider.gcp.projectId | does not match"})
    void invalidProjectIdIsReported(String replacement, String path, String message) {
        List<Violation> violations = violations(MINIMAL.replace("projectId: shop-project", replacement.trim()));

        assertEquals(path.trim(), violations.get(0).path());
        assertTrue(violations.get(0).message().contains(message.trim()));
    }

    @Test
    void invalidNamesAreReportedWithTheirPaths() {
        List<Violation> violations = violations(MINIMAL.replace("name: shop\n", "name: Shop_1\n")
                .replace("namespace: apps", "namespace: apps.team").replace("name: shop-repo", "name: -repo"));

        assertEquals(List.of("metadata.name", "metadata.namespace", "spec.sourceRef.name"),
                violations.stream().map(Violation::path).toList());
    }

    @Test
    void regionalSecretsWithReplicationAreRefused() {
        List<Violation> violations = violations(MINIMAL.replace("projectId: shop-project",
                "projectId: shop-project\n      location: europe-west1\n      replication: {automatic: {}}"));

        assertEquals(List.of(new Violation("spec.provider.gcp",
                "regional secrets (location set) take no replication block")), violations);
    }

    @Test
    void jsonCredentialsWithoutASecretAreRefused() {
        List<Violation> violations = violations(MINIMAL.replace("projectId: shop-project",
                "projectId: shop-project\n      auth: {authType: JsonCredentials}"));

        assertEquals("spec.provider.gcp.auth", violations.get(0).path());
    }

    @Test
    void wrongApiVersionIsRefused() {
        List<Violation> violations = violations(MINIMAL.replace("/v1beta1", "/v1"));

        assertEquals("apiVersion", violations.get(0).path());
    }

    @Test
    void malformedYamlIsAViolationWithLineAndColumn() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> Manifests.readAll("kind: [unclosed\n".getBytes(StandardCharsets.UTF_8), "bad.yaml"));

        assertTrue(e.getMessage().startsWith("bad.yaml: (root): malformed YAML at line"), e.getMessage());
    }

    @Test
    void otherKindsInTheStreamAreSkipped() throws Exception {
        String stream = "apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n---\n" + MINIMAL;

        assertEquals("shop", Manifests.readAll(stream.getBytes(StandardCharsets.UTF_8), "s").get(0).metadata().name());
    }
}
