package io.smc.cli;

import io.smc.time.Sleeper;
import java.io.PrintStream;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The single entry point: dispatches to a sub-command and turns its outcome into an exit code. */
public final class Main {
    static final String PROGRAM = "secret-manager-controller";

    private final Map<String, Command> commands = new LinkedHashMap<>();

    Main(List<Command> commands) {
        commands.forEach(c -> this.commands.put(c.name(), c));
    }

    static Main withAllCommands() {
        return withAllCommands(Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** Every command, the cluster verbs reading time from {@code clock} and waiting with {@code sleeper}. */
    static Main withAllCommands(Clock clock, Sleeper sleeper) {
        ReconcileWait wait = new ReconcileWait(clock, sleeper);
        List<Command> all = new java.util.ArrayList<>(List.of(new RunCommand(), new VersionCommand(),
                new PlanCommand(), new SyncCommand(), new CrdgenCommand(), new DecryptCheckCommand(),
                new KubeCheckCommand(), new GetCommand(clock), new DescribeCommand(clock),
                new ReconcileCommand(wait)));
        all.addAll(SuspendCommand.all(wait));
        all.add(new DiffCommand());
        all.add(new CheckCommand());
        all.add(new InstallCommand());
        all.add(new CompletionCommand(() -> List.copyOf(all)));
        return new Main(all);
    }

    public static void main(String[] args) {
        Terminal terminal = new Terminal(new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8));
        System.exit(withAllCommands().run(Arrays.asList(args), terminal));
    }

    int run(List<String> args, Terminal terminal) {
        if (args.isEmpty()) {
            terminal.err().print(overview());
            return ExitCodes.USAGE;
        }
        String first = args.get(0);
        if (first.equals("--help") || first.equals("-h") || (first.equals("help") && args.size() == 1)) {
            terminal.out().print(overview());
            return ExitCodes.OK;
        }
        if (first.equals("help")) {
            return run(List.of(args.get(1), "--help"), terminal);
        }
        if (first.equals("--version")) {
            first = "version";
        }
        Command command = commands.get(first);
        if (command == null) {
            terminal.err().println("error: unknown command '" + first + "'");
            terminal.err().print(overview());
            return ExitCodes.USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            terminal.out().print(command.usage());
            return ExitCodes.OK;
        }
        try {
            return command.run(rest, terminal);
        } catch (UsageException e) {
            terminal.err().println("error: " + e.getMessage());
            terminal.err().println("Run '" + PROGRAM + " " + command.name() + " --help' for usage.");
            return ExitCodes.USAGE;
        } catch (CommandFailure e) {
            terminal.err().println("error: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (Exception | Error e) {
            terminal.err().println("internal error in '" + command.name() + "': " + e);
            if (System.getenv("SMC_DEBUG") != null) {
                e.printStackTrace(terminal.err());
            } else {
                terminal.err().println("(set SMC_DEBUG=1 for a stack trace)");
            }
            return ExitCodes.FAILURE;
        }
    }

    private String overview() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: ").append(PROGRAM).append(" <command> [options]\n\n");
        text.append("Keeps Google Cloud Secret Manager in step with secrets kept in Git.\n\nCommands:\n");
        commands.values().forEach(c -> text.append(String.format("  %-17s %s%n", c.name(), c.summary())));
        text.append("\nRun '").append(PROGRAM).append(" <command> --help' for a command's options.\n");
        return text.toString();
    }
}
