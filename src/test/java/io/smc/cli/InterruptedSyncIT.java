package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.provider.StoredSecret;
import io.smc.provider.StoredVersion;
import io.smc.provider.local.LocalSecretStore;
import io.smc.secrets.SecretValue;
import io.smc.testing.GitOpsRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code sync} killed with SIGKILL in the middle of writing leaves a store that opens, whose every listed version
 * holds exactly the bytes its metadata describes, and that the next {@code sync} completes.
 */
class InterruptedSyncIT {
    private static final Path JAR = Path.of(System.getProperty("smc.jar", "target/secret-manager-controller.jar"));
    private static final int SERVICES = 300;

    @TempDir
    Path work;

    @Test
    void killedSyncLeavesAConsistentStoreThatTheNextSyncCompletes() throws Exception {
        GitOpsRepo repo = GitOpsRepo.at(work.resolve("repo"));
        for (int s = 0; s < SERVICES; s++) {
            repo.env("svc" + s, "dev", "A=first-" + s + "\nB=second-" + s + "\n");
        }
        Path store = work.resolve("store");

        Process sync = start("sync", repo.root(), store);
        waitForSomeSecrets(store, sync);
        sync.destroyForcibly().waitFor(60, TimeUnit.SECONDS);

        int survivors = assertConsistent(store);
        Launched resumed = Launched.run(command("sync", repo.root(), store), Map.of("PATH", "/usr/bin:/bin"), work);
        Launched plan = Launched.run(command("plan", repo.root(), store), Map.of("PATH", "/usr/bin:/bin"), work);

        assertTrue(survivors > 0, "the kill came after some secrets were written");
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertEquals(0, plan.exitCode(), plan::toString);
        assertEquals(2 * SERVICES, assertConsistent(store));
    }

    /** Every listed version's file matches its recorded digest; returns the number of secrets. */
    private static int assertConsistent(Path dir) throws Exception {
        try (LocalSecretStore store = LocalSecretStore.open(dir, LocalSecretStore.Mode.READ)) {
            Map<String, StoredSecret> secrets = store.list();
            for (StoredSecret secret : secrets.values()) {
                List<StoredVersion> versions = store.versions(secret.name());
                assertTrue(versions.size() <= 1, secret.name() + " has one value, so at most one version");
                for (StoredVersion version : versions) {
                    Optional<SecretValue> value = store.access(secret.name(), version.number());
                    assertTrue(value.isPresent(), secret.name() + " v" + version.number() + " is readable");
                    assertEquals(version.sha256().orElseThrow(), value.get().sha256(), secret.name());
                }
            }
            return secrets.size();
        }
    }

    private static void waitForSomeSecrets(Path store, Process sync) throws Exception {
        Path secrets = store.resolve("secrets");
        for (int i = 0; i < 6000 && sync.isAlive(); i++) {
            if (Files.isDirectory(secrets)) {
                try (Stream<Path> entries = Files.list(secrets)) {
                    if (entries.count() >= 20) {
                        return;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("sync finished or stalled before it could be interrupted");
    }

    private Process start(String command, Path source, Path store) throws Exception {
        return new ProcessBuilder(command(command, source, store)).directory(work.toFile())
                .redirectOutput(work.resolve("killed.out").toFile()).redirectErrorStream(true).start();
    }

    private static List<String> command(String command, Path source, Path store) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), command, "--source", source.toString(), "--environment",
                "dev", "--store", "local:" + store));
        return line;
    }
}
