package io.smc.sops;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.Iterator;

/**
 * Reads and writes the YAML and JSON formats with Jackson, keeping key order and value types. Parse errors name
 * a position only: Jackson's own messages may quote the document.
 */
final class YamlJsonDocuments {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .nodeFactory(NODES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .nodeFactory(NODES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private YamlJsonDocuments() {
    }

    /** The document, or null when it is not a mapping at the top level. */
    static ObjectNode parse(byte[] content, SopsFormat format, String source) throws SopsException {
        JsonNode root;
        try {
            root = mapper(format).readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new SopsException(SopsException.Kind.MALFORMED, source + " is not valid " + format
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new SopsException(SopsException.Kind.MALFORMED, source + " cannot be read as " + format);
        }
        return root instanceof ObjectNode object ? object : null;
    }

    static SopsDocument split(ObjectNode root, String source) throws SopsException {
        if (root == null || !root.path("sops").isObject()) {
            throw new SopsException(SopsException.Kind.MALFORMED, source + " has no sops metadata");
        }
        ObjectNode tree = root.deepCopy();
        JsonNode sops = tree.remove("sops");
        return new SopsDocument(tree, sops);
    }

    static boolean hasSopsBlock(ObjectNode root) {
        JsonNode sops = root == null ? null : root.get("sops");
        return sops != null && sops.isObject() && (sops.has("mac") || sops.has("lastmodified"));
    }

    static byte[] write(ObjectNode tree, SopsFormat format, String source) throws SopsException {
        refuseBinary(tree, source);
        try {
            return mapper(format).writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new SopsException(SopsException.Kind.MALFORMED, source + " cannot be written as " + format);
        }
    }

    private static void refuseBinary(JsonNode node, String source) throws SopsException {
        if (node.isBinary()) {
            throw new SopsException(SopsException.Kind.MALFORMED, source
                    + " holds a value that is not UTF-8, which " + "this format cannot carry");
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            refuseBinary(it.next(), source);
        }
    }

    private static ObjectMapper mapper(SopsFormat format) {
        return format == SopsFormat.YAML ? YAML : JSON;
    }
}
