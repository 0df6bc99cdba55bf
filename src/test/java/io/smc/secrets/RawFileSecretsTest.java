package io.smc.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.secrets.SecretsSettings.PropertiesMode;
import io.smc.testing.GitOpsRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawFileSecretsTest {
    @TempDir
    Path root;

    private GitOpsRepo repo() {
        return GitOpsRepo.at(root);
    }

    private DesiredState read(String environment) throws Exception {
        return RawFileSecrets.read(root, new SecretsSettings(environment, "", "", "").validated());
    }

    private static Map<String, DesiredSecret> byName(DesiredState state) {
        return state.secrets().stream().collect(Collectors.toMap(DesiredSecret::name, Function.identity()));
    }

    private static String text(DesiredSecret secret) {
        return new String(secret.value().bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void namesSecretsAfterTheServiceDirectoryAndReadsOnlyTheChosenEnvironment() throws Exception {
        repo().env("billing", "dev", "DB_PASSWORD=dev-pw\n").env("billing", "prod", "DB_PASSWORD=prod-pw\n")
                .env("orders", "dev", "QUEUE=q\n");

        DesiredState state = read("dev");

        assertEquals(List.of("billing-DB_PASSWORD", "orders-QUEUE"),
                state.secrets().stream().map(DesiredSecret::name).toList());
        assertEquals("dev-pw", text(byName(state).get("billing-DB_PASSWORD")));
        assertEquals(2, state.services());
        assertTrue(state.problems().isEmpty());
    }

    @Test
    void readsTheLegacyEnvironmentDirectoryWhenThereIsNoProfilesDirectory() throws Exception {
        repo().write(root.resolve("svc/deployment-configuration/dev/application.secrets.env"), "K=v\n");

        assertEquals(List.of("svc-K"), read("dev").secrets().stream().map(DesiredSecret::name).toList());
    }

    @Test
    void prefersProfilesDirectoryOverLegacyDirectory() throws Exception {
        repo().env("svc", "dev", "K=from-profiles\n")
                .write(root.resolve("svc/deployment-configuration/dev/application.secrets.env"), "K=from-legacy\n");

        assertEquals("from-profiles", text(read("dev").secrets().get(0)));
    }

    @Test
    void yamlKeyOverridesTheSameEnvKey() throws Exception {
        repo().env("svc", "dev", "db.password=from-env\nOTHER=x\n").yaml("svc", "dev", "db:\n  password: from-yaml\n");

        Map<String, DesiredSecret> secrets = byName(read("dev"));

        assertEquals("from-yaml", text(secrets.get("svc-db_password")));
        assertEquals("svc/deployment-configuration/profiles/dev/application.secrets.yaml:2",
                secrets.get("svc-db_password").origin().toString());
        assertEquals(2, secrets.size());
    }

    @Test
    void publishesPropertiesAsOneSortedJsonSecret() throws Exception {
        repo().properties("svc", "dev", "z.last=1\na.first=2\n");

        DesiredSecret secret = byName(read("dev")).get("svc-properties");

        assertEquals("{\"a.first\":\"2\",\"z.last\":\"1\"}", text(secret));
    }

    private static final String PROPERTIES_AT = "svc/deployment-configuration/profiles/dev/application.properties";

    private DesiredState readPerProperty(SecretsSettings settings) throws Exception {
        return RawFileSecrets.read(root, settings.withProperties(PropertiesMode.SECRET_PER_PROPERTY).validated(),
                FAKE_SOPS);
    }

    private DesiredState readPerProperty() throws Exception {
        return readPerProperty(new SecretsSettings("dev", "", "", ""));
    }

    @Test
    void perPropertyModePublishesEachPropertyAsASecretNamedLikeAnyOtherKey() throws Exception {
        repo().env("svc", "dev", "API_TOKEN=t\n").properties("svc", "dev",
                "spring.datasource.url=jdbc:postgresql://db:5432/app\n# management.port=9090\nserver.port: 8080\n");

        DesiredState state = readPerProperty();

        assertEquals(List.of("svc-API_TOKEN", "svc-server_port", "svc-spring_datasource_url"),
                state.secrets().stream().map(DesiredSecret::name).toList());
        DesiredSecret url = byName(state).get("svc-spring_datasource_url");
        assertEquals("spring.datasource.url", url.key());
        assertEquals("jdbc:postgresql://db:5432/app", text(url));
        assertEquals(PROPERTIES_AT + ":1", url.origin().toString());
        assertEquals(PROPERTIES_AT + ":3", byName(state).get("svc-server_port").origin().toString());
        assertFalse(url.disabled());
        assertTrue(state.problems().isEmpty(), state.problems()::toString);
    }

    @Test
    void perPropertyNamesTakePrefixAndSuffixAndSanitiseAsYamlKeysDo() throws Exception {
        repo().yaml("one", "dev", "db:\n  url: from-yaml\n").properties("two", "dev", "db.url=from-properties\n"
                + "gr\u00fc\u00dfe=\u00fc \u2713\n");

        Map<String, DesiredSecret> secrets = byName(readPerProperty(new SecretsSettings("dev", "", "", "v2")));

        assertEquals("one-db_url-v2", secrets.get("one-db_url-v2").name());
        assertEquals("from-properties", text(secrets.get("two-db_url-v2")));
        assertEquals("ü ✓", text(secrets.get("two-gr__e-v2")));
        assertEquals(3, secrets.size());
    }

    @Test
    void perPropertyModeNeverLetsAPropertyReplaceAnEnvKeyOfTheSameName() throws Exception {
        repo().env("svc", "dev", "spring_datasource_password=from-env\nOTHER=x\n")
                .properties("svc", "dev", "server.port=8080\nspring.datasource.password=from-properties\n");

        DesiredState state = readPerProperty();

        assertEquals(List.of("svc-OTHER", "svc-server_port"),
                state.secrets().stream().map(DesiredSecret::name).toList());
        assertEquals(1, state.problems().size());
        Problem problem = state.problems().get(0);
        assertEquals("svc-spring_datasource_password", problem.where());
        assertTrue(problem.message().startsWith("name collision, nothing published for it"), problem.message());
        assertTrue(problem.message().contains("key 'spring_datasource_password' at "
                + "svc/deployment-configuration/profiles/dev/application.secrets.env:1"), problem.message());
        assertTrue(problem.message().contains("key 'spring.datasource.password' at " + PROPERTIES_AT + ":2"),
                problem.message());
        assertFalse(problem.toString().contains("from-"), "no value in the problem");
    }

    @Test
    void perPropertyModeReportsTheSameKeyInYamlAndPropertiesInsteadOfOverriding() throws Exception {
        repo().yaml("svc", "dev", "db:\n  password: from-yaml\n").properties("svc", "dev", "db.password=from-props\n");

        DesiredState state = readPerProperty();

        assertTrue(state.secrets().isEmpty(), state.secrets()::toString);
        Problem problem = state.problems().get(0);
        assertEquals("svc-db_password", problem.where());
        assertTrue(problem.message().contains("key 'db.password' at "
                + "svc/deployment-configuration/profiles/dev/application.secrets.yaml:2"), problem.message());
        assertTrue(problem.message().contains("key 'db.password' at " + PROPERTIES_AT + ":1"), problem.message());
    }

    @Test
    void twoPropertiesGivingOneNameCollide() throws Exception {
        repo().properties("svc", "dev", "a.b=1\na_b=2\nfine=3\n");

        DesiredState state = readPerProperty();

        assertEquals(List.of("svc-fine"), state.secrets().stream().map(DesiredSecret::name).toList());
        assertTrue(state.problems().get(0).message().contains(PROPERTIES_AT + ":1"), state.problems()::toString);
        assertTrue(state.problems().get(0).message().contains(PROPERTIES_AT + ":2"), state.problems()::toString);
    }

    @Test
    void perPropertyModePublishesNothingForAFileWithoutPropertiesAndNoJsonSecret() throws Exception {
        repo().env("svc", "dev", "K=v\n").properties("svc", "dev", "# all commented out\n#a=1\n\n");

        DesiredState state = readPerProperty();

        assertEquals(List.of("svc-K"), state.secrets().stream().map(DesiredSecret::name).toList());
        assertTrue(state.problems().isEmpty(), state.problems()::toString);
    }

    @Test
    void emptyPropertyValueIsAProblemForThatKeyOnly() throws Exception {
        repo().properties("svc", "dev", "empty=\nfull=x\n");

        DesiredState state = readPerProperty();

        assertEquals(List.of("svc-full"), state.secrets().stream().map(DesiredSecret::name).toList());
        assertEquals(PROPERTIES_AT + ":1", state.problems().get(0).where());
        assertTrue(state.problems().get(0).message().contains("'empty' has an empty value"));
    }

    @Test
    void malformedPropertiesKeepTheServiceOutAndNameTheLine() throws Exception {
        repo().env("svc", "dev", "K=v\n").properties("svc", "dev", "a=1\nb=\\u00zz\n").env("ok", "dev", "K=v\n");

        DesiredState state = readPerProperty();

        assertEquals(List.of("ok-K"), state.secrets().stream().map(DesiredSecret::name).toList());
        assertEquals(PROPERTIES_AT + ":2", state.problems().get(0).where());
        assertTrue(state.problems().get(0).message().contains("nothing of service 'svc' is published"));
    }

    @Test
    void perPropertyModeDecryptsEncryptedProperties() throws Exception {
        repo().properties("svc", "dev", "SOPS-FAKE\nsmtp.password=from-encrypted-properties\nsmtp.host=mail\n");

        Map<String, DesiredSecret> secrets = byName(readPerProperty());

        assertEquals("from-encrypted-properties", text(secrets.get("svc-smtp_password")));
        assertEquals("mail", text(secrets.get("svc-smtp_host")));
        // Lines count in the decrypted text: for sops' binary format, the file as its author wrote it.
        assertEquals(PROPERTIES_AT + ":1", secrets.get("svc-smtp_password").origin().toString());
    }

    @Test
    void perPropertyModeRefusesCiphertextValues() throws Exception {
        repo().properties("svc", "dev", "db.password=ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]\nplain=x\n");

        DesiredState state = readPerProperty();

        assertTrue(state.secrets().isEmpty(), state.secrets()::toString);
        assertTrue(state.problems().get(0).message().contains("is SOPS-encrypted"), state.problems()::toString);
    }

    @Test
    void propertiesInParameterManagerAreNeverReadAsSomethingElse() {
        repo().properties("svc", "dev", "a=1\n");
        SecretsSettings unvalidated = new SecretsSettings("dev", "", "", "")
                .withProperties(PropertiesMode.PARAMETER_PER_PROPERTY);

        assertThrows(IllegalArgumentException.class, () -> RawFileSecrets.read(root, unvalidated));
    }

    @Test
    void prefixReplacesServiceNameAndSuffixIsAppended() throws Exception {
        repo().env("billing", "dev", "K=v\n");

        DesiredState state = RawFileSecrets.read(root, new SecretsSettings("dev", "", "team", "v2").validated());

        assertEquals("team-K-v2", state.secrets().get(0).name());
        assertEquals("billing", state.secrets().get(0).service());
    }

    @Test
    void looksForServicesOnlyUnderTheBasePath() throws Exception {
        repo().env("apps/one", "dev", "K=v\n").env("other/two", "dev", "K=v\n");

        DesiredState state = RawFileSecrets.read(root, new SecretsSettings("dev", "apps", "", "").validated());

        assertEquals(List.of("one-K"), state.secrets().stream().map(DesiredSecret::name).toList());
    }

    @Test
    void keepsDisabledEntriesMarkedDisabled() throws Exception {
        repo().env("svc", "dev", "#OLD=retired\nNEW=current\n");

        Map<String, DesiredSecret> secrets = byName(read("dev"));

        assertTrue(secrets.get("svc-OLD").disabled());
        assertFalse(secrets.get("svc-NEW").disabled());
    }

    @Test
    void collisionKeepsBothKeysOutAndNamesBothSources() throws Exception {
        repo().env("svc", "dev", "a.b=1\na_b=2\nfine=3\n");

        DesiredState state = read("dev");

        assertEquals(List.of("svc-fine"), state.secrets().stream().map(DesiredSecret::name).toList());
        assertEquals(1, state.problems().size());
        Problem problem = state.problems().get(0);
        assertEquals("svc-a_b", problem.where());
        assertTrue(problem.message().contains("key 'a.b' at svc/deployment-configuration/profiles/dev/application.secrets.env:1"),
                problem.message());
        assertTrue(problem.message().contains("key 'a_b' at svc/deployment-configuration/profiles/dev/application.secrets.env:2"),
                problem.message());
    }

    @Test
    void twoServicesWithTheSameDirectoryNameCollide() throws Exception {
        repo().env("team-a/api", "dev", "TOKEN=a\n").env("team-b/api", "dev", "TOKEN=b\n");

        DesiredState state = read("dev");

        assertTrue(state.secrets().isEmpty());
        assertEquals("api-TOKEN", state.problems().get(0).where());
    }

    @Test
    void tooLongNameIsAnErrorForThatKeyOnly() throws Exception {
        repo().env("svc", "dev", "K" + "x".repeat(300) + "=v\nSHORT=v\n");

        DesiredState state = read("dev");

        assertEquals(List.of("svc-SHORT"), state.secrets().stream().map(DesiredSecret::name).toList());
        assertEquals("svc/deployment-configuration/profiles/dev/application.secrets.env:1",
                state.problems().get(0).where());
        assertTrue(state.problems().get(0).message().contains("305 characters"), state.problems().get(0).message());
    }

    @Test
    void valueOverSixtyFourKibIsAnErrorForThatKeyWhileOthersArePlanned() throws Exception {
        String big = "B".repeat(64 * 1024 + 1);
        repo().env("svc", "dev", "BIG=" + big + "\nEXACT=" + "E".repeat(64 * 1024) + "\nSMALL=s\n");

        DesiredState state = read("dev");

        assertEquals(List.of("svc-EXACT", "svc-SMALL"), state.secrets().stream().map(DesiredSecret::name).toList());
        assertEquals(1, state.problems().size());
        assertTrue(state.problems().get(0).message().contains("65537 bytes"));
        assertFalse(state.problems().get(0).message().contains("BBBB"));
    }

    @Test
    void emptyValueIsAnErrorForThatKey() throws Exception {
        repo().env("svc", "dev", "EMPTY=\nFULL=x\n");

        DesiredState state = read("dev");

        assertEquals(List.of("svc-FULL"), state.secrets().stream().map(DesiredSecret::name).toList());
        assertTrue(state.problems().get(0).message().contains("'EMPTY' has an empty value"));
    }

    @Test
    void keepsNonUtf8ValueAsBytes() throws Exception {
        byte[] content = {'B', 'I', 'N', '=', (byte) 0xff, (byte) 0xfe, 0x01, '\n'};
        repo().write(repo().profile("svc", "dev").resolve("application.secrets.env"), content);

        DesiredSecret secret = read("dev").secrets().get(0);

        assertTrue(secret.value().sameContentAs(new byte[] {(byte) 0xff, (byte) 0xfe, 0x01}));
    }

    @Test
    void malformedYamlKeepsTheWholeServiceOutAndOtherServicesIn() throws Exception {
        repo().env("broken", "dev", "FROM_ENV=would-shadow-yaml\n")
                .yaml("broken", "dev", "db:\n  password: [unclosed\n")
                .env("healthy", "dev", "K=v\n");

        DesiredState state = read("dev");

        assertEquals(List.of("healthy-K"), state.secrets().stream().map(DesiredSecret::name).toList());
        Problem problem = state.problems().get(0);
        assertTrue(problem.where().startsWith("broken/deployment-configuration/profiles/dev/application.secrets.yaml:"),
                problem.where());
        assertTrue(problem.message().contains("malformed YAML at line"), problem.message());
        assertTrue(problem.message().contains("nothing of service 'broken' is published"), problem.message());
    }

    @Test
    void envLineWithoutEqualsNamesFileAndLine() throws Exception {
        repo().env("svc", "dev", "GOOD=1\nthis line has no equals sign\n");

        Problem problem = read("dev").problems().get(0);

        assertEquals("svc/deployment-configuration/profiles/dev/application.secrets.env:2", problem.where());
        assertTrue(problem.message().startsWith("expected KEY=value"), problem.message());
    }

    @Test
    void unreadableFileIsReportedAndItsServiceSkipped() throws Exception {
        Files.createDirectories(repo().profile("svc", "dev").resolve("application.secrets.env"));
        repo().env("ok", "dev", "K=v\n");

        DesiredState state = read("dev");

        assertEquals(List.of("ok-K"), state.secrets().stream().map(DesiredSecret::name).toList());
        assertEquals("svc/deployment-configuration/profiles/dev/application.secrets.env", state.problems().get(0).where());
        assertTrue(state.problems().get(0).message().startsWith("is not a regular file"));
    }

    @Test
    void refusesSymbolicLinkThatLeadsOutOfTheSource(@TempDir Path outside) throws Exception {
        Path target = outside.resolve("stolen.env");
        Files.writeString(target, "STOLEN=outside-value\n");
        Files.createSymbolicLink(repo().profile("svc", "dev").resolve("application.secrets.env"), target);

        DesiredState state = read("dev");

        assertTrue(state.secrets().isEmpty());
        assertTrue(state.problems().get(0).message().startsWith("is a symbolic link that leads outside the source"));
    }

    @Test
    void followsSymbolicLinkInsideTheSource() throws Exception {
        repo().write(root.resolve("shared/common.env"), "SHARED=yes\n");
        Files.createSymbolicLink(repo().profile("svc", "dev").resolve("application.secrets.env"),
                root.resolve("shared/common.env"));

        assertEquals(List.of("svc-SHARED"), read("dev").secrets().stream().map(DesiredSecret::name).toList());
    }

    @Test
    void refusesSopsEncryptedFilesInsteadOfPublishingCiphertext() throws Exception {
        repo().yaml("svc", "dev", "password: ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]\nsops:\n  version: 3.8.1\n")
                .env("svc2", "dev", "K=ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]\nsops_version=3.8.1\n");

        DesiredState state = read("dev");

        assertTrue(state.secrets().isEmpty());
        assertEquals(2, state.problems().size());
        state.problems().forEach(p -> assertTrue(p.message().contains("is SOPS-encrypted"), p.message()));
    }

    @Test
    void skipsHiddenDirectoriesSuchAsGit() throws Exception {
        repo().env(".git/modules/x", "dev", "K=v\n").env("svc", "dev", "K=v\n");

        assertEquals(List.of("svc-K"), read("dev").secrets().stream().map(DesiredSecret::name).toList());
    }

    @Test
    void serviceWithoutTheProfileIsANoteNotAnError() throws Exception {
        repo().env("svc", "dev", "K=v\n").env("prodonly", "prod", "K=v\n");

        DesiredState state = read("dev");

        assertTrue(state.problems().isEmpty());
        assertEquals(List.of("prodonly/deployment-configuration: no profile for environment 'dev', skipped"),
                state.notes());
    }

    @Test
    void missingSourceDirectoryIsASourceError() {
        SourceException e = assertThrows(SourceException.class, () -> RawFileSecrets.read(root.resolve("nope"),
                new SecretsSettings("dev", "", "", "").validated()));

        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void noServiceWithTheEnvironmentIsASourceError() {
        repo().env("svc", "prod", "K=v\n");

        SourceException e = assertThrows(SourceException.class, () -> read("dev"));

        assertTrue(e.getMessage().startsWith("no service has a profile for environment 'dev'"), e.getMessage());
    }

    @Test
    void noServiceAtAllIsASourceError() throws IOException {
        Files.createDirectories(root.resolve("empty"));

        SourceException e = assertThrows(SourceException.class, () -> read("dev"));

        assertTrue(e.getMessage().startsWith("no deployment-configuration directory under"), e.getMessage());
    }

    @Test
    void missingBasePathIsASourceError() {
        repo().env("svc", "dev", "K=v\n");

        SourceException e = assertThrows(SourceException.class,
                () -> RawFileSecrets.read(root, new SecretsSettings("dev", "apps", "", "").validated()));

        assertTrue(e.getMessage().startsWith("base path 'apps' is not a directory"), e.getMessage());
    }
    /** "Encrypted" files start with SOPS-FAKE; decryption drops that line, or fails when the file says so. */
    private static final io.smc.sops.SopsDecryptor FAKE_SOPS = new io.smc.sops.SopsDecryptor() {
        @Override
        public boolean isEncrypted(byte[] content, io.smc.sops.SopsFormat format) {
            return new String(content, StandardCharsets.UTF_8).startsWith("SOPS-FAKE\n");
        }

        @Override
        public byte[] decrypt(byte[] content, io.smc.sops.SopsFormat format, String source)
                throws io.smc.sops.SopsException {
            String text = new String(content, StandardCharsets.UTF_8);
            if (text.contains("WRONG-KEY")) {
                throw new io.smc.sops.SopsException(io.smc.sops.SopsException.Kind.NO_MATCHING_KEY,
                        source + ": encrypted for age1other, which is not one of our keys");
            }
            return text.substring("SOPS-FAKE\n".length()).getBytes(StandardCharsets.UTF_8);
        }
    };

    @Test
    void decryptsEncryptedFilesWithTheDecryptorGiven() throws Exception {
        repo().env("svc", "dev", "SOPS-FAKE\nTOKEN=from-encrypted-env\n")
                .yaml("svc", "dev", "SOPS-FAKE\ndb: {password: from-encrypted-yaml}\n");

        Map<String, DesiredSecret> secrets = byName(RawFileSecrets.read(root,
                new SecretsSettings("dev", "", "", "").validated(), FAKE_SOPS));

        assertEquals("from-encrypted-env", text(secrets.get("svc-TOKEN")));
        assertEquals("from-encrypted-yaml", text(secrets.get("svc-db_password")));
    }

    @Test
    void oneUndecryptableFileKeepsEveryServiceOut() throws Exception {
        repo().env("svc", "dev", "SOPS-FAKE\nWRONG-KEY\nTOKEN=x\n").env("other", "dev", "PLAIN=fine\n");

        DesiredState state = RawFileSecrets.read(root, new SecretsSettings("dev", "", "", "").validated(), FAKE_SOPS);

        assertTrue(state.secrets().isEmpty(), "all or nothing");
        assertEquals("svc/deployment-configuration/profiles/dev/application.secrets.env",
                state.problems().get(0).where());
        assertTrue(state.problems().get(0).message().contains("age1other"));
        assertEquals("nothing is published while a file cannot be decrypted", state.problems().get(1).message());
    }
}
