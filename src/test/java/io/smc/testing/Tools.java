package io.smc.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smc.process.BoundedProcess;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command-line tools some tests check the project's files with (promtool, shellcheck, kubectl). Where one is not
 * installed the test is skipped, and says so on standard error as well as in its report, so a build without the tool
 * shows what it did not check.
 */
public final class Tools {
    private Tools() {
    }

    /** The command's path on the PATH, if it is there. */
    public static Optional<Path> find(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(Pattern.quote(File.pathSeparator))) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The command's path; the calling test is skipped when it is missing.
     *
     * @param unchecked what goes unchecked without it, for the message
     * @param install   how to get it, e.g. {@code apt-get install prometheus}
     */
    public static Path require(String command, String unchecked, String install) {
        Optional<Path> found = find(command);
        if (found.isEmpty()) {
            String message = command + " is not on the PATH (" + install + "): " + unchecked + " NOT checked";
            System.err.println("[SKIPPED] " + message);
            assumeTrue(false, message);
        }
        return found.get();
    }

    /** Runs {@code argv} in {@code directory} with this process's PATH and HOME, for up to two minutes. */
    public static Result run(Path directory, List<String> argv) throws Exception {
        Map<String, String> environment = new HashMap<>();
        for (String name : List.of("PATH", "HOME")) {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        BoundedProcess.Outcome outcome = BoundedProcess.of(argv).directory(directory).environment(environment)
                .timeout(Duration.ofMinutes(2)).stdoutCap(16 * 1024 * 1024).stderrCap(1024 * 1024).run();
        if (!outcome.completed()) {
            throw new AssertionError(String.join(" ", argv) + " did not complete: " + outcome);
        }
        return new Result(outcome.exitCode(), new String(outcome.stdout(), StandardCharsets.UTF_8),
                new String(outcome.stderr(), StandardCharsets.UTF_8));
    }

    /** What a run printed, and its exit code. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Both outputs, for assertion messages. */
        public String said() {
            return stdout + stderr;
        }
    }
}
