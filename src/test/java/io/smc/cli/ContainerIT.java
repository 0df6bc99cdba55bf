package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's images built and run by a real container engine: {@code scripts/container-test.sh} (the release
 * image read-only as user 65532, {@code run} until ready and stopped gracefully, the Tilt image live-updated by a
 * synced jar and SIGHUP, the Secret Manager fake). Skipped, saying so, where podman is missing; CI installs it.
 */
class ContainerIT {
    /** The script's exit status for "cannot run here", as automake's test drivers use it. */
    private static final int SKIPPED = 77;

    @Test
    void imagesBuildRunReadOnlyAndLiveUpdate() throws Exception {
        assumeFalse(Boolean.getBoolean("smc.image.skipped"), "built with -DskipImage");
        Path log = Path.of("target/container-test.log");
        ProcessBuilder builder = new ProcessBuilder("bash", "scripts/container-test.sh")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TEST_CLASSPATH", System.getProperty("java.class.path"));
        Process script = builder.start();
        if (!script.waitFor(15, TimeUnit.MINUTES)) {
            script.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        int status = script.isAlive() ? -1 : script.exitValue();
        assumeTrue(status != SKIPPED, () -> String.join("\n", lines));
        // The figures (image sizes) belong in the build's output, like the benchmarks'.
        lines.forEach(System.out::println);
        assertEquals(0, status, () -> "scripts/container-test.sh failed; its output is above and in " + log);
    }
}
