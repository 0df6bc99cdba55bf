package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaderElectionConfigTest {

    @Test
    void defaultsAreClientGosDurationsOnTheControllersLease() {
        LeaderElectionConfig config = LeaderElectionConfig.defaults("smc-system", "pod-a_x2z4b");

        assertEquals("secret-manager-controller-leader", config.name());
        assertEquals("smc-system", config.namespace());
        assertEquals("pod-a_x2z4b", config.identity());
        assertEquals(Duration.ofSeconds(15), config.leaseDuration());
        assertEquals(Duration.ofSeconds(10), config.renewDeadline());
        assertEquals(Duration.ofSeconds(2), config.retryPeriod());
        assertTrue(config.releaseOnStop());
        assertEquals(15, config.leaseDurationSeconds());
    }

    @ParameterizedTest(name = "lease {0} ms, renew {1} ms, retry {2} ms: valid {3}")
    @CsvSource({
        "15000, 10000, 2000, true",
        " 2000,  1500,  200, true",
        " 1000,   999,    1, true",
        "15000, 15000, 2000, false",
        "10000, 15000, 2000, false",
        "15000, 10000, 10000, false",
        "15000,  2000, 10000, false",
        "15000, 10000,    0, false",
        "15000, 10000, -2000, false",
        " 1500,  1000,  200, false",
        "    0,  -1000, -2000, false",
    })
    void durationsMustRunLeaseOverRenewOverRetryOverZeroInWholeLeaseSeconds(long lease, long renew, long retry,
            boolean valid) {
        LeaderElectionConfig defaults = LeaderElectionConfig.defaults("smc-system", "pod-a_x2z4b");

        if (valid) {
            LeaderElectionConfig config = assertDoesNotThrow(() -> defaults.withDurations(Duration.ofMillis(lease),
                    Duration.ofMillis(renew), Duration.ofMillis(retry)));
            assertEquals(Duration.ofMillis(renew), config.renewDeadline());
        } else {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> defaults.withDurations(Duration.ofMillis(lease), Duration.ofMillis(renew),
                            Duration.ofMillis(retry)));
            assertTrue(error.getMessage().contains("leaseDuration"), error.getMessage());
        }
    }

    @ParameterizedTest(name = "namespace [{0}], name [{1}], identity [{2}]")
    @CsvSource(nullValues = "null", value = {
        "null, leader, pod-a",
        "'  ', leader, pod-a",
        "smc-system, null, pod-a",
        "smc-system, '', pod-a",
        "smc-system, leader, null",
        "smc-system, leader, ' '",
    })
    void aNamespaceNameAndIdentityAreRequired(String namespace, String name, String identity) {
        assertThrows(IllegalArgumentException.class, () -> new LeaderElectionConfig(namespace, name, identity,
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), true));
    }

    @Test
    void withersChangeOneSettingEach() {
        LeaderElectionConfig config = LeaderElectionConfig.defaults("smc-system", "pod-a_x2z4b")
                .withName("other-lease").withReleaseOnStop(false);

        assertEquals("other-lease", config.name());
        assertFalse(config.releaseOnStop());
        assertEquals(Duration.ofSeconds(15), config.leaseDuration());
    }
}
