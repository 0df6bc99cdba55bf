package io.smc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smc.kube.KubeException;
import io.smc.kube.ListOptions;
import io.smc.kube.informer.Informer;
import io.smc.kube.informer.ResourceEventHandler;
import io.smc.runtime.WatchedKinds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code get}: configs as a table (or JSON, YAML), once or as they change. */
final class GetCommand implements Command {
    private final Clock clock;

    GetCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "get";
    }

    @Override
    public String summary() {
        return "list configs in a cluster with their state (--watch to follow changes)";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " get [NAME] [-n NS | -A] [--output table|json|yaml] [--watch]\n\n"
                + "Lists SecretManagerConfigs with READY, REASON, REVISION, SECRETS, LAST RECONCILE, SUSPENDED\n"
                + "and AGE.\n"
                + "With --watch, prints a line for each change (added, modified, deleted) until interrupted.\n\n"
                + "Options:\n" + ClusterArgs.HELP
                + "  -A, --all-namespaces  every namespace\n"
                + "  --output FORMAT     table (default), json or yaml\n"
                + "  --watch             follow changes\n"
                + "Exit code: 0 listed, 1 error (not found, forbidden, CRD missing).\n";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        ClusterArgs cli = ClusterArgs.parse(args, Set.of("--output"), Set.of("--all-namespaces", "--watch"));
        if (cli.names().size() > 1) {
            throw new UsageException("get takes at most one NAME");
        }
        String output = cli.options().value("--output").orElse("table");
        if (!List.of("table", "json", "yaml").contains(output)) {
            throw new UsageException("--output must be table, json or yaml, not '" + output + "'");
        }
        String name = cli.names().isEmpty() ? null : cli.names().get(0);
        if (name != null && cli.allNamespaces()) {
            throw new UsageException("a NAME is looked up in one namespace: drop -A");
        }
        try (Cluster cluster = Cluster.connect(cli, terminal)) {
            String namespace = cli.allNamespaces() ? null : cluster.namespace();
            if (cli.options().has("--watch")) {
                cluster.requireCrd("get");
                return watch(cluster, namespace, name, terminal);
            }
            List<ObjectNode> items;
            if (name != null) {
                items = List.of(cluster.config("get", name));
            } else {
                try {
                    items = cluster.api().listAll(WatchedKinds.CONFIGS, namespace, ListOptions.ALL).items();
                } catch (KubeException e) {
                    cluster.requireCrd("get");
                    throw new CommandFailure("get: list " + WatchedKinds.CONFIGS.kind() + "s: " + e.getMessage());
                }
                if (items.isEmpty()) {
                    cluster.requireCrd("get");
                }
            }
            switch (output) {
                case "json", "yaml" -> print(terminal, output, name != null ? items.get(0) : list(items));
                default -> printTable(terminal, items, namespace == null);
            }
            return ExitCodes.OK;
        }
    }

    private void printTable(Terminal terminal, List<ObjectNode> items, boolean allNamespaces) {
        if (items.isEmpty()) {
            terminal.err().println("No SecretManagerConfigs found" + (allNamespaces ? "." : " in this namespace."));
            return;
        }
        List<String> headers = new ArrayList<>(ConfigView.COLUMNS);
        if (allNamespaces) {
            headers.add(0, "NAMESPACE");
        }
        Table table = new Table(headers);
        items.forEach(item -> table.row(new ConfigView(item).row(clock.instant(), allNamespaces)));
        terminal.out().print(table.render());
    }

    /** A list as kubectl prints one: {@code kind: List} with the objects as served. */
    private static ObjectNode list(List<ObjectNode> items) {
        ObjectNode list = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "List");
        items.forEach(list.putArray("items")::add);
        list.putObject("metadata").put("resourceVersion", "");
        return list;
    }

    static void print(Terminal terminal, String format, Object value) throws Exception {
        // YAML as kubectl writes it: no quotes where none are needed, long strings on one line.
        ObjectMapper mapper = format.equals("yaml") ? new YAMLMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.SPLIT_LINES).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
                : new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String text = mapper.writeValueAsString(value);
        terminal.out().print(text.endsWith("\n") ? text : text + "\n");
    }

    /** A line per change, until the thread is interrupted (Ctrl-C ends the process). */
    private int watch(Cluster cluster, String namespace, String name, Terminal terminal) throws InterruptedException {
        boolean allNamespaces = namespace == null;
        Informer informer = Informer.builder(cluster.api(), WatchedKinds.CONFIGS).namespace(namespace)
                .log(line -> terminal.err().println(line))
                .handler(ResourceEventHandler.changes((change, object) -> {
                    ConfigView view = new ConfigView(object);
                    if (name != null && !name.equals(view.name())) {
                        return;
                    }
                    List<String> cells = new ArrayList<>(view.row(clock.instant(), allNamespaces));
                    cells.add(0, change);
                    synchronized (terminal) {
                        terminal.out().println(String.join("  ", cells.stream()
                                .map(c -> c.isEmpty() ? "-" : c).toList()));
                    }
                })).build();
        informer.start();
        try {
            new CountDownLatch(1).await();
        } finally {
            informer.stop();
        }
        return ExitCodes.OK;
    }
}
