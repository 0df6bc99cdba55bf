package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.crdgen.CrdFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrdgenCommandTest {
    @TempDir
    Path work;

    @Test
    void writesTheGeneratedCrdToTheGivenFile() throws Exception {
        Path file = work.resolve("nested/crd.yaml");

        CliRun run = CliRun.of("crdgen", "--output", file.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(CrdFile.generated(), Files.readString(file));
    }

    @Test
    void printsToStandardOutputWithDash() {
        CliRun run = CliRun.of("crdgen", "--output", "-");

        assertEquals(0, run.exitCode());
        assertEquals(CrdFile.generated(), run.out());
    }

    @Test
    void checkPassesForTheCommittedFileAndFailsForAnEditedOne() throws Exception {
        Path edited = work.resolve("crd.yaml");
        Files.writeString(edited, CrdFile.generated().replace("smc", "sm"));

        CliRun committed = CliRun.of("crdgen", "--check", CrdFile.DEFAULT_PATH);
        CliRun stale = CliRun.of("crdgen", "--check", edited.toString());

        assertEquals(0, committed.exitCode(), committed::toString);
        assertEquals(1, stale.exitCode(), stale::toString);
        assertTrue(stale.err().contains("differs from the CRD generated from the records"), stale::toString);
    }

    @Test
    void outputAndCheckTogetherAreAUsageError() {
        CliRun run = CliRun.of("crdgen", "--output", "a", "--check", "b");

        assertEquals(2, run.exitCode());
    }

    @Test
    void missingFileToCheckIsAnError() {
        CliRun run = CliRun.of("crdgen", "--check", work.resolve("none.yaml").toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: NoSuchFileException"), run::toString);
    }
}
