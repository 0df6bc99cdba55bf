package io.smc.provider;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretSelectionTest {
    private static StoredSecret secret(String name, Map<String, String> labels) {
        return new StoredSecret(name, labels, Map.of(), "etag", null);
    }

    @Test
    void selectsByExactNameOrByTheLabel() {
        SecretSelection selection = SecretSelection.named(Set.of("db")).orLabelled("smc-name", "web");

        assertTrue(selection.selects(secret("db", Map.of())));
        assertFalse(selection.selects(secret("db-2", Map.of())));
        assertTrue(selection.selects(secret("x", Map.of("smc-name", "web"))));
        assertFalse(selection.selects(secret("x", Map.of("smc-name", "web-2"))));
        assertFalse(SecretSelection.named(Set.of("db")).selects(secret("x", Map.of("smc-name", "web"))));
    }

    @Test
    void isEmptyOnlyWithoutNamesAndLabel() {
        assertTrue(SecretSelection.named(Set.of()).isEmpty());
        assertFalse(SecretSelection.named(Set.of("db")).isEmpty());
        assertFalse(SecretSelection.named(Set.of()).orLabelled("k", "v").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new SecretSelection(Set.of(), "k", null));
    }
}
