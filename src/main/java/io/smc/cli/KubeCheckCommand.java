package io.smc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ClusterConnection;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.ListOptions;
import io.smc.kube.ListPage;
import io.smc.kube.ResourceType;
import io.smc.kube.http.ClientOptions;
import io.smc.kube.http.HttpKubeClient;
import io.smc.kube.informer.Informer;
import io.smc.kube.informer.ResourceEventHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code kube-check}: proves the Kubernetes client against a real cluster — loads the configuration as the
 * controller would, lists namespaces, and optionally watches one resource for a while, printing names only.
 */
final class KubeCheckCommand implements Command {
    @Override
    public String name() {
        return "kube-check";
    }

    @Override
    public String summary() {
        return "check access to a Kubernetes cluster: list namespaces, watch a resource";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " kube-check [options]\n\n"
                + "Connects as the controller would (kubeconfig or in-cluster), lists namespaces and, with --watch,\n"
                + "lists and watches one resource, printing each change's kind and name. Never prints object data.\n\n"
                + "Options:\n"
                + "  --kubeconfig FILE    the kubeconfig (default: KUBECONFIG, ~/.kube/config, then in-cluster)\n"
                + "  --context NAME       the context to use (default: the current context)\n"
                + "  --namespace NS       where to watch (default: the context's namespace; 'all' for every one)\n"
                + "  --watch RESOURCE     GROUP/VERSION/PLURAL or VERSION/PLURAL, e.g. v1/configmaps or\n"
                + "                       secret-management.microscaler.io/v1beta1/secretmanagerconfigs\n"
                + "  --seconds N          how long to watch (default: 15)\n"
                + "  -h, --help           show this help\n";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = Options.parse(args, Set.of("--kubeconfig", "--context", "--namespace", "--watch",
                "--seconds"), Set.of());
        long seconds = seconds(options.value("--seconds").orElse("15"));
        ResourceType watched = options.has("--watch") ? resource(options.value("--watch").orElseThrow()) : null;
        try {
            ClusterConnection connection = KubeConnection.load(options.value("--kubeconfig").map(Path::of).orElse(null),
                    options.value("--context").orElse(null), terminal);
            terminal.out().println("connected to " + connection.server() + " (" + connection.description()
                    + "), default namespace " + connection.defaultNamespace());
            KubeApi api = HttpKubeClient.create(connection, ClientOptions.defaults());
            ListPage namespaces = api.listAll(ResourceType.NAMESPACES, null, new ListOptions(null, null, null, 500,
                    null));
            terminal.out().println(namespaces.items().size() + " namespaces at resourceVersion "
                    + namespaces.resourceVersion() + ": " + String.join(", ", namespaces.items().stream()
                            .map(n -> n.path("metadata").path("name").asText()).toList()));
            if (watched != null) {
                String namespace = options.value("--namespace").orElse(connection.defaultNamespace());
                watch(api, watched, namespace.equals("all") ? null : namespace, seconds, terminal);
            }
            return ExitCodes.OK;
        } catch (KubeException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private static void watch(KubeApi api, ResourceType type, String namespace, long seconds, Terminal terminal)
            throws InterruptedException {
        AtomicInteger changes = new AtomicInteger();
        Informer informer = Informer.builder(api, type).namespace(namespace)
                .log(line -> terminal.err().println(line))
                .handler(ResourceEventHandler.changes((change, object) -> {
                    changes.incrementAndGet();
                    ObjectNode metadata = (ObjectNode) object.path("metadata");
                    terminal.out().println(change + " " + type.kind() + " " + metadata.path("namespace").asText("")
                            + (metadata.has("namespace") ? "/" : "") + metadata.path("name").asText()
                            + " (resourceVersion " + metadata.path("resourceVersion").asText() + ")");
                })).build();
        informer.start();
        try {
            TimeUnit.SECONDS.sleep(seconds);
        } finally {
            informer.stop();
        }
        terminal.out().println("watched " + type.qualifiedName() + " for " + seconds + " s: " + changes.get()
                + " changes, synced " + informer.hasSynced() + ", " + informer.list().size() + " cached, "
                + "resourceVersion " + informer.resourceVersion());
    }

    /** {@code v1/configmaps} or {@code group/version/plural}; the kind is only used for printing. */
    static ResourceType resource(String text) throws UsageException {
        String[] parts = text.split("/");
        if (parts.length == 2) {
            return new ResourceType("", parts[0], parts[1], parts[1], true);
        }
        if (parts.length == 3) {
            return new ResourceType(parts[0], parts[1], parts[2], parts[2], true);
        }
        throw new UsageException("--watch takes VERSION/PLURAL or GROUP/VERSION/PLURAL, not '" + text + "'");
    }

    private static long seconds(String text) throws UsageException {
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the usage error
        }
        throw new UsageException("--seconds takes a positive whole number, not '" + text + "'");
    }
}
