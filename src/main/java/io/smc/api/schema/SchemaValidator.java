package io.smc.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks a manifest against a structural schema the way the API server would, for the keywords
 * {@link OpenApiSchema} emits: type, format int32, properties and unknown fields, additionalProperties,
 * x-kubernetes-preserve-unknown-fields, required, enum, pattern, minLength/maxLength, minItems/maxItems,
 * minimum/maximum, items, and x-kubernetes-validations through their {@link CrossFieldRule} twins. A null value
 * counts as absent, as the server prunes it. Every violation names the field's path.
 */
public final class SchemaValidator {
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private final List<Violation> violations = new ArrayList<>();

    private SchemaValidator() {
    }

    public static List<Violation> validate(JsonNode value, JsonNode schema) {
        SchemaValidator validator = new SchemaValidator();
        validator.check(value, schema, "");
        return List.copyOf(validator.violations);
    }

    private void check(JsonNode value, JsonNode schema, String path) {
        if (value == null || value.isNull()) {
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> object(value, schema, path);
            case "array" -> array(value, schema, path);
            case "string" -> string(value, schema, path);
            case "integer" -> integer(value, schema, path);
            case "boolean" -> {
                if (!value.isBoolean()) {
                    wrongType(value, "a boolean", path);
                }
            }
            default -> throw new IllegalArgumentException("schema at " + path + " has no type the validator knows");
        }
    }

    private void object(JsonNode value, JsonNode schema, String path) {
        if (!value.isObject()) {
            wrongType(value, "an object", path);
            return;
        }
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean freeForm = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                || (properties == null && additional == null);
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (properties != null && properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), fieldPath);
            } else if (additional != null) {
                check(field.getValue(), additional, fieldPath);
            } else if (!freeForm) {
                violations.add(new Violation(fieldPath, "unknown field"));
            }
        }
        for (JsonNode required : schema.path("required")) {
            JsonNode field = value.get(required.asText());
            if (field == null || field.isNull()) {
                violations.add(new Violation(path.isEmpty() ? required.asText() : path + "." + required.asText(),
                        "is required"));
            }
        }
        for (JsonNode validation : schema.path("x-kubernetes-validations")) {
            CrossFieldRule rule = ruleFor(validation.path("rule").asText());
            if (!rule.holdsFor(value)) {
                violations.add(new Violation(path, validation.path("message").asText(rule.message())));
            }
        }
    }

    private void array(JsonNode value, JsonNode schema, String path) {
        if (!value.isArray()) {
            wrongType(value, "a list", path);
            return;
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            violations.add(new Violation(path, "must have at least " + schema.get("minItems").asInt() + " items"));
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            violations.add(new Violation(path, "must have at most " + schema.get("maxItems").asInt() + " items"));
        }
        for (int i = 0; i < value.size(); i++) {
            check(value.get(i), schema.get("items"), path + "[" + i + "]");
        }
    }

    private void string(JsonNode value, JsonNode schema, String path) {
        if (!value.isTextual()) {
            wrongType(value, "a string", path);
            return;
        }
        String text = value.textValue();
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            violations.add(new Violation(path, "must have at least " + schema.get("minLength").asInt()
                    + " characters"));
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            violations.add(new Violation(path, "must have at most " + schema.get("maxLength").asInt()
                    + " characters"));
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.asText().equals(text);
            }
            if (!listed) {
                violations.add(new Violation(path, "'" + text + "' is not one of " + schema.get("enum")));
            }
        }
        if (schema.has("pattern")) {
            String pattern = schema.get("pattern").asText();
            if (!PATTERNS.computeIfAbsent(pattern, Pattern::compile).matcher(text).find()) {
                violations.add(new Violation(path, "'" + text + "' does not match " + pattern));
            }
        }
    }

    private void integer(JsonNode value, JsonNode schema, String path) {
        if (!value.isIntegralNumber()) {
            wrongType(value, "an integer", path);
            return;
        }
        long number = value.asLong();
        if (!value.canConvertToLong() || ("int32".equals(schema.path("format").asText())
                && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE))) {
            violations.add(new Violation(path, "is out of range"));
            return;
        }
        if (schema.has("minimum") && number < schema.get("minimum").asLong()) {
            violations.add(new Violation(path, "must be at least " + schema.get("minimum").asLong()));
        }
        if (schema.has("maximum") && number > schema.get("maximum").asLong()) {
            violations.add(new Violation(path, "must be at most " + schema.get("maximum").asLong()));
        }
    }

    private void wrongType(JsonNode value, String expected, String path) {
        violations.add(new Violation(path, "must be " + expected + ", not " + describe(value)));
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return value.isNumber() ? "a number" : value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static CrossFieldRule ruleFor(String cel) {
        for (CrossFieldRule rule : CrossFieldRule.values()) {
            if (rule.cel().equals(cel)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("no Java twin for the rule " + cel);
    }
}
