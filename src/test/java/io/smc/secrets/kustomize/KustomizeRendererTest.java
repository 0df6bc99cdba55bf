package io.smc.secrets.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.secrets.SecretsSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer against fake {@code kustomize} scripts, so no real kustomize is needed. */
class KustomizeRendererTest {
    @TempDir
    Path root;
    @TempDir
    Path work;
    @TempDir
    Path bin;

    @BeforeEach
    void revision() {
        Tree.at(root).file("app/kustomization.yaml", "resources: []\n");
    }

    private Path script(String body) throws Exception {
        Path script = bin.resolve("kustomize");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private KustomizeRenderer renderer(Path script) {
        return KustomizeRenderer.using(FakeSops.working()).withBinary(script).withWorkDirectory(work);
    }

    private void assertNoCopyLeft() throws Exception {
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "temporary copies are deleted");
        }
    }

    @Test
    void runsKustomizeBuildWithLoadRestrictionsAndOnlyPathAndHomeInItsEnvironment() throws Exception {
        Path args = bin.resolve("args");
        Path env = bin.resolve("env");
        Path script = script("for a in \"$@\"; do echo \"$a\"; done > " + args + "\nenv > " + env
                + "\necho 'kind: Secret'\n");

        byte[] output = renderer(script).render(root, "app");

        assertEquals("kind: Secret\n", new String(output, StandardCharsets.UTF_8));
        List<String> arguments = Files.readAllLines(args);
        assertEquals("build", arguments.get(0));
        assertTrue(arguments.get(1).endsWith("/app") && !arguments.get(1).startsWith(root.toString()),
                "builds the copy, not the revision: " + arguments.get(1));
        assertEquals(List.of("--load-restrictor", "LoadRestrictionsRootOnly"), arguments.subList(2, 4));
        assertEquals(4, arguments.size(), "no plugin, exec or helm flags");
        Set<String> shellOwn = Set.of("PWD", "SHLVL", "_", "OLDPWD");
        List<String> names = Files.readAllLines(env).stream().map(l -> l.substring(0, l.indexOf('=')))
                .filter(n -> !shellOwn.contains(n)).sorted().toList();
        assertTrue(List.of("HOME", "PATH").containsAll(names) && names.contains("PATH"), names.toString());
        assertNoCopyLeft();
    }

    @Test
    void stopsAKustomizeThatRunsPastTheTimeoutWithItsChildren() throws Exception {
        Path child = bin.resolve("child");
        Path script = script("sleep 600 &\necho $! > " + child + "\nwait\n");

        KustomizeException e = assertThrows(KustomizeException.class,
                () -> renderer(script).withTimeout(Duration.ofMillis(1500)).render(root, "app"));

        assertEquals("kustomize build of 'app' timed out after 1500 ms and was stopped", e.getMessage());
        long pid = Long.parseLong(Files.readString(child).strip());
        ProcessHandle.of(pid).ifPresent(sleep -> {
            try {
                sleep.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception notStopped) {
                throw new AssertionError("the child process is still running", notStopped);
            }
        });
        assertNoCopyLeft();
    }

    @Test
    void stopsAKustomizeThatWritesMoreThanTheOutputLimit() throws Exception {
        Path script = script("while :; do echo 'apiVersion: v1 kind: Secret padding padding padding'; done\n");

        KustomizeException e = assertThrows(KustomizeException.class,
                () -> renderer(script).withMaxOutputBytes(4096).render(root, "app"));

        assertEquals("kustomize build of 'app' wrote more than 4096 bytes and was stopped", e.getMessage());
        assertNoCopyLeft();
    }

    @Test
    void reportsAFailedBuildWithItsFirstErrorLinesCutShort() throws Exception {
        Path script = script("i=0\nwhile [ $i -lt 20 ]; do printf 'error %s %0500d\\n' $i 0 >&2; i=$((i+1)); done\n"
                + "echo \"Error: in $PWD/app\" >&2\nexit 3\n");

        KustomizeException e = assertThrows(KustomizeException.class, () -> renderer(script).render(root, "app"));

        String message = e.getMessage();
        assertTrue(message.startsWith("kustomize build of 'app' failed (exit code 3): error 0 "), message);
        List<String> lines = Arrays.asList(message.substring(message.indexOf(": ") + 2).split(" \\| "));
        assertEquals(KustomizeRenderer.ERROR_LINES + 1, lines.size(), message);
        assertEquals("...", lines.get(lines.size() - 1));
        lines.forEach(line -> assertTrue(line.length() <= KustomizeRenderer.ERROR_LINE_CHARS + 3, line));
        assertNoCopyLeft();
    }

    @Test
    void showsPathsOfTheRevisionInsteadOfTheTemporaryCopy() {
        Path copy = Path.of("/tmp/smc-kustomize-123");

        String lines = KustomizeRenderer.firstLines("Error: open /tmp/smc-kustomize-123/app/x.yaml: no such file\n",
                copy, Set.of());

        assertEquals("Error: open app/x.yaml: no such file", lines);
    }

    @Test
    void redactsDecryptedTextAndByteListsFromErrorLines() {
        String stderr = "err=\"line [75 61 115 51 99] has invalid utf8 bytes : K=s3cret-value\"\n"
                + "Error: key K with value s3cret-value is bad\n";

        String lines = KustomizeRenderer.firstLines(stderr, Path.of("/tmp/x"), Set.of("s3cret-value"));

        assertEquals("err=\"line [...] has invalid utf8 bytes | Error: key K with value [redacted] is bad", lines);
    }

    @Test
    void reportsOutputThatIsNotYamlWithoutQuotingIt() throws Exception {
        Path script = script("printf 'apiVersion: v1\\nkind: Secret\\nstringData: {A: \"leaked-value\\n'\n");

        KustomizeException e = assertThrows(KustomizeException.class, () -> KustomizeSecrets.read(root, "app",
                new SecretsSettings("dev", "", "", ""), renderer(script)));

        assertTrue(e.getMessage().startsWith("output of kustomize build of 'app' is not valid YAML"), e.getMessage());
        assertFalse(e.getMessage().contains("leaked-value"), "message reveals a value");
        assertNoCopyLeft();
    }

    @Test
    void refusesAKustomizePathThatIsNotADirectoryOfTheRevision() throws Exception {
        Path script = script("echo never-run\n");

        KustomizeException e = assertThrows(KustomizeException.class, () -> renderer(script).render(root, "nope"));

        assertEquals("kustomize path 'nope' is not a directory in the revision", e.getMessage());
        assertFalse(e.getMessage().contains(work.toString()));
        assertNoCopyLeft();
    }
}
