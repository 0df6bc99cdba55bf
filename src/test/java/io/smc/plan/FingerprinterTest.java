package io.smc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.secrets.SecretValue;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FingerprinterTest {
    private static final String STORE = "local:/srv/store";
    private static final SecretValue VALUE = SecretValue.ofUtf8("hunter2");

    private static String fingerprint(String storeId, String name, SecretValue value) {
        return new Fingerprinter(storeId).fingerprint(name, value);
    }

    @Test
    void isTwelveLowercaseHexCharacters() {
        for (SecretValue value : List.of(VALUE, SecretValue.ofUtf8(""), SecretValue.of(new byte[] {0, -1}))) {
            String fingerprint = fingerprint(STORE, "db-password", value);
            assertTrue(fingerprint.matches("[0-9a-f]{12}"), fingerprint);
        }
    }

    @Test
    void isTheSameForTheSameStoreNameAndValue() {
        assertEquals(fingerprint(STORE, "db-password", VALUE),
                fingerprint(STORE, "db-password", SecretValue.ofUtf8("hunter2")));
        Fingerprinter one = new Fingerprinter(STORE);
        assertEquals(one.fingerprint("db-password", VALUE), one.fingerprint("db-password", VALUE));
    }

    @Test
    void staysStableAcrossReleases() {
        assertEquals("948efef9d9fe", fingerprint(STORE, "db-password", VALUE));
    }

    @Test
    void differsWhenTheStoreDiffers() {
        assertNotEquals(fingerprint(STORE, "db-password", VALUE),
                fingerprint("gcp:projects/prod", "db-password", VALUE));
    }

    @Test
    void differsWhenTheNameDiffers() {
        assertNotEquals(fingerprint(STORE, "db-password", VALUE), fingerprint(STORE, "api-key", VALUE));
    }

    @Test
    void differsWhenTheValueDiffers() {
        assertNotEquals(fingerprint(STORE, "db-password", VALUE),
                fingerprint(STORE, "db-password", SecretValue.ofUtf8("hunter3")));
    }

    @Test
    void keepsNameAndValueApart() {
        Set<String> fingerprints = List.of(
                fingerprint(STORE, "ab", SecretValue.ofUtf8("c")),
                fingerprint(STORE, "a", SecretValue.ofUtf8("bc")),
                fingerprint(STORE, "abc", SecretValue.ofUtf8(""))).stream().collect(Collectors.toSet());
        assertEquals(3, fingerprints.size());
    }

    @Test
    void neverEqualsAPrefixOfThePlainSha256OfTheValue() {
        for (String text : List.of("hunter2", "", "a", "v4lue-that-must-not-leak")) {
            SecretValue value = SecretValue.ofUtf8(text);
            String plain = value.sha256();
            for (String name : List.of("db-password", "")) {
                assertNotEquals(plain.substring(0, 12), fingerprint(STORE, name, value));
            }
        }
    }
}
