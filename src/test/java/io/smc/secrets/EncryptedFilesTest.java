package io.smc.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptedFilesTest {
    private static final String ENV_FILE = "apps/svc/profiles/dev/application.secrets.env";
    private static final String YAML_FILE = "apps/svc/profiles/dev/application.secrets.yaml";
    private static final String CIPHERTEXT = "ENC[AES256_GCM,data:c2VjcmV0,iv:aXY=,tag:dGFn,type:str]";
    private static final String REASON =
            "is SOPS-encrypted and was not decrypted (no decryption keys were given, or its SOPS metadata is "
                    + "unreadable); its ciphertext is not published";

    @ParameterizedTest
    @ValueSource(strings = {"sops_mac", "sops_version", "sops_lastmodified"})
    void refusesEnvFileWithSopsKey(String key) throws Exception {
        SecretFileException e = refused(env("A=plain\n" + key + "=x\n"));

        assertEquals(Origin.of(ENV_FILE), e.origin());
        assertEquals(REASON, e.reason());
    }

    @Test
    void refusesEnvFileWithEncryptedValue() throws Exception {
        SecretFileException e = refused(env("A=plain\nPASSWORD=" + CIPHERTEXT + "\n"));

        assertEquals(Origin.of(ENV_FILE), e.origin());
        assertEquals(REASON, e.reason());
        assertFalse(e.getMessage().contains("c2VjcmV0"), "message shows the ciphertext");
    }

    @Test
    void refusesDisabledEncryptedValue() throws Exception {
        assertEquals(REASON, refused(env("#PASSWORD=" + CIPHERTEXT + "\n")).reason());
    }

    @Test
    void refusesYamlFileWithSopsMapping() throws Exception {
        List<SecretEntry> entries = yaml("password: plain\nsops:\n  version: 3.9.0\n");

        SecretFileException e = refused(entries);

        assertEquals(Origin.of(YAML_FILE), e.origin());
        assertEquals(REASON, e.reason());
    }

    @Test
    void refusesYamlFileWithEncryptedValue() throws Exception {
        assertEquals(REASON, refused(yaml("db:\n  password: " + CIPHERTEXT + "\n")).reason());
    }

    @Test
    void passesOrdinaryEntriesThroughUnchanged() throws Exception {
        List<SecretEntry> entries = env("A=1\nsopsy=2\nSOPS_MAC=3\nB=x" + CIPHERTEXT + "\nC=ENC[AES128,x]\n#D=4\n");

        assertSame(entries, EncryptedFiles.refuse(entries));
        assertEquals(List.of("A", "sopsy", "SOPS_MAC", "B", "C", "D"),
                entries.stream().map(SecretEntry::key).toList());
    }

    @Test
    void passesEmptyListThrough() throws Exception {
        assertEquals(List.of(), EncryptedFiles.refuse(List.of()));
    }

    private static List<SecretEntry> env(String content) throws SecretFileException {
        return EnvFileParser.parse(ENV_FILE, content.getBytes(UTF_8));
    }

    private static List<SecretEntry> yaml(String content) throws SecretFileException {
        return YamlSecretsParser.parse(YAML_FILE, content.getBytes(UTF_8));
    }

    private static SecretFileException refused(List<SecretEntry> entries) {
        return assertThrows(SecretFileException.class, () -> EncryptedFiles.refuse(entries));
    }
}
