package io.smc.kube.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which objects a list or watch asks for: a namespace, a label selector and a field selector. Label selectors take
 * the equality forms ({@code k=v}, {@code k==v}, {@code k!=v}, {@code k}, {@code !k}), which is what sharding and
 * ownership labels use; set forms ({@code in}, {@code notin}) are refused with 400 rather than misread. Field
 * selectors take any dotted path ({@code metadata.name}, {@code involvedObject.uid}).
 */
final class Selection {
    private final String namespace;
    private final List<Predicate<JsonNode>> requirements;

    private Selection(String namespace, List<Predicate<JsonNode>> requirements) {
        this.namespace = namespace;
        this.requirements = requirements;
    }

    static Selection parse(String namespace, String labelSelector, String fieldSelector) throws StatusError {
        List<Predicate<JsonNode>> requirements = new ArrayList<>();
        for (String term : terms(labelSelector)) {
            requirements.add(label(term));
        }
        for (String term : terms(fieldSelector)) {
            requirements.add(field(term));
        }
        return new Selection(namespace, requirements);
    }

    boolean matches(JsonNode object) {
        if (namespace != null && !namespace.equals(object.path("metadata").path("namespace").asText(""))) {
            return false;
        }
        return requirements.stream().allMatch(requirement -> requirement.test(object));
    }

    private static List<String> terms(String selector) {
        List<String> terms = new ArrayList<>();
        if (selector != null) {
            for (String term : selector.split(",")) {
                if (!term.isBlank()) {
                    terms.add(term.trim());
                }
            }
        }
        return terms;
    }

    private static Predicate<JsonNode> label(String term) throws StatusError {
        if (term.contains("(") || term.matches(".*\\s(in|notin)\\s.*")) {
            throw StatusError.badRequest("unable to parse requirement: set-based label selectors are not modelled: "
                    + term);
        }
        if (term.startsWith("!")) {
            String key = term.substring(1).trim();
            return object -> !labels(object).has(key);
        }
        int notEqual = term.indexOf("!=");
        if (notEqual > 0) {
            String key = term.substring(0, notEqual).trim();
            String value = term.substring(notEqual + 2).trim();
            // A missing label differs from every value, as in the API server.
            return object -> !value.equals(labels(object).path(key).asText(null));
        }
        int equal = term.indexOf('=');
        if (equal > 0) {
            String key = term.substring(0, equal).trim();
            String value = term.substring(term.startsWith("==", equal) ? equal + 2 : equal + 1).trim();
            return object -> labels(object).has(key) && value.equals(labels(object).path(key).asText());
        }
        if (!term.matches("[A-Za-z0-9./_-]+")) {
            throw StatusError.badRequest("unable to parse requirement: " + term);
        }
        return object -> labels(object).has(term);
    }

    private static Predicate<JsonNode> field(String term) throws StatusError {
        boolean negated = term.contains("!=");
        String[] parts = term.split(negated ? "!=" : "==?", 2);
        if (parts.length != 2) {
            throw StatusError.badRequest("invalid field selector: " + term);
        }
        String key = parts[0].trim();
        String value = parts[1].trim();
        if (!key.matches("[A-Za-z]+(\\.[A-Za-z]+)*")) {
            throw StatusError.badRequest("field label not supported: " + key);
        }
        // Any dotted path is taken, as the Events API's involvedObject.* selectors need; the real server allows only
        // the fields each kind declares.
        String[] path = key.split("\\.");
        return object -> {
            JsonNode node = object;
            for (String segment : path) {
                node = node.path(segment);
            }
            return negated != value.equals(node.asText(""));
        };
    }

    private static JsonNode labels(JsonNode object) {
        return object.path("metadata").path("labels");
    }
}
