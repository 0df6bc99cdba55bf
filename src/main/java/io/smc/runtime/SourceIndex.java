package io.smc.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The secondary index of the config cache that answers "which configs read this source?": a config is indexed under
 * {@code Kind/namespace/name} of its {@code spec.sourceRef} (kind GitRepository and the config's own namespace when
 * left out, as the API defaults them), and a source event looks its own key up.
 */
public final class SourceIndex {
    public static final String NAME = "source";
    private static final String DEFAULT_KIND = "GitRepository";

    private SourceIndex() {
    }

    /** The index values of a config: one key, or none when it has no source name. */
    public static List<String> of(ObjectNode config) {
        JsonNode ref = config.path("spec").path("sourceRef");
        String name = ref.path("name").asText("");
        if (name.isEmpty()) {
            return List.of();
        }
        String kind = ref.path("kind").asText("");
        String namespace = ref.path("namespace").asText("");
        return List.of(key(kind.isEmpty() ? DEFAULT_KIND : kind,
                namespace.isEmpty() ? config.path("metadata").path("namespace").asText("") : namespace, name));
    }

    /** The key a source is found under. */
    public static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }
}
