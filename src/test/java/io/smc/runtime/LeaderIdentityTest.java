package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaderIdentityTest {

    private static Map<String, String> environment(String podName, String hostname) {
        Map<String, String> environment = new HashMap<>();
        if (podName != null) {
            environment.put("POD_NAME", podName);
        }
        if (hostname != null) {
            environment.put("HOSTNAME", hostname);
        }
        return environment;
    }

    @ParameterizedTest(name = "POD_NAME [{0}], HOSTNAME [{1}]: {2}")
    @CsvSource(nullValues = "null", value = {
        "smc-7d9f-abcde, node-host, smc-7d9f-abcde",
        "null, smc-7d9f-abcde, smc-7d9f-abcde",
        "'  ', smc-7d9f-abcde, smc-7d9f-abcde",
        "null, null, secret-manager-controller",
        "'', '', secret-manager-controller",
    })
    void prefersThePodNameThenTheHostnameThenAFixedName(String podName, String hostname, String base) {
        String identity = LeaderIdentity.fromEnvironment(environment(podName, hostname), new Random(1));

        assertTrue(identity.startsWith(base + "_"), identity);
        String suffix = identity.substring(base.length() + 1);
        assertEquals(LeaderIdentity.SUFFIX_LENGTH, suffix.length(), identity);
        assertTrue(suffix.chars().allMatch(c -> LeaderIdentity.SUFFIX_ALPHABET.indexOf(c) >= 0), identity);
    }

    @Test
    void theSuffixComesFromTheRandomSourceSoRestartsInOnePodDiffer() {
        Map<String, String> environment = environment("smc-7d9f-abcde", null);

        assertEquals(LeaderIdentity.fromEnvironment(environment, new Random(7)),
                LeaderIdentity.fromEnvironment(environment, new Random(7)));
        assertNotEquals(LeaderIdentity.fromEnvironment(environment), LeaderIdentity.fromEnvironment(environment));
    }
}
