package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuotaSettingsTest {
    @Test
    void theDefaultsAreSecretManagersQuotas() {
        assertEquals(new QuotaSettings(90_000, 600, 600, 2), QuotaSettings.defaults());
    }

    @Test
    void scalingMultipliesEveryLimit() {
        assertEquals(new QuotaSettings(45_000, 300, 300, 1), QuotaSettings.defaults().scaled(0.5));
        assertEquals(new QuotaSettings(180_000, 1_200, 1_200, 4), QuotaSettings.defaults().scaled(2));
    }

    @Test
    void everyLimitMustBeAPositiveNumber() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new QuotaSettings(bad, 1, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> new QuotaSettings(1, bad, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> new QuotaSettings(1, 1, bad, 1));
            assertThrows(IllegalArgumentException.class, () -> new QuotaSettings(1, 1, 1, bad));
            assertThrows(IllegalArgumentException.class, () -> QuotaSettings.defaults().scaled(bad));
        }
    }

    @Test
    void overridesAreParsedAndEveryMistakeNamed() {
        assertEquals(new QuotaSettings(90_000, 1200, 3000, 2), QuotaSettings.parse("write=3000, read=1200"));
        assertEquals(new QuotaSettings(1000, 600, 600, 0.5), QuotaSettings.parse("access=1000,secret-writes=0.5"));
        assertEquals(QuotaSettings.defaults(), QuotaSettings.parse(" "));
        assertEquals("unknown quota 'writes': access, read, write (a minute) or secret-writes (a second)",
                assertThrows(IllegalArgumentException.class,
                        () -> QuotaSettings.parse("writes=1")).getMessage());
        assertEquals("quota 'write' is not NAME=NUMBER", assertThrows(
                IllegalArgumentException.class, () -> QuotaSettings.parse("write")).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> QuotaSettings.parse("write=-5"));
    }
}
