package io.smc.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * Where a command writes (reports to {@code out}, errors and notes to {@code err}) and the environment variables it
 * reads, which tests set without touching the process's own.
 */
record Terminal(PrintStream out, PrintStream err, Map<String, String> environment) {
    Terminal {
        environment = Map.copyOf(environment);
    }

    Terminal(PrintStream out, PrintStream err) {
        this(out, err, System.getenv());
    }

    /** The variable's value, or null when it is unset or empty. */
    String env(String name) {
        String value = environment.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
