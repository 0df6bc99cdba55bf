package io.smc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.Conditions;
import io.smc.api.SecretManagerConfig;
import io.smc.kube.KubeException;
import io.smc.kube.ListOptions;
import io.smc.kube.ResourceType;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code describe}: one config for a person — its spec in short, each condition, the inventory, its last events
 * and the source it reads with that source's own readiness. Names, states and counts only, as the object holds.
 */
final class DescribeCommand implements Command {
    static final int EVENTS_SHOWN = 10;

    private final Clock clock;

    DescribeCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "describe";
    }

    @Override
    public String summary() {
        return "show one config: spec, conditions, inventory, events and its source";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " describe NAME [-n NS]\n\n"
                + "Shows the config's spec in short, every condition with its reason, message and age, the secrets\n"
                + "it manages (names and versions), its last " + EVENTS_SHOWN
                + " events, and the source it reads with\n"
                + "that source's Ready condition and revision.\n\n"
                + "Options:\n" + ClusterArgs.HELP
                + "Exit code: 0 shown, 1 error (not found, forbidden, CRD missing).\n";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        ClusterArgs cli = ClusterArgs.parse(args, Set.of(), Set.of());
        String name = cli.name("describe");
        try (Cluster cluster = Cluster.connect(cli, terminal)) {
            ObjectNode config = cluster.config("describe", name);
            Instant now = clock.instant();
            PrintStream out = terminal.out();
            JsonNode spec = config.path("spec");
            JsonNode status = config.path("status");
            ConfigView view = new ConfigView(config);
            field(out, "Name", view.name());
            field(out, "Namespace", view.namespace());
            field(out, "Created", config.path("metadata").path("creationTimestamp").asText("-") + " ("
                    + view.age(now) + " ago)");
            SourceLookup.Found source = SourceLookup.of(config);
            field(out, "Source", source.describe());
            JsonNode gcp = spec.path("provider").path("gcp");
            field(out, "Provider", gcp.isMissingNode() ? "-" : "gcp project " + gcp.path("projectId").asText("-")
                    + (gcp.hasNonNull("location") ? " in " + gcp.path("location").asText() : " (global)"));
            JsonNode secrets = spec.path("secrets");
            field(out, "Secrets", "environment " + text(secrets, "environment")
                    + (secrets.hasNonNull("kustomizePath") ? ", kustomizePath " + text(secrets, "kustomizePath")
                            : ", basePath " + text(secrets, "basePath"))
                    + ", prefix " + text(secrets, "prefix") + ", suffix " + text(secrets, "suffix"));
            field(out, "Decryption", spec.path("decryption").path("secretRef").hasNonNull("name")
                    ? "Secret " + view.namespace() + "/" + spec.path("decryption").path("secretRef").path("name")
                            .asText() : "-");
            field(out, "Interval", text(spec, "reconcileInterval"));
            field(out, "Suspended", view.suspended() + (spec.path("suspendGitPulls").asBoolean(false)
                    ? " (suspendGitPulls: true)" : ""));
            out.println("Status:");
            field(out, "  Applied revision", text(status, "lastAppliedRevision"));
            field(out, "  Attempted revision", text(status, "lastAttemptedRevision"));
            field(out, "  Last reconcile", text(status, "lastReconcileTime"));
            field(out, "  Next reconcile", text(status, "nextReconcileTime"));
            field(out, "  Secrets synced", text(status, "secretsSynced"));
            field(out, "  Last handled request", text(status, "lastHandledReconcileAt"));
            field(out, "  Observed generation", text(status, "observedGeneration") + " (generation "
                    + config.path("metadata").path("generation").asText("-") + ")");
            out.println("Conditions:");
            Table conditions = new Table(List.of("  TYPE", "STATUS", "REASON", "AGE", "MESSAGE"));
            status.path("conditions").forEach(c -> conditions.row(List.of("  " + c.path("type").asText(),
                    c.path("status").asText(), c.path("reason").asText(), Ages.since(c.path("lastTransitionTime")
                            .asText(null), now), c.path("message").asText())));
            out.print(status.path("conditions").isEmpty() ? "  <none>\n" : conditions.render());
            out.println("Inventory:");
            Table inventory = new Table(List.of("  SECRET", "VERSION", "STATE"));
            status.path("inventory").forEach(e -> inventory.row(List.of("  " + e.path("name").asText(),
                    e.path("version").asText(""), e.path("state").asText(""))));
            out.print(status.path("inventory").isEmpty() ? "  <none>\n" : inventory.render());
            out.println("Source " + source.describe() + ":");
            source.print(cluster, out, now);
            out.println("Events:");
            events(cluster, config, out, now);
            return ExitCodes.OK;
        }
    }

    private static void events(Cluster cluster, ObjectNode config, PrintStream out, Instant now) {
        JsonNode metadata = config.path("metadata");
        String selector = "involvedObject.kind=" + SecretManagerConfig.KIND + ",involvedObject.name="
                + metadata.path("name").asText() + ",involvedObject.namespace=" + metadata.path("namespace").asText()
                + (metadata.hasNonNull("uid") ? ",involvedObject.uid=" + metadata.path("uid").asText() : "");
        List<ObjectNode> events;
        try {
            events = new ArrayList<>(cluster.api().listAll(ResourceType.EVENTS, metadata.path("namespace").asText(),
                    new ListOptions(null, selector, null, 0, null)).items());
        } catch (KubeException e) {
            out.println("  <cannot be listed: " + e.getMessage() + ">");
            return;
        }
        if (events.isEmpty()) {
            out.println("  <none>");
            return;
        }
        events.sort(Comparator.comparing(DescribeCommand::eventTime));
        List<ObjectNode> last = events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size());
        Table table = new Table(List.of("  TYPE", "REASON", "AGE", "FROM", "MESSAGE"));
        for (ObjectNode event : last) {
            int count = event.path("count").asInt(1);
            table.row(List.of("  " + event.path("type").asText(), event.path("reason").asText(),
                    Ages.since(eventTime(event), now) + (count > 1 ? " (x" + count + ")" : ""),
                    event.path("source").path("component").asText(event.path("reportingComponent").asText("")),
                    event.path("message").asText()));
        }
        out.print(table.render());
    }

    private static String eventTime(JsonNode event) {
        for (String field : List.of("lastTimestamp", "eventTime", "firstTimestamp")) {
            if (event.hasNonNull(field) && !event.path(field).asText().isEmpty()) {
                return event.path(field).asText();
            }
        }
        return event.path("metadata").path("creationTimestamp").asText("");
    }

    private static void field(PrintStream out, String label, String value) {
        out.printf("%-24s%s%n", label + ":", value == null || value.isEmpty() ? "-" : value);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : "-";
    }

    /** Kept next to the conditions shown above so that the source's readiness reads the same way. */
    static String readyLine(JsonNode source) {
        for (JsonNode condition : source.path("status").path("conditions")) {
            if (Conditions.READY.equals(condition.path("type").asText())) {
                return condition.path("status").asText() + " " + condition.path("reason").asText() + ": "
                        + condition.path("message").asText();
            }
        }
        return "<no Ready condition>";
    }
}
