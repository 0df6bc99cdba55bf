package io.smc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a cluster verb, in kubectl's conventions: names as plain arguments, {@code --kubeconfig},
 * {@code --context}, {@code --namespace}/{@code -n} and {@code --all-namespaces}/{@code -A} anywhere among them.
 *
 * @param namespace null when not given: the kubeconfig context's namespace applies
 */
record ClusterArgs(List<String> names, Options options, Path kubeconfig, String context, String namespace,
        boolean allNamespaces) {
    static final String HELP = """
              --kubeconfig FILE   the kubeconfig (default: KUBECONFIG, ~/.kube/config, then in-cluster)
              --context NAME      the kubeconfig context (default: the current context)
              -n, --namespace NS  the config's namespace (default: the context's namespace)
            """;

    static ClusterArgs parse(List<String> args, Set<String> valued, Set<String> switches) throws UsageException {
        return parseRepeatable(args, valued, switches, Set.of());
    }

    /** As {@link #parse}, with options in {@code repeatable} taking a value each time they are given. */
    static ClusterArgs parseRepeatable(List<String> args, Set<String> valued, Set<String> switches,
            Set<String> repeatable) throws UsageException {
        Set<String> allValued = new HashSet<>(valued);
        allValued.addAll(Set.of("--kubeconfig", "--context", "--namespace"));
        Set<String> allSwitches = new HashSet<>(switches);
        allSwitches.add("--all-namespaces");
        List<String> names = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i).equals("-n") ? "--namespace" : args.get(i).equals("-A") ? "--all-namespaces"
                    : args.get(i);
            if (!arg.startsWith("-")) {
                names.add(arg);
                continue;
            }
            options.add(arg);
            // A valued option's value follows it, and may look like anything, even a name.
            if ((allValued.contains(arg) || repeatable.contains(arg)) && i + 1 < args.size()) {
                options.add(args.get(++i));
            }
        }
        Options parsed = Options.parse(options, allValued, allSwitches, repeatable);
        boolean all = parsed.has("--all-namespaces");
        if (all && parsed.has("--namespace")) {
            throw new UsageException("--namespace and --all-namespaces exclude each other");
        }
        if (all && !switches.contains("--all-namespaces")) {
            throw new UsageException("unknown option --all-namespaces");
        }
        return new ClusterArgs(List.copyOf(names), parsed, parsed.value("--kubeconfig").map(Path::of).orElse(null),
                parsed.value("--context").orElse(null), parsed.value("--namespace").orElse(null), all);
    }

    /** The one NAME the verb acts on; none or several is a usage error. */
    String name(String verb) throws UsageException {
        if (names.size() != 1) {
            throw new UsageException(verb + " takes one NAME" + (names.isEmpty() ? "" : ", not " + names.size()));
        }
        return names.get(0);
    }
}
