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
        byte[] original = Vectors.read(kind, file);
        SopsFileDecryptor decryptor = new SopsFileDecryptor(SopsKeys.fromFiles(List.of(Vectors.AGE_KEY,
                Vectors.PGP_KEY)));
        Random random = new Random(path.hashCode());
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] copy = original.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                decryptor.decrypt(copy, Vectors.format(file), path);
            } catch (SopsException e) {
                Leaks.assertClean(e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                fail("iteration " + i + " threw " + e.getClass().getName());
            }
        }
    }
}
