package io.smc.cli;

import java.util.List;

/**
 * One sub-command. {@link #run} returns the process exit code; it throws {@link UsageException} for a command
 * line that makes no sense (exit 2, usage shown) and {@link CommandFailure} for a user-facing error (exit 1, the
 * message alone). Anything else escaping it is a bug in this program.
 */
interface Command {
    String name();

    /** One line for the list of commands. */
    String summary();

    /** The full help text; {@link Main} prints it for {@code --help} and {@code -h}, so commands never see them. */
    String usage();

    int run(List<String> args, Terminal terminal) throws Exception;
}
