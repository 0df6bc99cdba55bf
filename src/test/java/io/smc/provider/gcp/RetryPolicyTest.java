package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void theDefaultsAreSixAttemptsFromAQuarterSecondDoublingToSixteenSeconds() {
        assertEquals(new RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(16), 2.0), RetryPolicy.defaults());
    }

    @Test
    void theCeilingGrowsByTheMultiplierUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(10, SECOND, Duration.ofSeconds(20), 3);

        assertEquals(SECOND, policy.backoffCeiling(1));
        assertEquals(Duration.ofSeconds(3), policy.backoffCeiling(2));
        assertEquals(Duration.ofSeconds(9), policy.backoffCeiling(3));
        assertEquals(Duration.ofSeconds(20), policy.backoffCeiling(4));
        assertEquals(Duration.ofSeconds(20), policy.backoffCeiling(Integer.MAX_VALUE));
    }

    @Test
    void refusesPoliciesThatCannotWork() {
        Duration max = Duration.ofSeconds(16);
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, SECOND, max, 2));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, Duration.ZERO, max, 2));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, SECOND.negated(), max, 2));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, max, SECOND, 2));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, SECOND, max, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, SECOND, max, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(3, SECOND, max, Double.POSITIVE_INFINITY));
        assertThrows(NullPointerException.class, () -> new RetryPolicy(3, null, max, 2));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().backoffCeiling(0));
    }
}
