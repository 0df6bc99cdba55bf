package io.smc.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed {@code --name value}, {@code --name=value} and {@code --switch} options. Unknown options, repeated
 * options, missing values and stray arguments are usage errors: a typo must not silently fall back to a default.
 */
final class Options {
    private final Map<String, String> values;
    private final Map<String, List<String>> repeated;

    private Options(Map<String, String> values, Map<String, List<String>> repeated) {
        this.values = values;
        this.repeated = repeated;
    }

    static Options parse(List<String> args, Set<String> valued, Set<String> switches) throws UsageException {
        return parse(args, valued, switches, Set.of());
    }

    /** As above; options in {@code repeatable} take a value and may be given several times. */
    static Options parse(List<String> args, Set<String> valued, Set<String> switches, Set<String> repeatable)
            throws UsageException {
        Map<String, String> values = new HashMap<>();
        Map<String, List<String>> repeated = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (switches.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                value = "";
            } else if (valued.contains(name) || repeatable.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option " + name);
            } else {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            if (repeatable.contains(name)) {
                repeated.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else if (values.put(name, value) != null) {
                throw new UsageException(name + " is given twice");
            }
        }
        return new Options(values, repeated);
    }

    /** Every value of a repeatable option, in the order given. */
    List<String> values(String name) {
        return repeated.getOrDefault(name, List.of());
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
