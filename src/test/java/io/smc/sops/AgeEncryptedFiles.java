package io.smc.sops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/**
 * SOPS files for tests outside this package (the end-to-end suite): values encrypted as sops does, the data key
 * wrapped for an age recipient by the real {@code age} tool.
 */
public final class AgeEncryptedFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AgeEncryptedFiles() {
    }

    /** A SOPS dotenv file of {@code values}, in order, that the identity of {@code recipient} opens. */
    public static byte[] dotenv(Map<String, String> values, String recipient) throws Exception {
        Cli.assumeInstalled("age");
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        String wrapped = new String(Cli.run(List.of("age", "-a", "-r", recipient), dataKey),
                StandardCharsets.US_ASCII);
        ObjectNode plain = JsonNodeFactory.instance.objectNode();
        values.forEach(plain::put);
        ObjectNode encrypted = new SopsTestEncryptor(dataKey).encrypt(plain, "2026-12-07T09:00:00Z",
                List.<String[]>of(new String[] {recipient, wrapped}), List.of());
        return SopsTestEncryptor.dotenv(encrypted);
    }

    /** A new age identity made by {@code age-keygen}: the file's text, holding the private key. */
    public static String newIdentity() throws Exception {
        Cli.assumeInstalled("age-keygen");
        return new String(Cli.run(List.of("age-keygen"), new byte[0]), StandardCharsets.US_ASCII);
    }
}
