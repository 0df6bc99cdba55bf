package io.smc.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Recognises SOPS-encrypted secrets files so that their ciphertext is never published as if it were the value.
 * SOPS marks its files with a {@code sops} mapping (YAML) or {@code sops_*} keys (dotenv), and encrypted values
 * read {@code ENC[AES256_GCM,...]}.
 */
final class EncryptedFiles {
    private static final byte[] ENCRYPTED_VALUE = "ENC[AES256_GCM,".getBytes(StandardCharsets.US_ASCII);

    private EncryptedFiles() {
    }

    static List<SecretEntry> refuse(List<SecretEntry> entries) throws SecretFileException {
        for (SecretEntry entry : entries) {
            if (isSopsMetadata(entry.key()) || startsWithMarker(entry.value().bytes())) {
                throw new SecretFileException(Origin.of(entry.origin().file()),
                        "is SOPS-encrypted and was not decrypted (no decryption keys were given, or its SOPS "
                                + "metadata is unreadable); its ciphertext is not published");
            }
        }
        return entries;
    }

    private static boolean isSopsMetadata(String key) {
        return key.equals("sops") || key.startsWith("sops.") || key.startsWith("sops_");
    }

    private static boolean startsWithMarker(byte[] value) {
        int n = ENCRYPTED_VALUE.length;
        return value.length >= n && Arrays.equals(value, 0, n, ENCRYPTED_VALUE, 0, n);
    }
}
