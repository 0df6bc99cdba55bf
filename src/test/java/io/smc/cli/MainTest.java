package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void versionPrintsProgramVersionAndRuntime() {
        CliRun run = CliRun.of("version");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().matches("secret-manager-controller \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .+\\)\\n"),
                run::toString);
    }

    @Test
    void dashDashVersionIsTheVersionCommand() {
        assertEquals(CliRun.of("version").out(), CliRun.of("--version").out());
    }

    @Test
    void noArgumentsPrintsUsageToStderrWithExitTwo() {
        CliRun run = CliRun.of();

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Usage: secret-manager-controller <command>"), run::toString);
        assertEquals("", run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpListsEveryCommand(String flag) {
        CliRun run = CliRun.of(flag);

        assertEquals(0, run.exitCode());
        for (String command : new String[] {"version", "plan", "sync", "crdgen", "get", "describe", "reconcile",
                "suspend", "resume", "suspend-git-pulls", "resume-git-pulls", "diff", "check", "install",
                "completion"}) {
            assertTrue(run.out().contains("\n  " + command + " "), run::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "plan", "sync", "crdgen", "kube-check", "get", "describe", "reconcile",
        "suspend", "resume", "suspend-git-pulls", "resume-git-pulls", "diff", "check", "install", "completion"})
    void everyCommandHasHelp(String command) {
        CliRun viaFlag = CliRun.of(command, "--help");
        CliRun viaHelp = CliRun.of("help", command);

        assertEquals(0, viaFlag.exitCode());
        assertTrue(viaFlag.out().startsWith("Usage: secret-manager-controller " + command), viaFlag::toString);
        assertEquals(viaFlag.out(), viaHelp.out());
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = CliRun.of("deploy");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("error: unknown command 'deploy'"), run::toString);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "plan --bogus                                   | unknown option --bogus",
        "plan --environment                             | --environment needs a value",
        "plan --environment dev --environment prod      | --environment is given twice",
        "plan --environment dev --output xml            | --output must be table or json, not 'xml'",
        "plan --environment dev --store s3:bucket       | --store must be local:DIR or gcp:PROJECT[/LOCATION], not 's3:bucket'",
        "plan --environment dev --store local:          | --store must be local:DIR or gcp:PROJECT[/LOCATION], not 'local:'",
        "plan --environment dev --store gcp:My_Project  | --store gcp:PROJECT[/LOCATION]: 'My_Project' is not a project id",
        "plan --environment dev --store gcp             | --store gcp takes the project from --config",
        "plan --environment dev --gcp-transport rest    | --gcp-* options go with --store gcp:PROJECT",
        "plan --environment dev --store gcp:my-project --gcp-transport quic | unknown Secret Manager transport 'quic'",
        "sync --environment dev --prune                 | --prune needs --config",
        "plan --environment dev --store gcp:my-project --gcp-quotas write=x | --gcp-quotas: quota 'write=x' is not NAME=NUMBER",
        "sync stray                                     | unexpected argument 'stray'",
        "crdgen --check                                 | --check needs a value",
        "plan --source .                                | no environment: give --environment or a --config",
        "version extra                                  | unexpected argument 'extra'"})
    void badCommandLinesAreUsageErrorsWithAPointerToHelp(String line, String message) {
        String[] args = line.trim().split("\\s+");
        CliRun run = CliRun.of(args);

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: " + message), run::toString);
        assertTrue(run.err().contains("Run 'secret-manager-controller " + args[0] + " --help' for usage."),
                run::toString);
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }
}
