package io.smc.secrets.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kustomize output that still holds an encrypted Secret — one no pre-build decryption reached — is decrypted after
 * the build, the safety net Flux has as well.
 */
class SecretDocumentsTest {
    private static byte[] output(String stringData) {
        return ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n---\n"
                + "apiVersion: v1\nkind: Secret\nmetadata: {name: sealed, namespace: apps}\n"
                + "stringData:\n  TOKEN: " + stringData + "\nsops:\n  mac: fake\n  version: 3.9.0\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decryptsSecretsThatAreStillEncryptedAfterTheBuild() throws Exception {
        FakeSops sops = FakeSops.working();

        List<SecretDocument> secrets = SecretDocuments.parse(output(FakeSops.encrypt("opened-token")), "overlay", sops);

        assertEquals(1, secrets.size());
        assertEquals("sealed", secrets.get(0).name());
        assertEquals("TOKEN", secrets.get(0).values().keySet().iterator().next());
        assertEquals(List.of("overlay Secret apps/sealed"), sops.decrypted);
    }

    @Test
    void anUndecryptableSecretFailsTheWholeOutput() {
        KustomizeException e = assertThrows(KustomizeException.class,
                () -> SecretDocuments.parse(output(FakeSops.encrypt("never-shown")), "overlay", FakeSops.failing()));

        assertEquals("overlay Secret apps/sealed: no key matches the recipients age1fakerecipient", e.getMessage());
    }
}
