package io.smc.provider.gcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GcpIdentityTest {
    private static final TestServiceAccount ACCOUNT = TestServiceAccount.named("publisher");
    private static final byte[] KEY = ACCOUNT.keyFile("https://oauth2.googleapis.com/token");
    private static final String TARGET = "secret-writer@team-a-project.iam.gserviceaccount.com";

    @Test
    void keysAreTheSameIdentityByTheirBytesWhereverTheyCameFrom() {
        GcpIdentity fromA = GcpIdentity.serviceAccountKey(KEY, "Secret team-a/gcp-key key 'key.json'");
        GcpIdentity fromB = GcpIdentity.serviceAccountKey(KEY.clone(), "Secret team-b/copy key 'sa.json'");
        GcpIdentity other = GcpIdentity.serviceAccountKey(TestServiceAccount.named("publisher").keyFile(
                "https://oauth2.googleapis.com/token"), "Secret team-a/gcp-key key 'key.json'");

        assertEquals(fromA, fromB);
        assertEquals(fromA.hashCode(), fromB.hashCode());
        assertNotEquals(fromA, other);
        assertNotEquals(fromA, GcpIdentity.applicationDefault());
    }

    @Test
    void impersonationIsPartOfTheIdentity() {
        GcpIdentity adc = GcpIdentity.applicationDefault();

        assertEquals(adc, GcpIdentity.applicationDefault());
        assertEquals(adc.impersonating(TARGET), GcpIdentity.applicationDefault().impersonating(TARGET));
        assertEquals(adc.impersonating(TARGET).hashCode(), adc.impersonating(TARGET).hashCode());
        assertNotEquals(adc, adc.impersonating(TARGET));
        assertNotEquals(adc.impersonating(TARGET),
                adc.impersonating("other@team-a-project.iam.gserviceaccount.com"));
        assertEquals(adc, adc.impersonating(TARGET).withoutImpersonation());
        assertEquals(Optional.of(TARGET), adc.impersonating(TARGET).impersonatedServiceAccount());
        assertEquals(Optional.empty(), adc.impersonatedServiceAccount());
    }

    @Test
    void theKeyIsCopiedSoLaterChangesToTheCallersArrayDoNotChangeTheIdentity() {
        byte[] bytes = KEY.clone();
        GcpIdentity identity = GcpIdentity.serviceAccountKey(bytes, "Secret team-a/gcp-key key 'key.json'");
        bytes[10] ^= 1;

        assertEquals(GcpIdentity.serviceAccountKey(KEY, "anywhere"), identity);
        assertNotEquals(GcpIdentity.serviceAccountKey(bytes, "anywhere"), identity);
    }

    @Test
    void toStringNamesTheSourceTheHashAndTheSize() throws Exception {
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KEY));
        GcpIdentity key = GcpIdentity.serviceAccountKey(KEY, "Secret team-a/gcp-key key 'key.json'");

        assertEquals("Application Default Credentials", GcpIdentity.applicationDefault().toString());
        assertEquals("Application Default Credentials impersonating " + TARGET,
                GcpIdentity.applicationDefault().impersonating(TARGET).toString());
        assertEquals("service account key from Secret team-a/gcp-key key 'key.json' (sha256:"
                + sha256.substring(0, 12) + ", " + KEY.length + " bytes)", key.toString());
        assertEquals(key + " impersonating " + TARGET, key.impersonating(TARGET).toString());
    }

    @Test
    void toStringAndHashCodeGiveNoKeyMaterialAway() {
        GcpIdentity key = GcpIdentity.serviceAccountKey(KEY, "Secret team-a/gcp-key key 'key.json'")
                .impersonating(TARGET);
        List<String> secrets = new ArrayList<>(ACCOUNT.secrets());
        secrets.add(new String(KEY, StandardCharsets.UTF_8));

        LeakCheck.assertClean("toString", key.toString(), secrets);
        assertTrue(key.toString().length() < 200, key.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "secret-writer@team-a-project.iam.gserviceaccount.com",
        "sa@my-project.example.com.iam.gserviceaccount.com",
        "123456789012-compute@developer.gserviceaccount.com",
        "team-a-project@appspot.gserviceaccount.com"})
    void acceptsServiceAccountEmails(String email) {
        assertEquals(Optional.of(email), GcpIdentity.applicationDefault().impersonating(email)
                .impersonatedServiceAccount());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "someone@example.com",
        "Secret-Writer@team-a-project.iam.gserviceaccount.com",
        "secret-writer@team-a-project.iam.gserviceaccount.com.evil.example",
        "secret-writer",
        "@team-a-project.iam.gserviceaccount.com",
        "secret writer@team-a-project.iam.gserviceaccount.com",
        "secret-writer@iam.gserviceaccount.com",
        ""})
    void refusesWhatIsNotAServiceAccountEmail(String email) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GcpIdentity.applicationDefault().impersonating(email));
        assertEquals("not a service account email: '" + email
                + "' (expected NAME@PROJECT.iam.gserviceaccount.com, in lower case)", e.getMessage());
    }

    @Test
    void aKeyNeedsToSayWhereItCameFrom() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GcpIdentity.serviceAccountKey(KEY, " "));
        assertEquals("a service account key needs a description of where it came from", e.getMessage());
    }
}
