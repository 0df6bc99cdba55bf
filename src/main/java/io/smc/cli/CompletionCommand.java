package io.smc.cli;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code completion bash|zsh}: a completion script made from the command table — each command's name and summary,
 * and the options its help text lists — so it cannot fall behind the commands.
 */
final class CompletionCommand implements Command {
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])\\b");

    private final Supplier<List<Command>> commands;

    CompletionCommand(Supplier<List<Command>> commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "completion";
    }

    @Override
    public String summary() {
        return "print a shell completion script (bash or zsh)";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " completion bash|zsh\n\n"
                + "Prints a completion script of the commands and their options. Load it with\n"
                + "  source <(" + Main.PROGRAM + " completion bash)     # in ~/.bashrc\n"
                + "  source <(" + Main.PROGRAM + " completion zsh)      # in ~/.zshrc, after compinit\n";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        if (args.size() != 1 || !Set.of("bash", "zsh").contains(args.get(0))) {
            throw new UsageException("completion takes one shell: bash or zsh");
        }
        terminal.out().print(args.get(0).equals("bash") ? bash() : zsh());
        return ExitCodes.OK;
    }

    /** The options a command's help text names, sorted; this command's own words are the shells. */
    static Set<String> options(Command command) {
        Set<String> options = new TreeSet<>();
        if (command instanceof CompletionCommand) {
            options.addAll(List.of("bash", "zsh"));
            return options;
        }
        Matcher matcher = OPTION.matcher(command.usage());
        while (matcher.find()) {
            options.add(matcher.group(1));
        }
        return options;
    }

    private static String function() {
        return "_" + Main.PROGRAM.replace('-', '_');
    }

    private String bash() {
        StringBuilder text = new StringBuilder("# bash completion for " + Main.PROGRAM + "\n");
        text.append(function()).append("() {\n")
                .append("    local cur=${COMP_WORDS[COMP_CWORD]}\n")
                .append("    if [ \"$COMP_CWORD\" -eq 1 ]; then\n")
                .append("        COMPREPLY=($(compgen -W \"")
                .append(String.join(" ", commands.get().stream().map(Command::name).toList()))
                .append("\" -- \"$cur\"))\n        return\n    fi\n")
                .append("    case \"${COMP_WORDS[1]}\" in\n");
        for (Command command : commands.get()) {
            text.append("        ").append(command.name()).append(") COMPREPLY=($(compgen -W \"")
                    .append(String.join(" ", options(command))).append("\" -- \"$cur\")) ;;\n");
        }
        text.append("    esac\n}\ncomplete -o default -F ").append(function()).append(' ').append(Main.PROGRAM)
                .append('\n');
        return text.toString();
    }

    private String zsh() {
        StringBuilder text = new StringBuilder("#compdef " + Main.PROGRAM + "\n");
        text.append(function()).append("() {\n    local -a commands\n    commands=(\n");
        for (Command command : commands.get()) {
            text.append("        '").append(command.name()).append(':')
                    .append(command.summary().replace("'", "'\\''").replace(":", "\\:")).append("'\n");
        }
        text.append("    )\n    if (( CURRENT == 2 )); then\n        _describe 'command' commands\n        return\n"
                + "    fi\n    case $words[2] in\n");
        for (Command command : commands.get()) {
            text.append("        ").append(command.name()).append(") compadd -- ")
                    .append(String.join(" ", options(command))).append(" ;;\n");
        }
        text.append("    esac\n    _files\n}\ncompdef ").append(function()).append(' ').append(Main.PROGRAM)
                .append('\n');
        return text.toString();
    }
}
