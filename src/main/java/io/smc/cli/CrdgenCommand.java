package io.smc.cli;

import io.smc.crdgen.CrdFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code crdgen}: writes the SecretManagerConfig CRD generated from the API records, or checks a file against it. */
final class CrdgenCommand implements Command {
    @Override
    public String name() {
        return "crdgen";
    }

    @Override
    public String summary() {
        return "write the SecretManagerConfig CRD generated from the API records";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " crdgen [--output FILE | --check FILE]\n\n"
                + "Generates the CustomResourceDefinition from the records of the API.\n\n"
                + "Options:\n"
                + "  --output FILE   where to write it (default: " + CrdFile.DEFAULT_PATH + "; - for standard output)\n"
                + "  --check FILE    write nothing; exit 1 when FILE differs from what would be generated\n"
                + "  -h, --help      show this help\n";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws UsageException, CommandFailure {
        Options options = Options.parse(args, Set.of("--output", "--check"), Set.of());
        if (options.has("--output") && options.has("--check")) {
            throw new UsageException("--output and --check cannot be given together");
        }
        try {
            if (options.has("--check")) {
                return check(Path.of(options.value("--check").orElseThrow()), terminal);
            }
            String output = options.value("--output").orElse(CrdFile.DEFAULT_PATH);
            if (output.equals("-")) {
                terminal.out().print(CrdFile.generated());
                return ExitCodes.OK;
            }
            terminal.err().println((CrdFile.write(Path.of(output)) ? "wrote " : "up to date: ") + output);
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new CommandFailure(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static int check(Path file, Terminal terminal) throws IOException {
        if (CrdFile.isUpToDate(file)) {
            terminal.out().println(file + " is up to date");
            return ExitCodes.OK;
        }
        terminal.err().println("error: " + file + " differs from the CRD generated from the records; "
                + "run scripts/crdgen.sh");
        return ExitCodes.FAILURE;
    }
}
