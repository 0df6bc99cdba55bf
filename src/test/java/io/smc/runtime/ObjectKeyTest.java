package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeyTest {
    @Test
    void splitsANamespacedKeyAtItsSlash() {
        assertEquals(new ObjectKey("team-a", "payments"), ObjectKey.parse("team-a/payments"));
    }

    @Test
    void aKeyWithoutASlashIsClusterScoped() {
        assertEquals(new ObjectKey("", "payments"), ObjectKey.parse("payments"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "team-a/", "a/b/c", "/"})
    void refusesKeysThatNameNoSingleObject(String key) {
        assertThrows(IllegalArgumentException.class, () -> ObjectKey.parse(key));
    }
}
