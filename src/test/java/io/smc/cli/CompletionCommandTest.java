package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompletionCommandTest {
    @Test
    void bashCompletesEveryCommandAndEachCommandsOptions() {
        CliRun run = CliRun.of("completion", "bash");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("compgen -W \"run version plan sync crdgen decrypt-check kube-check get describe "
                + "reconcile suspend resume suspend-git-pulls resume-git-pulls diff check install completion\""),
                run::toString);
        assertTrue(run.out().contains("        reconcile) COMPREPLY=($(compgen -W \"--context --force --kubeconfig "
                + "--namespace --timeout --with-source -n\" -- \"$cur\")) ;;\n"), run::toString);
        assertTrue(run.out().contains("        completion) COMPREPLY=($(compgen -W \"bash zsh\""), run::toString);
    }

    @Test
    void zshDescribesEachCommandWithItsSummary() {
        CliRun run = CliRun.of("completion", "zsh");

        assertTrue(run.out().startsWith("#compdef secret-manager-controller\n"), run::toString);
        assertTrue(run.out().contains("        'get:list configs in a cluster with their state (--watch to follow "
                + "changes)'\n"), run::toString);
        assertTrue(run.out().contains("        install) compadd -- --context --dry-run --export --kubeconfig "
                + "--namespace -n ;;\n"), run::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void theScriptIsValidForItsShell(String shell) throws Exception {
        assumeTrue(onPath(shell), shell + " is not installed: its syntax check is skipped");
        Process check = new ProcessBuilder(shell, "-n").redirectErrorStream(true).start();
        check.getOutputStream().write(CliRun.of("completion", shell).out().getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), output);
    }

    @Test
    void anotherShellIsAUsageError() {
        assertEquals(2, CliRun.of("completion", "fish").exitCode());
        assertEquals(2, CliRun.of("completion").exitCode());
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
