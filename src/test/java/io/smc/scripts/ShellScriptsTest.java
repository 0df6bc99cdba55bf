package io.smc.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's shell scripts: every one passes shellcheck (skipped, saying so, where it is not installed), and
 * every script meant to be run says what it does and how to use it, and stops at the first failure.
 */
class ShellScriptsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final List<Path> DIRECTORIES = List.of(Path.of("scripts"), Path.of("src/main/image"));

    private static List<Path> scripts() throws IOException {
        List<Path> scripts = new ArrayList<>();
        for (Path directory : DIRECTORIES) {
            try (Stream<Path> files = Files.list(ROOT.resolve(directory))) {
                files.filter(file -> file.getFileName().toString().endsWith(".sh")).sorted()
                        .forEach(file -> scripts.add(ROOT.relativize(file)));
            }
        }
        return scripts;
    }

    @Test
    void everyScriptPassesShellcheck() throws Exception {
        Path shellcheck = Tools.require("shellcheck", "the shell scripts", "apt-get install shellcheck");
        List<Path> scripts = scripts();
        List<String> argv = new ArrayList<>(List.of(shellcheck.toString(), "--external-sources"));
        scripts.forEach(script -> argv.add(script.toString()));

        // From the root, where the scripts' `# shellcheck source=scripts/...` directives point.
        Tools.Result result = Tools.run(ROOT, argv);

        assertEquals("", result.said(), "shellcheck on " + scripts);
        assertEquals(0, result.exitCode());
        assertTrue(scripts.contains(Path.of("scripts/e2e-cluster.sh")), scripts.toString());
    }

    @Test
    void everyRunnableScriptIsBashWithAHeaderAndStopsAtTheFirstFailure() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path script : scripts()) {
            if (!script.startsWith("scripts") || !Files.isExecutable(ROOT.resolve(script))) {
                continue;
            }
            List<String> lines = Files.readAllLines(ROOT.resolve(script));
            if (!lines.get(0).equals("#!/usr/bin/env bash")) {
                problems.add(script + ": does not start with #!/usr/bin/env bash");
            }
            if (lines.size() < 3 || !lines.get(1).startsWith("# ") || !lines.get(2).startsWith("#")) {
                problems.add(script + ": no header comment saying what it does and how to use it");
            }
            if (!lines.contains("set -euo pipefail")) {
                problems.add(script + ": no `set -euo pipefail`");
            }
        }
        assertEquals(List.of(), problems);
    }
}
