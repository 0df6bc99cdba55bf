package io.smc.sops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writes the encrypted files of {@code examples/sops/} with the real age tool, for the throw-away key there (made
 * when missing). Values are random, so nothing readable is committed. Runs only on request:
 * {@code mvn test -Dtest=ExampleWriterTest -Dsmc.examples.write=true}.
 */
class ExampleWriterTest {
    static final Path DIR = Path.of("examples/sops");
    static final Path KEY = DIR.resolve("throwaway.agekey");
    static final Path PROFILE = DIR.resolve("gitops-repo/apps/payments/deployment-configuration/profiles/dev");
    static final Path BASE = DIR.resolve("kustomize-repo/base");
    /** What sops writes for Kubernetes manifests: only data and stringData are encrypted. */
    static final String MANIFEST_REGEX = "^(data|stringData)$";
    private static final String KEY_COMMENT = "# THROW-AWAY key for the examples in examples/sops only: it is public."
            + " Never encrypt real secrets for it.";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void writesTheEncryptedExamples() throws Exception {
        assumeTrue(Boolean.getBoolean("smc.examples.write"), "writes the examples only on request");
        Cli.assumeInstalled("age");
        if (!Files.exists(KEY)) {
            byte[] key = Cli.run(List.of("age-keygen"), new byte[0]);
            Files.writeString(KEY, KEY_COMMENT + "\n" + new String(key, StandardCharsets.US_ASCII));
        }
        String recipient = new String(Cli.run(List.of("age-keygen", "-y", KEY.toString()), new byte[0]),
                StandardCharsets.US_ASCII).strip();

        ObjectNode env = NODES.objectNode();
        env.put("DB_PASSWORD", value());
        env.put("API_TOKEN", value());
        Files.createDirectories(PROFILE);
        Files.write(PROFILE.resolve("application.secrets.env"),
                SopsTestEncryptor.dotenv(encryptor(null, recipient, env)));

        ObjectNode yaml = NODES.objectNode();
        ObjectNode stripe = yaml.putObject("stripe");
        stripe.put("api-key", value());
        stripe.put("webhook-secret", value());
        yaml.putObject("smtp").put("password", value());
        Files.write(PROFILE.resolve("application.secrets.yaml"),
                SopsTestEncryptor.yaml(encryptor(null, recipient, yaml)));

        ObjectNode db = NODES.objectNode();
        db.put("DB_USER", value());
        db.put("DB_PASSWORD", value());
        Files.createDirectories(BASE);
        Files.write(BASE.resolve("db.env"), SopsTestEncryptor.dotenv(encryptor(null, recipient, db)));

        // In the order people write manifests: the manifest is decrypted before the build, from this very file.
        ObjectNode secret = NODES.objectNode();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.putObject("metadata").put("name", "api-secret");
        secret.put("type", "Opaque");
        secret.putObject("data").put("token",
                Base64.getEncoder().encodeToString(value().getBytes(StandardCharsets.US_ASCII)));
        secret.putObject("stringData").put("client-secret", value());
        Files.write(BASE.resolve("api-secret.yaml"),
                SopsTestEncryptor.yaml(encryptor(MANIFEST_REGEX, recipient, secret)));
    }

    private static ObjectNode encryptor(String encryptedRegex, String recipient, ObjectNode plain) throws Exception {
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        String enc = new String(Cli.run(List.of("age", "-a", "-r", recipient), dataKey), StandardCharsets.US_ASCII);
        SopsTestEncryptor encryptor = encryptedRegex == null ? new SopsTestEncryptor(dataKey)
                : SopsTestEncryptor.withEncryptedRegex(dataKey, encryptedRegex);
        String lastModified = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return encryptor.encrypt(plain, lastModified, List.<String[]>of(new String[] {recipient, enc}), List.of());
    }

    /** A random value, so the committed examples hold nothing anyone could mistake for a real secret. */
    private static String value() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "throwaway-" + HexFormat.of().formatHex(bytes);
    }
}
