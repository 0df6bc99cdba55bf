package io.smc.sops;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SopsFuzzTest {
    private static final int ITERATIONS = 300;

    @ParameterizedTest
    @ValueSource(strings = {"age/secrets.yaml", "pgp/secrets.json", "age/secrets.env", "pgp/secrets.bin",
            "age/secrets.bin"})
    void flippedBytesOnlyEverFailWithACleanSopsException(String path) throws Exception {
        String kind = path.substring(0, path.indexOf('/'));
        String file = path.substring(path.indexOf('/') + 1);
        flipBytes(path, Vectors.read(kind, file), Vectors.format(file),
                new SopsFileDecryptor(SopsKeys.fromFiles(List.of(Vectors.AGE_KEY, Vectors.PGP_KEY))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"age/example.ini", "pgp/example.ini", "pgp/example.yaml"})
    void flippedBytesInTheFixturesOnlyEverFailWithACleanSopsException(String path) throws Exception {
        byte[] original = Fixtures.read(path);
        SopsKeys keys = path.startsWith("age") ? Fixtures.ageKeys() : Fixtures.pgpKeys();
        flipBytes(path, original, SopsFormat.forFileName(path), new SopsFileDecryptor(keys));
    }

    private static void flipBytes(String path, byte[] original, SopsFormat format, SopsFileDecryptor decryptor)
            throws Exception {
        String file = path;
        Random random = new Random(path.hashCode());
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] copy = original.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                decryptor.decrypt(copy, format, file);
            } catch (SopsException e) {
                Leaks.assertClean(e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                fail("iteration " + i + " threw " + e.getClass().getName());
            }
        }
    }
}
