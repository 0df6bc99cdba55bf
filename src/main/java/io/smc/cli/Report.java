package io.smc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.plan.ActionKind;
import io.smc.plan.AppliedAction;
import io.smc.plan.Plan;
import io.smc.plan.PlannedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report {@code plan} and {@code sync} print, as a table or as JSON. It shows names, sizes, fingerprints and
 * sources of secrets, never their values.
 */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Plan plan;
    /** Null for a plan; one result per action for a sync. */
    private final List<AppliedAction> results;

    /** The source revision read, when the source has one (a Flux artifact); null for a plain directory. */
    private final String revision;

    private Report(Plan plan, List<AppliedAction> results, String revision) {
        this.plan = plan;
        this.results = results;
        this.revision = revision;
    }

    Report withRevision(String revision) {
        return new Report(plan, results, revision);
    }

    static Report ofPlan(Plan plan) {
        return new Report(plan, null, null);
    }

    static Report ofSync(Plan plan, List<AppliedAction> results) {
        return new Report(plan, results, null);
    }

    void print(Terminal terminal, boolean json) {
        terminal.out().print(json ? json() : table());
    }

    String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(results == null
                ? new String[] {"ACTION", "SECRET", "SIZE", "FINGERPRINT", "REASON", "SOURCE"}
                : new String[] {"ACTION", "SECRET", "SIZE", "FINGERPRINT", "RESULT", "SOURCE"});
        for (int i = 0; i < plan.actions().size(); i++) {
            PlannedAction a = plan.actions().get(i);
            String last = results == null ? a.reason() : result(results.get(i));
            rows.add(new String[] {a.kind().label(), a.name(), a.secret() == null ? "-" : Integer.toString(a.size()),
                    a.fingerprint().isEmpty() ? "-" : a.fingerprint(), last,
                    a.secret() == null ? "-" : a.secret().origin().toString()});
        }
        StringBuilder out = new StringBuilder();
        out.append(results == null ? "Plan" : "Sync").append(" against ").append(plan.storeId());
        if (revision != null) {
            out.append(" (revision ").append(revision).append(')');
        }
        out.append('\n');
        if (plan.actions().isEmpty()) {
            out.append("(no secrets)\n");
        } else {
            appendAligned(out, rows);
        }
        if (!plan.problems().isEmpty()) {
            out.append("\nProblems (").append(plan.problems().size()).append("), left out of the ")
                    .append(results == null ? "plan" : "sync").append(":\n");
            plan.problems().forEach(p -> out.append("  ").append(p).append('\n'));
        }
        if (!plan.conflicts().isEmpty()) {
            out.append("\nConflicts (").append(plan.conflicts().size()).append("): nothing is written while any "
                    + "remains:\n");
            plan.conflicts().forEach(p -> out.append("  ").append(p).append('\n'));
        }
        if (!plan.notes().isEmpty()) {
            out.append("\nNotes:\n");
            plan.notes().forEach(n -> out.append("  ").append(n).append('\n'));
        }
        out.append('\n').append(summary()).append('\n');
        return out.toString();
    }

    private static String result(AppliedAction result) {
        if (result.failed()) {
            return "FAILED: " + result.error();
        }
        return result.action().kind().changesStore() ? "done" : "-";
    }

    private static void appendAligned(StringBuilder out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        rows.forEach(row -> {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                boolean numeric = c == 2 && row != rows.get(0);
                String cell = c == columns - 1 ? row[c]
                        : numeric ? " ".repeat(widths[c] - row[c].length()) + row[c]
                        : row[c] + " ".repeat(widths[c] - row[c].length());
                line.append(cell).append(c == columns - 1 ? "" : "  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private String summary() {
        Map<ActionKind, Integer> counts = plan.counts();
        String verb = results == null ? "" : "applied: ";
        String text = verb + counts.get(ActionKind.CREATE) + " to create, " + counts.get(ActionKind.ADD_VERSION)
                + " to add a version, " + counts.get(ActionKind.ENABLE) + " to enable, "
                + counts.get(ActionKind.DISABLE) + " to disable, " + counts.get(ActionKind.UNCHANGED) + " unchanged";
        for (ActionKind kind : List.of(ActionKind.ADOPT, ActionKind.UPDATE_METADATA, ActionKind.RETIRE,
                ActionKind.DESTROY, ActionKind.DELETE)) {
            if (counts.get(kind) > 0) {
                text += ", " + counts.get(kind) + " to " + kind.label();
            }
        }
        if (results != null) {
            text = text.replace(" to ", " ");
            long failed = results.stream().filter(AppliedAction::failed).count();
            text += "; " + failed + " failed";
        }
        text += "; " + plan.problems().size() + " problem" + (plan.problems().size() == 1 ? "" : "s");
        if (!plan.conflicts().isEmpty()) {
            text += "; " + plan.conflicts().size() + " conflict" + (plan.conflicts().size() == 1 ? "" : "s");
        }
        return text + ".";
    }

    String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("store", plan.storeId());
        if (revision != null) {
            root.put("revision", revision);
        }
        root.put("changes", plan.hasChanges());
        ObjectNode summary = root.putObject("summary");
        plan.counts().forEach((kind, count) -> summary.put(kind.label(), count));
        summary.put("problems", plan.problems().size());
        summary.put("conflicts", plan.conflicts().size());
        if (results != null) {
            summary.put("failed", results.stream().filter(AppliedAction::failed).count());
        }
        ArrayNode actions = root.putArray("actions");
        for (int i = 0; i < plan.actions().size(); i++) {
            PlannedAction a = plan.actions().get(i);
            ObjectNode node = actions.addObject();
            node.put("action", a.kind().label());
            node.put("name", a.name());
            if (a.secret() != null) {
                node.put("service", a.secret().service());
                node.put("key", a.secret().key());
                node.put("disabled", a.secret().disabled());
                node.put("size", a.size());
                node.put("fingerprint", a.fingerprint());
                node.put("source", a.secret().origin().toString());
            }
            node.put("reason", a.reason());
            if (a.drift()) {
                node.put("drift", true);
            }
            if (a.version() > 0) {
                node.put("version", a.version());
            }
            if (results != null) {
                AppliedAction result = results.get(i);
                node.put("result", result.failed() ? "failed" : a.kind().changesStore() ? "applied" : "unchanged");
                if (result.failed()) {
                    node.put("error", result.error());
                }
            }
        }
        ArrayNode problems = root.putArray("problems");
        plan.problems().forEach(p -> problems.addObject().put("where", p.where()).put("message", p.message()));
        ArrayNode conflicts = root.putArray("conflicts");
        plan.conflicts().forEach(p -> conflicts.addObject().put("where", p.where()).put("message", p.message()));
        ArrayNode notes = root.putArray("notes");
        plan.notes().forEach(notes::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }
}
