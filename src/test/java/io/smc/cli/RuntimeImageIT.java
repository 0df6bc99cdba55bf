package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;


import io.smc.provider.gcp.fake.FakeSecretManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jlink image's launcher, started with a PATH that holds no Java at all: it must bring its own runtime.
 */
class RuntimeImageIT {
    private static final Path IMAGE = Path.of(System.getProperty("smc.image", "target/image")).toAbsolutePath();
    private static final Path LAUNCHER = IMAGE.resolve("bin/secret-manager-controller");
    private static final Path EXAMPLES = Path.of(System.getProperty("smc.examples", "examples")).toAbsolutePath();

    @TempDir
    Path work;

    @BeforeAll
    static void imageWasBuilt() {
        assumeFalse(Boolean.getBoolean("smc.image.skipped"), "built with -DskipImage");
    }

    /** A PATH with only `dirname`, the one tool the launcher script looks up, so no `java` can be found there. */
    private Path toolsWithoutJava() throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path dirname = bin.resolve("dirname");
        String real = Files.exists(Path.of("/usr/bin/dirname")) ? "/usr/bin/dirname" : "/bin/dirname";
        Files.writeString(dirname, "#!/bin/sh\nexec " + real + " \"$@\"\n");
        dirname.toFile().setExecutable(true);
        return bin;
    }

    private Launched image(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(Arrays.asList(args));
        return Launched.run(command, Map.of("PATH", toolsWithoutJava().toString()), work);
    }

    @Test
    void launcherStartsOnTheImagesOwnRuntime() throws Exception {
        Launched version = image("version");

        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.out().startsWith("secret-manager-controller "), version::toString);
        assertEquals("", version.err(), "no warnings from the JVM or its CDS archive");
    }

    @Test
    void imageHoldsATrimmedRuntimeWithoutCompilerOrDesktop() throws Exception {
        String release = Files.readString(IMAGE.resolve("release"));

        assertTrue(release.contains("java.base"), release);
        assertTrue(release.contains("jdk.crypto.ec"), release);
        assertFalse(release.contains("jdk.compiler"), release);
        assertFalse(release.contains("java.desktop"), release);
        assertTrue(Files.isRegularFile(IMAGE.resolve("lib/app.jsa")), "AppCDS archive from the training run");
    }

    @Test
    void imageRunsThePipeline() throws Exception {
        Launched sync = image("sync", "--source", EXAMPLES.resolve("gitops-repo").toString(), "--config",
                EXAMPLES.resolve("secretmanagerconfig.yaml").toString(), "--output", "json");

        assertEquals(0, sync.exitCode(), sync::toString);
        assertTrue(sync.out().contains("\"create\" : 11"), sync::toString);
        assertEquals("", sync.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void imagePublishesToSecretManagerOverEitherTransport(String transport) throws Exception {
        try (FakeSecretManager fake = FakeSecretManager.start("image-" + transport)) {
            String address = transport.equals("rest") ? fake.restAddress() : fake.target();
            List<String> command = List.of(LAUNCHER.toString(), "sync", "--source",
                    EXAMPLES.resolve("gitops-repo").toString(), "--config",
                    EXAMPLES.resolve("secretmanagerconfig.yaml").toString(), "--store", "gcp:image-" + transport);
            Launched sync = Launched.run(command, Map.of("PATH", toolsWithoutJava().toString(),
                    "SECRET_MANAGER_EMULATOR_HOST", address, "SMC_GCP_TRANSPORT", transport), work);

            assertEquals(0, sync.exitCode(), sync::toString);
            assertTrue(sync.out().contains("applied: 11 create"), sync::toString);
            assertEquals(11, fake.calls("AddSecretVersion"), sync::toString);
        }
    }
}
