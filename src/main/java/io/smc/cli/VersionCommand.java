package io.smc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/** {@code version}: the program's version and the Java runtime it runs on. */
final class VersionCommand implements Command {
    @Override
    public String name() {
        return "version";
    }

    @Override
    public String summary() {
        return "print the version";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " version\n\nPrints the version of this program and of its Java runtime.\n";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws UsageException, IOException {
        Options.parse(args, Set.of(), Set.of());
        terminal.out().println(Main.PROGRAM + " " + version() + " (Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        return ExitCodes.OK;
    }

    static String version() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionCommand.class.getResourceAsStream("/io/smc/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return properties.getProperty("version", "unknown");
    }
}
