package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar as the README starts it: {@code java <options> -jar target/secret-manager-controller.jar}. */
class PackagedJarIT {
    private static final Path EXAMPLES = Path.of(System.getProperty("smc.examples", "examples")).toAbsolutePath();

    @TempDir
    Path work;

    private Launched jar(String... args) throws Exception {
        return Launched.run(PackagedJar.command(args), Map.of("PATH", "/usr/bin:/bin"), work);
    }

    @Test
    void jarRunsWithItsLibDirectoryAndPrintsTheVersion() throws Exception {
        Launched version = jar("version");

        assertTrue(Files.isDirectory(PackagedJar.JAR.resolveSibling("lib")));
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.out().startsWith("secret-manager-controller "), version::toString);
    }

    @Test
    void planThenSyncThenPlanOverTheExamplesInTheDefaultStore() throws Exception {
        String[] pipeline = {"--source", EXAMPLES.resolve("gitops-repo").toString(), "--config",
            EXAMPLES.resolve("secretmanagerconfig.yaml").toString()};

        Launched plan = jar(concat("plan", pipeline));
        Launched sync = jar(concat("sync", pipeline));
        Launched again = jar(concat("plan", pipeline));

        assertEquals(2, plan.exitCode(), plan::toString);
        assertEquals(0, sync.exitCode(), sync::toString);
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("0 to create, 0 to add a version, 0 to enable, 0 to disable, 12 unchanged"),
                again::toString);
        assertTrue(Files.isRegularFile(work.resolve(".secret-store/store.json")), "default store in the work dir");
    }

    @Test
    void usageErrorExitsTwoWithoutStackTrace() throws Exception {
        Launched run = jar("plan", "--nope");

        assertEquals(2, run.exitCode(), run::toString);
        assertFalse(run.err().contains("Exception"), run::toString);
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
