package io.smc.sops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shared SOPS fixtures from the sops project, outside this repository; tests skip where they are absent. */
final class Fixtures {
    static final Path DIR = Path.of("../shared/fixtures/sops");

    private Fixtures() {
    }

    static Path require(String relative) {
        Path file = DIR.resolve(relative);
        assumeTrue(Files.isRegularFile(file), "shared SOPS fixtures are not present");
        return file;
    }

    static byte[] read(String relative) throws IOException {
        return Files.readAllBytes(require(relative));
    }

    static SopsKeys pgpKeys() throws SopsException {
        return SopsKeys.fromFiles(List.of(require("keys/sops_functional_tests_key.asc")));
    }

    static SopsKeys ageKeys() throws SopsException {
        return SopsKeys.fromFiles(List.of(require("keys/age-keys.txt")));
    }
}
