package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.api.GcpAuth;
import io.smc.api.KeyReference;
import io.smc.provider.StoreException;
import io.smc.provider.gcp.auth.GcpIdentity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigIdentityTest {
    private static final byte[] KEY = "{\"type\":\"service_account\",\"private_key\":\"pem-that-must-not-leak\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String EMAIL = "publisher@team-project.iam.gserviceaccount.com";
    private final List<String> reads = new ArrayList<>();

    private Optional<byte[]> secrets(String namespace, String name, String key) {
        reads.add(namespace + "/" + name + "/" + key);
        return name.equals("gcp-key") && key.equals("key.json") ? Optional.of(KEY) : Optional.empty();
    }

    @Test
    void workloadIdentityIsTheDefault() throws Exception {
        assertEquals(GcpIdentity.applicationDefault(), ConfigIdentity.resolve(null, "team-a", this::secrets));
        assertEquals(GcpIdentity.applicationDefault(), ConfigIdentity.resolve(
                new GcpAuth(GcpAuth.AuthType.WorkloadIdentity, null, null), "team-a", this::secrets));
        assertEquals(List.of(), reads, "no Secret is read for Workload Identity");
    }

    @Test
    void jsonCredentialsReadTheKeyFromASecretInTheConfigsNamespace() throws Exception {
        GcpIdentity identity = ConfigIdentity.resolve(new GcpAuth(GcpAuth.AuthType.JsonCredentials, null,
                new KeyReference("gcp-key", "key.json")), "team-a", this::secrets);

        assertEquals(GcpIdentity.serviceAccountKey(KEY, "anywhere"), identity, "the same key is the same identity");
        assertEquals(List.of("team-a/gcp-key/key.json"), reads);
        assertTrue(identity.toString().contains("Secret team-a/gcp-key key 'key.json'"), identity.toString());
        assertFalse(identity.toString().contains("must-not-leak"));
    }

    @Test
    void aMissingKeyIsAClearRefusal() {
        StoreException e = assertThrows(StoreException.class, () -> ConfigIdentity.resolve(
                new GcpAuth(GcpAuth.AuthType.JsonCredentials, null, new KeyReference("gcp-key", "other.json")),
                "team-a", this::secrets));

        assertFalse(e.retryable());
        assertEquals("Secret team-a/gcp-key key 'other.json' does not exist; it should hold a service account key "
                + "(JSON)", e.getMessage());
    }

    @Test
    void serviceAccountEmailImpersonatesOnTopOfEitherIdentity() throws Exception {
        assertEquals(GcpIdentity.applicationDefault().impersonating(EMAIL), ConfigIdentity.resolve(
                new GcpAuth(GcpAuth.AuthType.WorkloadIdentity, EMAIL, null), "team-a", this::secrets));
        assertEquals(GcpIdentity.serviceAccountKey(KEY, "x").impersonating(EMAIL), ConfigIdentity.resolve(
                new GcpAuth(GcpAuth.AuthType.JsonCredentials, EMAIL, new KeyReference("gcp-key", "key.json")),
                "team-a", this::secrets));
        StoreException e = assertThrows(StoreException.class, () -> ConfigIdentity.resolve(
                new GcpAuth(GcpAuth.AuthType.WorkloadIdentity, "someone@gmail.com", null), "team-a", this::secrets));
        assertTrue(e.getMessage().startsWith("auth.serviceAccountEmail: "), e.getMessage());
    }
}
