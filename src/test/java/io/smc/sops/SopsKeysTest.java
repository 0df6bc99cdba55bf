package io.smc.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SopsKeysTest {
    private static byte[] ageKey() throws Exception {
        return Files.readAllBytes(Vectors.AGE_KEY);
    }

    private static byte[] pgpKey() throws Exception {
        return Files.readAllBytes(Vectors.PGP_KEY);
    }

    private static void decryptsBothVectors(SopsKeys keys) throws Exception {
        SopsFileDecryptor d = new SopsFileDecryptor(keys);
        assertArrayEquals(Vectors.binary(), d.decrypt(Vectors.read("age", "secrets.bin"), SopsFormat.BINARY, "a"));
        assertArrayEquals(Vectors.binary(), d.decrypt(Vectors.read("pgp", "secrets.bin"), SopsFormat.BINARY, "p"));
    }

    @Test
    void secretDataFollowsFluxNamesForAgeAndOpenPgp() throws Exception {
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put("identity.agekey", ageKey());
        data.put("team.asc", pgpKey());
        data.put("README", "ignored".getBytes(StandardCharsets.UTF_8));
        decryptsBothVectors(SopsKeys.fromSecretData(data));
    }

    @Test
    void secretDataSniffsTheSeedSystemsEntryNames() throws Exception {
        decryptsBothVectors(SopsKeys.fromSecretData(Map.of("private-key", ageKey(), "gpg-key", pgpKey())));
        SopsKeys onlyKey = SopsKeys.fromSecretData(Map.of("key", pgpKey()));
        assertArrayEquals(Vectors.binary(), new SopsFileDecryptor(onlyKey)
                .decrypt(Vectors.read("pgp", "secrets.bin"), SopsFormat.BINARY, "p"));
    }

    @Test
    void keyFilesAreSniffedAndAgeCommentsIgnored() throws Exception {
        decryptsBothVectors(SopsKeys.fromFiles(List.of(Vectors.AGE_KEY, Vectors.PGP_KEY)));
        assertTrue(new String(ageKey(), StandardCharsets.UTF_8).startsWith("#"), "the key file has comments");
    }

    @Test
    void aPassphraseProtectedOpenPgpKeyIsRefusedNamingItsFingerprint() throws Exception {
        SopsException e = assertThrows(SopsException.class,
                () -> SopsKeys.fromFiles(List.of(Vectors.PROTECTED_PGP_KEY)));
        assertEquals(SopsException.Kind.BAD_KEY, e.kind());
        assertTrue(e.getMessage().contains("6EBF65CF030E4A87E93EBBEE0D5AF0810DEF7249"), e.getMessage());
        assertTrue(e.getMessage().contains("passphrase"), e.getMessage());
        Leaks.assertClean(e.getMessage());
    }

    @Test
    void aBrokenAgeIdentityIsABadKeyAndTheMessageDoesNotRepeatIt() throws Exception {
        String line = new String(ageKey(), StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("AGE-SECRET-KEY-")).findFirst().orElseThrow();
        String broken = line.substring(0, line.length() - 3) + (line.endsWith("Q") ? "PPP" : "QQQ");
        SopsException e = assertThrows(SopsException.class,
                () -> SopsKeys.fromSecretData(Map.of("x.agekey", broken.getBytes(StandardCharsets.UTF_8))));
        assertEquals(SopsException.Kind.BAD_KEY, e.kind());
        assertFalse(e.getMessage().contains(broken.substring(16, 40)), e.getMessage());
    }

    @Test
    void aKeyFileWithNoKeyIsABadKey() {
        SopsException e = assertThrows(SopsException.class, () -> SopsKeys.fromSecretData(
                Map.of("x.asc", "not armored".getBytes(StandardCharsets.UTF_8))));
        assertEquals(SopsException.Kind.BAD_KEY, e.kind());
    }

    @Test
    void toStringShowsCountsNeverKeys() throws Exception {
        SopsKeys keys = SopsKeys.fromFiles(List.of(Vectors.AGE_KEY, Vectors.PGP_KEY));
        assertEquals("SopsKeys[age identities=1, OpenPGP keys=1]", keys.toString());
        Leaks.assertClean(keys.toString());
        Leaks.assertClean(new SopsFileDecryptor(keys).toString());
    }

    @Test
    void theFixtureKeysImportSkippingThePublicOnlyKey() throws Exception {
        assertEquals("SopsKeys[age identities=0, OpenPGP keys=2]", Fixtures.pgpKeys().toString());
        assertEquals("SopsKeys[age identities=2, OpenPGP keys=0]", Fixtures.ageKeys().toString());
    }
}
