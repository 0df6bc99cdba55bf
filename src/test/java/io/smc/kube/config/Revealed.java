package io.smc.kube.config;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/** Asserts that no secret text (a token, a key, a line of base64 key data) shows in an exception or its causes. */
final class Revealed {
    private Revealed() {
    }

    static void assertNothingRevealed(Throwable thrown, String... secrets) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String text = t.toString();
            for (String secret : secrets) {
                for (String fragment : fragments(secret)) {
                    if (text.contains(fragment)) {
                        fail("an exception reveals secret text (" + fragment.length() + " characters of it)");
                    }
                }
            }
        }
    }

    /** The secret, and each of its lines long enough to be telling (PEM bodies are checked line by line). */
    private static List<String> fragments(String secret) {
        List<String> fragments = new ArrayList<>();
        fragments.add(secret.strip());
        secret.lines().map(String::strip).filter(line -> line.length() >= 12 && !line.startsWith("-----"))
                .forEach(fragments::add);
        return fragments;
    }
}
