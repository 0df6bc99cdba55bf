package io.smc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.provider.StoredSecret;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipTest {
    private static StoredSecret labelled(Map<String, String> labels) {
        return new StoredSecret("s", labels, Map.of(), "e", null);
    }

    @Test
    void labelsFollowSecretManagersRules() {
        assertEquals("team-a", Ownership.labelValue("team-a"));
        assertEquals("billing_api_v2", Ownership.labelValue("Billing.API.v2"));
        String longName = "a".repeat(80);
        String label = Ownership.labelValue(longName);
        assertEquals(63, label.length());
        assertTrue(label.matches("[a-z0-9_-]{1,63}"), label);
        assertNotEquals(label, Ownership.labelValue("a".repeat(79) + "b"), "two long names never share a label");
    }

    @Test
    void tellsWhoseASecretIs() {
        Ownership owner = Ownership.of("team-a", "billing");

        assertEquals(Ownership.Claim.OURS, owner.claim(labelled(owner.labels())));
        assertEquals(Ownership.Claim.OTHER_CONFIG, owner.claim(labelled(Ownership.of("team-a", "search").labels())));
        assertEquals(Ownership.Claim.OTHER_CONFIG, owner.claim(labelled(Map.of("managed-by",
                "secret-manager-controller", "smc-namespace", "team-a"))), "half an owner is someone else's");
        assertEquals(Ownership.Claim.OURS_UNLABELLED, owner.claim(labelled(Map.of("managed-by",
                "secret-manager-controller", "environment", "dev"))));
        assertEquals(Ownership.Claim.NOT_MANAGED, owner.claim(labelled(Map.of("environment", "dev"))));
        assertEquals(Ownership.Claim.NOT_MANAGED, owner.claim(labelled(Map.of("managed-by", "terraform"))));
        assertEquals("team-a/search", Ownership.ownerNamedBy(labelled(Ownership.of("team-a", "search").labels())));
    }
}
