package io.smc.sops;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Asserts that a message holds no plaintext of the vectors and no key material. */
final class Leaks {
    private Leaks() {
    }

    static List<String> secrets() throws IOException {
        List<String> secrets = new ArrayList<>();
        collect(Vectors.document(), secrets);
        collect(Vectors.dotenv(), secrets);
        secrets.removeIf(s -> s.length() < 6 || s.equals("visible")); // shorter ones ("first") occur in key names
        for (String line : Files.readAllLines(Vectors.AGE_KEY)) {
            if (line.startsWith("AGE-SECRET-KEY-")) {
                secrets.add(line);
                secrets.add(line.substring(20, 40));
            }
        }
        secrets.add("AGE-SECRET-KEY");
        secrets.add("PRIVATE KEY BLOCK");
        secrets.add("t00m4nys3cr3tz");
        secrets.add("Welcome to SOPS");
        return secrets;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isContainerNode()) {
            node.elements().forEachRemaining(n -> collect(n, out));
        } else if (node.isTextual()) {
            out.add(node.asText());
            for (String line : node.asText().split("\n")) {
                out.add(line.strip());
            }
        }
    }

    static void assertClean(String message) throws IOException {
        String text = String.valueOf(message);
        for (String secret : secrets()) {
            if (secret.length() >= 6) {
                assertFalse(text.contains(secret), "a message holds a plaintext value or key material (secret #" + secrets().indexOf(secret) + ")");
            }
        }
    }
}
