package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected outputs kept as files under {@code src/test/resources/cli/}. {@code -Dgolden.update=true} rewrites them
 * from the actual output, to be reviewed in the diff like any change.
 */
final class Golden {
    private static final Path DIR = Path.of("src/test/resources/cli");

    private Golden() {
    }

    static void assertMatches(String file, String actual) {
        Path path = DIR.resolve(file);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(DIR);
                Files.writeString(path, actual);
                return;
            }
            assertEquals(Files.readString(path), actual, "differs from " + path
                    + " (-Dgolden.update=true rewrites it)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
