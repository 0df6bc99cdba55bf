package io.smc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.KubeException;
import io.smc.kube.ResourceType;
import io.smc.runtime.WatchedKinds;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;

/** The source a config's {@code spec.sourceRef} names, found at the first version of its kind the cluster serves. */
final class SourceLookup {
    private SourceLookup() {
    }

    /** Where the source is: kind, namespace (the config's unless given) and name. */
    record Found(WatchedKinds.SourceKind kind, String namespace, String name) {
        String describe() {
            return kind.kind() + " " + namespace + "/" + name;
        }

        boolean flux() {
            return !kind.kind().equals("Application");
        }

        /** The object, at the newest version that has it; empty when it is missing. */
        Optional<ReadSource> read(Cluster cluster) throws KubeException {
            for (ResourceType type : kind.versions()) {
                try {
                    return Optional.of(new ReadSource(type, cluster.api().get(type, namespace, name)));
                } catch (ApiException e) {
                    if (e.reason() != ApiException.Reason.NOT_FOUND) {
                        throw e;
                    }
                }
            }
            return Optional.empty();
        }

        void print(Cluster cluster, PrintStream out, Instant now) {
            Optional<ReadSource> source;
            try {
                source = read(cluster);
            } catch (KubeException e) {
                out.println("  <cannot be read: " + e.getMessage() + ">");
                return;
            }
            if (source.isEmpty()) {
                out.println("  <not found>");
                return;
            }
            JsonNode object = source.get().object();
            out.printf("  %-22s%s%n", "Ready:", DescribeCommand.readyLine(object));
            String revision = flux() ? object.path("status").path("artifact").path("revision").asText("-")
                    : object.path("status").path("sync").path("revision").asText("-");
            out.printf("  %-22s%s%n", "Revision:", revision);
            if (flux()) {
                out.printf("  %-22s%s%n", "Suspended:", object.path("spec").path("suspend").asBoolean(false));
            } else {
                out.printf("  %-22s%s%n", "Health:", object.path("status").path("health").path("status")
                        .asText("-"));
            }
        }
    }

    record ReadSource(ResourceType type, ObjectNode object) {
    }

    static Found of(JsonNode config) {
        JsonNode ref = config.path("spec").path("sourceRef");
        String kind = ref.path("kind").asText("GitRepository");
        WatchedKinds.SourceKind sourceKind = WatchedKinds.SOURCES.stream().filter(k -> k.kind().equals(kind))
                .findFirst().orElse(WatchedKinds.SOURCES.get(0));
        String namespace = ref.path("namespace").asText("");
        return new Found(sourceKind, namespace.isEmpty() ? config.path("metadata").path("namespace").asText()
                : namespace, ref.path("name").asText());
    }
}
