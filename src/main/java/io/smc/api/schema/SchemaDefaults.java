package io.smc.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Fills in a schema's defaults as the API server does on admission: a missing (or null) field with a default gets
 * it, inside every object that is present; absent objects stay absent.
 */
public final class SchemaDefaults {
    private SchemaDefaults() {
    }

    public static void apply(JsonNode value, JsonNode schema) {
        if (value == null || schema == null) {
            return;
        }
        if (value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            JsonNode properties = schema.get("properties");
            if (properties != null) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = fields.next();
                    JsonNode current = object.get(property.getKey());
                    if ((current == null || current.isNull()) && property.getValue().has("default")) {
                        object.set(property.getKey(), property.getValue().get("default").deepCopy());
                    } else {
                        apply(current, property.getValue());
                    }
                }
            }
            JsonNode additional = schema.get("additionalProperties");
            if (additional != null) {
                object.forEach(item -> apply(item, additional));
            }
        } else if (value.isArray()) {
            value.forEach(item -> apply(item, schema.get("items")));
        }
    }
}
