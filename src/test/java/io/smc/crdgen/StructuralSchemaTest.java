package io.smc.crdgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smc.api.schema.SchemaValidator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rules the API server applies to a CRD's schema before accepting it (structural schema, defaults, CEL field
 * references), checked on the generated CRD since no API server runs in the tests.
 */
class StructuralSchemaTest {
    private static final Set<String> KEYWORDS = Set.of("description", "type", "format", "properties", "required",
            "items", "additionalProperties", "enum", "pattern", "minLength", "maxLength", "minItems", "maxItems",
            "minimum", "maximum", "default", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-validations");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "boolean");
    private static final Pattern SELF_FIELD = Pattern.compile("self\\.([A-Za-z]+)");

    private final List<String> problems = new ArrayList<>();

    private static JsonNode rootSchema() {
        return CrdGenerator.crd().at("/spec/versions/0/schema/openAPIV3Schema");
    }

    @Test
    void generatedSchemaIsStructural() {
        walk(rootSchema(), "");

        assertEquals(List.of(), problems);
    }

    @Test
    void metadataIsLeftToTheServer() {
        assertEquals("{\"type\":\"object\"}", rootSchema().at("/properties/metadata").toString());
    }

    @Test
    void theWalkFindsProblemsWhenThereAreSome() throws Exception {
        JsonNode broken = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"type":"object","properties":{"a":{"description":"no type"},
                 "b":{"type":"object","properties":{},"additionalProperties":{"type":"string"}},
                 "c":{"type":"string","default":5},
                 "d":{"type":"object","properties":{"x":{"type":"string"}},
                      "x-kubernetes-validations":[{"rule":"has(self.y)","message":"m"}]}}}
                """);

        walk(broken, "");

        assertEquals(4, problems.size(), problems::toString);
    }

    private void walk(JsonNode schema, String path) {
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (!KEYWORDS.contains(keyword)) {
                problems.add(path + ": keyword " + keyword + " is not one the generator may emit");
            }
        }
        String type = schema.path("type").asText("");
        if (!TYPES.contains(type)) {
            problems.add(path + ": every schema needs a type, found '" + type + "'");
        }
        if (schema.has("properties") && schema.has("additionalProperties")) {
            problems.add(path + ": properties and additionalProperties are exclusive");
        }
        if (schema.has("x-kubernetes-preserve-unknown-fields") && !type.equals("object")) {
            problems.add(path + ": preserve-unknown-fields needs type object");
        }
        if ("array".equals(type) && !schema.has("items")) {
            problems.add(path + ": an array needs items");
        }
        if (schema.has("default")) {
            SchemaValidator.validate(schema.get("default"), withoutDefault(schema))
                    .forEach(v -> problems.add(path + ": default does not validate: " + v));
        }
        for (JsonNode required : schema.path("required")) {
            if (!schema.path("properties").has(required.asText())) {
                problems.add(path + ": required field " + required.asText() + " is not a property");
            }
        }
        for (JsonNode validation : schema.path("x-kubernetes-validations")) {
            Matcher field = SELF_FIELD.matcher(validation.path("rule").asText());
            while (field.find()) {
                if (!schema.path("properties").has(field.group(1))) {
                    problems.add(path + ": rule refers to self." + field.group(1) + ", which is not a property");
                }
            }
            if (validation.path("message").asText("").isEmpty()) {
                problems.add(path + ": rule without a message");
            }
        }
        schema.path("properties").fields().forEachRemaining(p -> walk(p.getValue(), path + "." + p.getKey()));
        if (schema.has("items")) {
            walk(schema.get("items"), path + "[]");
        }
        if (schema.path("additionalProperties").isObject()) {
            walk(schema.get("additionalProperties"), path + ".*");
        }
    }

    private static JsonNode withoutDefault(JsonNode schema) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = schema.deepCopy();
        copy.remove("default");
        return copy;
    }

    @Test
    void everyDefaultIsOnAnOptionalField() {
        List<String> found = new ArrayList<>();
        collectRequiredWithDefault(rootSchema(), "", found);

        assertTrue(found.isEmpty(), found::toString);
    }

    private static void collectRequiredWithDefault(JsonNode schema, String path, List<String> found) {
        for (JsonNode required : schema.path("required")) {
            if (schema.path("properties").path(required.asText()).has("default")) {
                found.add(path + "." + required.asText());
            }
        }
        schema.path("properties").fields().forEachRemaining(
                p -> collectRequiredWithDefault(p.getValue(), path + "." + p.getKey(), found));
        if (schema.has("items")) {
            collectRequiredWithDefault(schema.get("items"), path + "[]", found);
        }
    }
}
