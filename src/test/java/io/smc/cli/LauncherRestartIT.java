package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.FakeApiServerMain;
import io.smc.kube.testing.Eventually;
import io.smc.runtime.WatchedKinds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live-update contract at the image's launcher: SIGHUP to the process the image starts restarts the controller
 * from the jar now on disk, with that process's PID unchanged; SIGTERM then stops it with the controller's status.
 */
class LauncherRestartIT {
    private static final Path IMAGE = Path.of(System.getProperty("smc.image", "target/image")).toAbsolutePath();
    private static final Pattern BUILD_VERSION = Pattern.compile(
            "secret_manager_controller_build_info\\{version=\"([^\"]+)\"");

    @TempDir
    Path work;

    private final FakeApiServer server = FakeApiServer.start();
    private RunningController controller;

    @BeforeAll
    static void imageWasBuilt() {
        assumeFalse(Boolean.getBoolean("smc.image.skipped"), "built with -DskipImage");
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        server.close();
    }

    @Test
    void sighupRestartsTheControllerFromTheNewJarUnderTheSamePid() throws Exception {
        server.serve(WatchedKinds.CONFIGS);
        server.seed(WatchedKinds.CONFIGS, FakeApiServerMain.config("team-a", "app"));
        Path image = copy(IMAGE, work.resolve("image"));
        Path kubeconfig = Files.writeString(work.resolve("kubeconfig"), FakeApiServerMain.kubeconfig(server));
        int port = RunningController.freePort();
        controller = RunningController.start(List.of(image.resolve("bin/secret-manager-controller").toString(), "run",
                "--kubeconfig", kubeconfig.toString(), "--metrics-bind-address", "127.0.0.1:" + port),
                Map.of("PATH", "/usr/bin:/bin", "HOME", work.toString()), work, port);
        controller.awaitStatus("/readyz", 200);
        String before = servedVersion();
        long jvmBefore = onlyChild();

        Path jar = image.resolve("app/secret-manager-controller.jar");
        String after = before + "-reloaded";
        withVersion(jar, after);
        controller.signal("HUP");

        Eventually.await("the new version serving", () -> after.equals(servedVersionOrNull()), controller::toString);
        assertTrue(controller.process().isAlive(), "the launcher, the image's first process, kept running");
        long jvmAfter = onlyChild();
        assertNotEquals(jvmBefore, jvmAfter, "a new JVM runs the new jar");
        assertTrue(controller.err().contains("\"msg\":\"stopped\""), "the first JVM stopped gracefully: "
                + controller);

        controller.signal("TERM");
        assertEquals(0, controller.awaitExit(), controller::toString);
        assertFalse(ProcessHandle.of(jvmAfter).map(ProcessHandle::isAlive).orElse(false),
                "the JVM stopped with its launcher");
    }

    private long onlyChild() {
        List<ProcessHandle> children = controller.process().children().toList();
        assertEquals(1, children.size(), "the launcher supervises one JVM: " + children);
        return children.get(0).pid();
    }

    private String servedVersion() throws Exception {
        Matcher matcher = BUILD_VERSION.matcher(controller.get("/metrics").body());
        assertTrue(matcher.find(), "build_info is served");
        return matcher.group(1);
    }

    private String servedVersionOrNull() {
        try {
            return servedVersion();
        } catch (Exception | AssertionError e) {
            return null;
        }
    }

    /** Rewrites the jar in place with another version in its version.properties, as a rebuild would. */
    private static void withVersion(Path jar, String version) throws IOException {
        Path rebuilt = jar.resolveSibling("rebuilt.jar");
        try (JarFile original = new JarFile(jar.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(rebuilt), original.getManifest())) {
            for (JarEntry entry : original.stream().toList()) {
                if (entry.getName().equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                if (entry.getName().equals("io/smc/version.properties")) {
                    out.write(("version=" + version + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    try (InputStream in = original.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
        Files.move(rebuilt, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A copy of the image, so the test can replace its jar; `cp -a` keeps modes and links. */
    private static Path copy(Path from, Path to) throws Exception {
        Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        assertEquals(0, cp.waitFor());
        return to;
    }
}
