package io.smc.crdgen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.SecretManagerConfig;
import io.smc.api.schema.OpenApiSchema;

/** The CustomResourceDefinition of SecretManagerConfig, derived from the records of {@code io.smc.api}. */
public final class CrdGenerator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CrdGenerator() {
    }

    public static ObjectNode crd() {
        ObjectNode crd = NODES.objectNode();
        crd.put("apiVersion", "apiextensions.k8s.io/v1");
        crd.put("kind", "CustomResourceDefinition");
        crd.putObject("metadata").put("name", SecretManagerConfig.PLURAL + "." + SecretManagerConfig.GROUP);
        ObjectNode spec = crd.putObject("spec");
        spec.put("group", SecretManagerConfig.GROUP);
        ObjectNode names = spec.putObject("names");
        names.put("kind", SecretManagerConfig.KIND);
        names.put("listKind", SecretManagerConfig.KIND + "List");
        names.put("plural", SecretManagerConfig.PLURAL);
        names.put("singular", SecretManagerConfig.SINGULAR);
        names.putArray("shortNames").add(SecretManagerConfig.SHORT_NAME);
        spec.put("scope", "Namespaced");
        ObjectNode version = spec.putArray("versions").addObject();
        version.put("name", SecretManagerConfig.VERSION);
        version.put("served", true);
        version.put("storage", true);
        version.putObject("subresources").putObject("status");
        printerColumns(version.putArray("additionalPrinterColumns"));
        version.putObject("schema").set("openAPIV3Schema", OpenApiSchema.of(SecretManagerConfig.class));
        return crd;
    }

    private static void printerColumns(ArrayNode columns) {
        columns.addObject().put("name", "Ready").put("type", "string")
                .put("jsonPath", ".status.conditions[?(@.type==\"Ready\")].status");
        columns.addObject().put("name", "Phase").put("type", "string").put("jsonPath", ".status.phase");
        columns.addObject().put("name", "Revision").put("type", "string").put("priority", 1)
                .put("jsonPath", ".status.lastAppliedRevision");
        columns.addObject().put("name", "Description").put("type", "string").put("priority", 1)
                .put("jsonPath", ".status.description");
        columns.addObject().put("name", "Age").put("type", "date").put("jsonPath", ".metadata.creationTimestamp");
    }
}
