package io.smc.sops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes the committed vectors with the real age and gpg tools. Runs only on request:
 * {@code mvn test -Dtest=VectorWriterTest -Dsops.vectors.write=true}.
 */
class VectorWriterTest {
    @Test
    void writesFreshVectorsWithTheRealTools() throws Exception {
        assumeTrue(Boolean.getBoolean("sops.vectors.write"), "writes vectors only on request");
        Cli.assumeInstalled("age");
        Cli.assumeInstalled("gpg");
        String recipient = new String(Cli.run(List.of("age-keygen", "-y", Vectors.AGE_KEY.toString()),
                new byte[0]), StandardCharsets.US_ASCII).strip();
        Path home = Files.createTempDirectory("gnupg");
        Map<String, String> env = Map.of("GNUPGHOME", home.toString());
        Cli.run(List.of("gpg", "--batch", "--import", Vectors.PGP_KEY.toString()), new byte[0], env);
        for (String kind : Vectors.KINDS) {
            Files.createDirectories(Vectors.DIR.resolve(kind));
            for (String file : Vectors.FILES) {
                byte[] dataKey = new byte[32];
                new SecureRandom().nextBytes(dataKey);
                List<String[]> age = List.of();
                List<String[]> pgp = List.of();
                if (kind.equals("age")) {
                    String enc = new String(Cli.run(List.of("age", "-a", "-r", recipient), dataKey),
                            StandardCharsets.US_ASCII);
                    age = List.<String[]>of(new String[] {recipient, enc});
                } else {
                    String enc = new String(Cli.run(List.of("gpg", "--batch", "--trust-model", "always", "--armor",
                            "--encrypt", "-r", Vectors.PGP_FINGERPRINT), dataKey, env), StandardCharsets.US_ASCII);
                    pgp = List.<String[]>of(new String[] {Vectors.PGP_FINGERPRINT, enc});
                }
                SopsTestEncryptor encryptor = new SopsTestEncryptor(dataKey);
                SopsFormat format = Vectors.format(file);
                ObjectNode plain = switch (format) {
                    case DOTENV -> Vectors.dotenv();
                    case BINARY -> Vectors.binaryDocument();
                    default -> Vectors.document();
                };
                ObjectNode encrypted = encryptor.encrypt(plain, Vectors.LAST_MODIFIED, age, pgp);
                byte[] bytes = switch (format) {
                    case YAML -> SopsTestEncryptor.yaml(encrypted);
                    case DOTENV -> SopsTestEncryptor.dotenv(encrypted);
                    default -> SopsTestEncryptor.json(encrypted);
                };
                Files.write(Vectors.DIR.resolve(kind).resolve(file), bytes);
            }
        }
    }
}
