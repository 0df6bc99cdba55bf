package io.smc.api.schema;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.Durations;
import io.smc.api.ObjectMeta;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Derives an OpenAPI v3 structural schema, as {@code apiextensions.k8s.io/v1} wants it, from records by reflection.
 * Every field gets a type; properties keep the records' component order, so the output is the same on every run.
 *
 * <table>
 *   <caption>Java types and their schemas</caption>
 *   <tr><td>String</td><td>string</td></tr>
 *   <tr><td>Boolean, boolean</td><td>boolean</td></tr>
 *   <tr><td>Integer, int / Long, long</td><td>integer, format int32 / int64</td></tr>
 *   <tr><td>Duration</td><td>string with the duration pattern</td></tr>
 *   <tr><td>enum</td><td>string with enum (constant names, {@link JsonProperty} names and {@link JsonAlias} aliases)</td></tr>
 *   <tr><td>List&lt;T&gt;</td><td>array of T</td></tr>
 *   <tr><td>Map&lt;String, String&gt;</td><td>object with additionalProperties string</td></tr>
 *   <tr><td>Map&lt;String, Object&gt; with {@link PreserveUnknownFields}</td><td>object, x-kubernetes-preserve-unknown-fields</td></tr>
 *   <tr><td>ObjectMeta</td><td>object (the API server owns its schema)</td></tr>
 *   <tr><td>record</td><td>object with properties, required and x-kubernetes-validations</td></tr>
 * </table>
 */
public final class OpenApiSchema {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenApiSchema() {
    }

    /** The schema of a record type. */
    public static ObjectNode of(Class<?> type) {
        return schema(type, null);
    }

    private static ObjectNode schema(Type type, RecordComponent component) {
        ObjectNode schema = NODES.objectNode();
        Description fieldDescription = component == null ? null : component.getAnnotation(Description.class);
        if (fieldDescription != null) { // a field's own description comes first and replaces its type's
            schema.put("description", fieldDescription.value());
        }
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            schema.put("type", "string");
        } else if (raw == Boolean.class || raw == boolean.class) {
            schema.put("type", "boolean");
        } else if (raw == Integer.class || raw == int.class) {
            schema.put("type", "integer").put("format", "int32");
        } else if (raw == Long.class || raw == long.class) {
            schema.put("type", "integer").put("format", "int64");
        } else if (raw == Duration.class) {
            schema.put("type", "string").put("pattern", Durations.PATTERN);
        } else if (raw.isEnum()) {
            schema.put("type", "string");
            schema.set("enum", enumValues(raw));
        } else if (raw == List.class) {
            schema.put("type", "array");
            schema.set("items", schema(typeArgument(type, 0), null));
        } else if (raw == Map.class) {
            schema.put("type", "object");
            if (component != null && component.isAnnotationPresent(PreserveUnknownFields.class)) {
                schema.put("x-kubernetes-preserve-unknown-fields", true);
            } else {
                schema.set("additionalProperties", schema(typeArgument(type, 1), null));
            }
        } else if (raw == ObjectMeta.class) {
            schema.put("type", "object");
        } else if (raw.isRecord()) {
            record(raw, schema);
        } else {
            throw new IllegalArgumentException("no schema mapping for " + type.getTypeName());
        }
        if (component != null) {
            constraints(component, raw, schema);
        }
        return schema;
    }

    private static void record(Class<?> type, ObjectNode schema) {
        Description description = type.getAnnotation(Description.class);
        if (description != null && !schema.has("description")) {
            schema.put("description", description.value());
        }
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (RecordComponent component : type.getRecordComponents()) {
            properties.set(component.getName(), schema(component.getGenericType(), component));
            if (component.isAnnotationPresent(Required.class)) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        Rules rules = type.getAnnotation(Rules.class);
        if (rules != null) {
            ArrayNode validations = schema.putArray("x-kubernetes-validations");
            for (CrossFieldRule rule : rules.value()) {
                validations.addObject().put("rule", rule.cel()).put("message", rule.message());
            }
        }
    }

    /** Field-level keywords. */
    private static void constraints(RecordComponent component, Class<?> raw, ObjectNode schema) {
        Default value = component.getAnnotation(Default.class);
        if (value != null) {
            schema.set("default", defaultValue(value.value(), schema.path("type").asText(), component));
        }
        boolean list = raw == List.class;
        MinLength minLength = component.getAnnotation(MinLength.class);
        if (minLength != null) {
            schema.put(list ? "minItems" : "minLength", minLength.value());
        }
        MaxLength maxLength = component.getAnnotation(MaxLength.class);
        if (maxLength != null) {
            schema.put(list ? "maxItems" : "maxLength", maxLength.value());
        }
        Min min = component.getAnnotation(Min.class);
        if (min != null) {
            schema.set("minimum", number(min.value()));
        }
        Max max = component.getAnnotation(Max.class);
        if (max != null) {
            schema.set("maximum", number(max.value()));
        }
        Pattern pattern = component.getAnnotation(Pattern.class);
        if (pattern != null) {
            schema.put("pattern", pattern.value());
        }
    }

    private static JsonNode defaultValue(String text, String type, RecordComponent component) {
        return switch (type) {
            case "boolean" -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException(component + ": default '" + text + "' is not a boolean");
                }
                yield NODES.booleanNode(Boolean.parseBoolean(text));
            }
            case "integer" -> number(Long.parseLong(text));
            case "string" -> NODES.textNode(text);
            default -> throw new IllegalArgumentException(component + ": defaults are for scalar fields");
        };
    }

    /** The smallest node for a number, so generated and hand-written schemas compare equal. */
    private static JsonNode number(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private static ArrayNode enumValues(Class<?> type) {
        ArrayNode values = NODES.arrayNode();
        for (Object constant : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            try {
                java.lang.reflect.Field field = type.getField(name);
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                values.add(property != null ? property.value() : name);
                JsonAlias alias = field.getAnnotation(JsonAlias.class);
                if (alias != null) {
                    for (String spelling : alias.value()) {
                        values.add(spelling);
                    }
                }
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("an enum constant is a public field", e);
            }
        }
        return values;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("no schema mapping for " + type.getTypeName());
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalArgumentException(type.getTypeName() + " needs type arguments");
    }
}
