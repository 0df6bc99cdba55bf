package io.smc.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against real {@code /bin/sh} commands. */
class BoundedProcessTest {
    private static final Map<String, String> PATH = Map.of("PATH", "/usr/bin:/bin");

    @TempDir
    Path dir;

    private static BoundedProcess sh(String script) {
        return BoundedProcess.of(List.of("/bin/sh", "-c", script)).environment(PATH);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void reportsTheExitCodeAndBothOutputsApart() throws Exception {
        BoundedProcess.Outcome outcome = sh("echo out; echo err >&2; exit 3").run();

        assertEquals(3, outcome.exitCode());
        assertEquals("out\n", text(outcome.stdout()));
        assertEquals("err\n", text(outcome.stderr()));
        assertTrue(outcome.completed());
        assertFalse(outcome.timedOut());
    }

    @Test
    void feedsTheGivenBytesToStdinAndThenClosesIt() throws Exception {
        byte[] input = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);

        BoundedProcess.Outcome outcome = sh("cat").input(input).run();

        assertEquals(0, outcome.exitCode());
        assertArrayEquals(input, outcome.stdout());
    }

    @Test
    void givesAStdinAtItsEndWhenNoInputIsGiven() throws Exception {
        BoundedProcess.Outcome outcome = sh("cat; echo done").run();

        assertEquals("done\n", text(outcome.stdout()));
    }

    @Test
    void replacesTheInheritedEnvironmentWithTheGivenOne() throws Exception {
        BoundedProcess.Outcome outcome = BoundedProcess.of(List.of("/usr/bin/env"))
                .environment(Map.of("ONLY", "this")).run();

        assertEquals("ONLY=this\n", text(outcome.stdout()));
    }

    @Test
    void runsInTheGivenDirectory() throws Exception {
        BoundedProcess.Outcome outcome = sh("pwd -P").directory(dir).run();

        assertEquals(dir.toRealPath() + "\n", text(outcome.stdout()));
    }

    @Test
    void stopsAProcessThatWritesMoreStdoutThanItsCapAndSaysSo() throws Exception {
        BoundedProcess.Outcome outcome = sh("while :; do echo padding padding padding; done").stdoutCap(4096).run();

        assertTrue(outcome.stdoutOverCap());
        assertFalse(outcome.timedOut());
        assertFalse(outcome.completed());
        assertEquals(4096, outcome.stdout().length);
    }

    @Test
    void keepsOutputOfExactlyTheCap() throws Exception {
        BoundedProcess.Outcome outcome = sh("printf 12345678").stdoutCap(8).run();

        assertFalse(outcome.stdoutOverCap());
        assertEquals("12345678", text(outcome.stdout()));
    }

    @Test
    void stopsAProcessThatWritesMoreStderrThanItsCap() throws Exception {
        BoundedProcess.Outcome outcome = sh("while :; do echo noise >&2; done").stderrCap(1024).run();

        assertTrue(outcome.stderrOverCap());
        assertFalse(outcome.stdoutOverCap());
        assertEquals(1024, outcome.stderr().length);
    }

    @Test
    void truncatesStderrWhenAskedAndLetsTheProcessFinish() throws Exception {
        BoundedProcess.Outcome outcome = sh("i=0; while [ $i -lt 2000 ]; do echo noise >&2; i=$((i+1)); done;"
                + " echo finished; exit 7").truncateStderrAt(100).run();

        assertEquals(7, outcome.exitCode());
        assertEquals("finished\n", text(outcome.stdout()));
        assertEquals(100, outcome.stderr().length);
        assertTrue(outcome.stderrOverCap(), "a truncation is still reported");
        assertFalse(outcome.timedOut());
    }

    @Test
    void killsTheProcessAndTheChildrenItLeavesBehindAtTheTimeout() throws Exception {
        // The child would outlive its parent: killing the parent alone would leave it holding stdout open.
        BoundedProcess.Outcome outcome = sh("sleep 30 & echo $!; wait").timeout(Duration.ofMillis(300)).run();

        assertTrue(outcome.timedOut());
        long child = Long.parseLong(text(outcome.stdout()).strip());
        assertChildStopped(child);
    }

    @Test
    void killsTheProcessTreeWhenTheCallerIsInterrupted() throws Exception {
        Path pidFile = dir.resolve("child");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                sh("sleep 30 & echo $! > " + pidFile + "; wait").timeout(Duration.ofSeconds(60)).run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        caller.start();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));

        assertFalse(caller.isAlive(), "the run returned after the interruption");
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertChildStopped(Long.parseLong(Files.readString(pidFile).strip()));
    }

    @Test
    void failsToStartAMissingCommandWithAnIOException() {
        BoundedProcess missing = BoundedProcess.of(List.of(dir.resolve("no-such-command").toString()));

        assertThrows(IOException.class, missing::run);
    }

    @Test
    void neverShowsTheOutputInItsDescription() throws Exception {
        BoundedProcess.Outcome outcome = sh("echo token-secret").run();

        assertFalse(outcome.toString().contains("token-secret"), outcome.toString());
    }

    private static void assertChildStopped(long pid) {
        ProcessHandle.of(pid).ifPresent(child -> {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception notStopped) {
                throw new AssertionError("the child process is still running", notStopped);
            }
        });
    }
}
