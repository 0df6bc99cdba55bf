package io.smc.kube.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** JSON merge patch (RFC 7386) and JSON patch (RFC 6902: add, remove, replace, move, copy, test). */
final class Patches {
    private Patches() {
    }

    /** Thrown when a JSON patch cannot apply: a missing path, a failed test, a malformed operation. */
    static final class PatchFailure extends Exception {
        PatchFailure(String message) {
            super(message, null, false, false);
        }
    }

    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (var field : patch.properties()) {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    static JsonNode jsonPatch(JsonNode target, JsonNode operations) throws PatchFailure {
        if (!operations.isArray()) {
            throw new PatchFailure("a JSON patch is an array of operations");
        }
        JsonNode document = target.deepCopy();
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText("");
            String path = operation.path("path").asText(null);
            if (path == null) {
                throw new PatchFailure("operation without path");
            }
            switch (op) {
                case "add" -> document = add(document, path, value(operation));
                case "remove" -> document = remove(document, path);
                case "replace" -> {
                    get(document, path);
                    document = add(remove(document, path), path, value(operation));
                }
                case "move" -> {
                    String from = operation.path("from").asText("");
                    JsonNode moved = get(document, from);
                    document = add(remove(document, from), path, moved);
                }
                case "copy" -> document = add(document, path, get(document, operation.path("from").asText(""))
                        .deepCopy());
                case "test" -> {
                    if (!get(document, path).equals(value(operation))) {
                        throw new PatchFailure("test failed at " + path);
                    }
                }
                default -> throw new PatchFailure("unknown operation " + op);
            }
        }
        return document;
    }

    private static JsonNode value(JsonNode operation) throws PatchFailure {
        if (!operation.has("value")) {
            throw new PatchFailure("operation " + operation.path("op").asText() + " needs a value");
        }
        return operation.get("value").deepCopy();
    }

    private static List<String> tokens(String pointer) throws PatchFailure {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw new PatchFailure("not a JSON pointer: " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static JsonNode get(JsonNode document, String pointer) throws PatchFailure {
        JsonNode node = document;
        for (String token : tokens(pointer)) {
            node = child(node, token, pointer);
        }
        return node;
    }

    private static JsonNode child(JsonNode node, String token, String pointer) throws PatchFailure {
        JsonNode child = node.isArray() ? node.get(index(token, node.size() - 1, pointer)) : node.get(token);
        if (child == null) {
            throw new PatchFailure("missing path " + pointer);
        }
        return child;
    }

    private static JsonNode add(JsonNode document, String pointer, JsonNode value) throws PatchFailure {
        List<String> tokens = tokens(pointer);
        if (tokens.isEmpty()) {
            return value;
        }
        JsonNode parent = parent(document, tokens, pointer);
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.insert(last.equals("-") ? array.size() : index(last, array.size(), pointer), value);
        } else {
            throw new PatchFailure("cannot add under a scalar at " + pointer);
        }
        return document;
    }

    private static JsonNode remove(JsonNode document, String pointer) throws PatchFailure {
        List<String> tokens = tokens(pointer);
        if (tokens.isEmpty()) {
            throw new PatchFailure("cannot remove the whole document");
        }
        JsonNode parent = parent(document, tokens, pointer);
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(index(last, array.size() - 1, pointer));
        } else {
            throw new PatchFailure("missing path " + pointer);
        }
        return document;
    }

    private static JsonNode parent(JsonNode document, List<String> tokens, String pointer) throws PatchFailure {
        JsonNode node = document;
        for (String token : tokens.subList(0, tokens.size() - 1)) {
            node = child(node, token, pointer);
        }
        return node;
    }

    private static int index(String token, int max, String pointer) throws PatchFailure {
        try {
            int index = Integer.parseInt(token);
            if (index >= 0 && index <= max) {
                return index;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PatchFailure("bad array index at " + pointer);
    }
}
