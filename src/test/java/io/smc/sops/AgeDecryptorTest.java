package io.smc.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeDecryptorTest {
    @TempDir
    static Path dir;
    static AgeIdentity identity;
    static AgeIdentity other;
    static String recipient;

    @BeforeAll
    static void keys() throws Exception {
        Cli.assumeInstalled("age");
        Cli.assumeInstalled("age-keygen");
        Path keyFile = dir.resolve("key.txt");
        Cli.run(List.of("age-keygen", "-o", keyFile.toString()), new byte[0]);
        identity = identityIn(keyFile);
        recipient = new String(Cli.run(List.of("age-keygen", "-y", keyFile.toString()), new byte[0]),
                StandardCharsets.US_ASCII).strip();
        Path otherFile = dir.resolve("other.txt");
        Cli.run(List.of("age-keygen", "-o", otherFile.toString()), new byte[0]);
        other = identityIn(otherFile);
    }

    private static AgeIdentity identityIn(Path file) throws Exception {
        for (String line : Files.readAllLines(file)) {
            if (AgeIdentity.looksLikeIdentity(line)) {
                return AgeIdentity.parse(line);
            }
        }
        throw new AssertionError("no identity in " + file);
    }

    private static byte[] encrypt(byte[] plain, boolean armor, String... recipients) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("age"));
        if (armor) {
            cmd.add("-a");
        }
        for (String r : recipients) {
            cmd.add("-r");
            cmd.add(r);
        }
        return Cli.run(cmd, plain);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void opensAnArmoredFileMadeByTheAgeCli() throws Exception {
        byte[] key = random(32, 1);
        assertArrayEquals(key, AgeDecryptor.decrypt(encrypt(key, true, recipient), List.of(identity)));
    }

    @Test
    void opensABinaryFileOfSeveralChunksMadeByTheAgeCli() throws Exception {
        for (int size : new int[] {0, 1, 65536, 65537, 3 * 65536 + 5}) {
            byte[] plain = random(size, size);
            assertArrayEquals(plain, AgeDecryptor.decrypt(encrypt(plain, false, recipient), List.of(identity)),
                    "size " + size);
        }
    }

    @Test
    void findsItsStanzaAmongOtherRecipients() throws Exception {
        String otherRecipient = "age1tmaae3ld5vpevmsh5yacsauzx8jetg300mpvc4ugp5zr5l6ssq9sla97ep";
        byte[] key = random(32, 2);
        assertArrayEquals(key, AgeDecryptor.decrypt(encrypt(key, true, otherRecipient, recipient),
                List.of(other, identity)));
    }

    @Test
    void returnsNothingWhenNoIdentityMatches() throws Exception {
        assertNull(AgeDecryptor.decrypt(encrypt(random(32, 3), true, recipient), List.of(other)));
    }

    @Test
    void refusesAChangedPayload() throws Exception {
        byte[] file = encrypt(random(32, 4), false, recipient);
        file[file.length - 1] ^= 1;
        SopsException e = assertThrows(SopsException.class, () -> AgeDecryptor.decrypt(file, List.of(identity)));
        assertEquals(SopsException.Kind.INTEGRITY, e.kind());
    }

    @Test
    void refusesAChangedHeader() throws Exception {
        byte[] file = encrypt(random(32, 5), false, recipient);
        String text = new String(file, StandardCharsets.ISO_8859_1);
        int mac = text.indexOf("\n--- ") + 5;
        file[mac] = (byte) (file[mac] == 'A' ? 'B' : 'A');
        SopsException e = assertThrows(SopsException.class, () -> AgeDecryptor.decrypt(file, List.of(identity)));
        assertEquals(SopsException.Kind.INTEGRITY, e.kind());
    }
}
