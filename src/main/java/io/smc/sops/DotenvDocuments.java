package io.smc.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dotenv format as sops writes it: {@code KEY=value} lines ({@code \n} written as an escape), {@code #} comment
 * lines, and the metadata flattened into {@code sops_*} keys ({@code sops_age__list_0__map_recipient}).
 * The decrypted output is written for {@code io.smc.secrets.EnvFileParser}, which reads every value back exactly.
 */
final class DotenvDocuments {
    private static final String METADATA_PREFIX = "sops_";
    private static final Pattern FLAT_STEP = Pattern.compile("__(list|map)_");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DotenvDocuments() {
    }

    static SopsDocument parse(byte[] content, String source) throws SopsException {
        ObjectNode tree = NODES.objectNode();
        ObjectNode sops = NODES.objectNode();
        String text = new String(content, StandardCharsets.UTF_8);
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new SopsException(SopsException.Kind.MALFORMED, source + " line " + lineNo
                        + " is not KEY=value");
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1).replace("\\n", "\n");
            if (key.startsWith(METADATA_PREFIX)) {
                unflatten(sops, key.substring(METADATA_PREFIX.length()), value, source);
            } else {
                if (tree.has(key)) {
                    throw new SopsException(SopsException.Kind.MALFORMED, source + " defines " + key + " twice");
                }
                tree.put(key, value);
            }
        }
        return new SopsDocument(tree, sops);
    }

    static boolean isEncrypted(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.startsWith("sops_version=") || line.startsWith("sops_mac=")) {
                return true;
            }
        }
        return false;
    }

    private static final int MAX_INDEX = 1000;

    /** Rebuilds one flattened metadata entry: {@code age__list_0__map_recipient} is {@code age[0].recipient}. */
    static void unflatten(ObjectNode sops, String flatKey, String value, String source)
            throws SopsException {
        List<Object> steps = new ArrayList<>();
        Matcher m = FLAT_STEP.matcher(flatKey);
        String kind = "map";
        int start = 0;
        while (m.find()) {
            steps.add(step(kind, flatKey.substring(start, m.start()), source));
            kind = m.group(1);
            start = m.end();
        }
        steps.add(step(kind, flatKey.substring(start), source));
        JsonNode current = sops;
        for (int i = 0; i < steps.size(); i++) {
            boolean last = i == steps.size() - 1;
            JsonNode fresh = last ? TextNode.valueOf(value)
                    : steps.get(i + 1) instanceof Integer ? NODES.arrayNode() : NODES.objectNode();
            Object step = steps.get(i);
            if (step instanceof String key && current instanceof ObjectNode object) {
                if (last || object.get(key) == null) {
                    object.set(key, fresh);
                }
                current = object.get(key);
            } else if (step instanceof Integer index && current instanceof ArrayNode array) {
                while (array.size() <= index) {
                    array.addNull();
                }
                if (last || array.get(index).isNull()) {
                    array.set(index, fresh);
                }
                current = array.get(index);
            } else {
                throw new SopsException(SopsException.Kind.MALFORMED, source + " has conflicting metadata entries");
            }
        }
    }

    private static Object step(String kind, String token, String source) throws SopsException {
        if (kind.equals("map")) {
            return token;
        }
        try {
            int index = Integer.parseInt(token);
            if (index >= 0 && index < MAX_INDEX) {
                return index;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SopsException(SopsException.Kind.MALFORMED, source + " has a metadata entry with a bad list index");
    }

    /** The decrypted document as {@code KEY=value} lines that {@code EnvFileParser} reads back exactly. */
    static byte[] write(ObjectNode tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            out.writeBytes(entry.getKey().getBytes(StandardCharsets.UTF_8));
            out.write('=');
            writeValue(out, bytes(entry.getValue()));
            out.write('\n');
        }
        return out.toByteArray();
    }

    static byte[] bytes(JsonNode node) {
        if (node.isBinary()) {
            return ((com.fasterxml.jackson.databind.node.BinaryNode) node).binaryValue();
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.booleanValue()).getBytes(StandardCharsets.US_ASCII);
        }
        if (node.isNull()) {
            return new byte[0];
        }
        return node.asText().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeValue(ByteArrayOutputStream out, byte[] value) {
        if (!needsQuotes(value)) {
            out.writeBytes(value);
            return;
        }
        out.write('"');
        for (byte b : value) {
            switch (b) {
                case '\n' -> out.writeBytes(new byte[] {'\\', 'n'});
                case '\r' -> out.writeBytes(new byte[] {'\\', 'r'});
                case '\t' -> out.writeBytes(new byte[] {'\\', 't'});
                case '"' -> out.writeBytes(new byte[] {'\\', '"'});
                case '\\' -> out.writeBytes(new byte[] {'\\', '\\'});
                default -> out.write(b);
            }
        }
        out.write('"');
    }

    private static boolean needsQuotes(byte[] value) {
        if (value.length == 0) {
            return false;
        }
        if (isBlank(value[0]) || isBlank(value[value.length - 1]) || value[0] == '\'') {
            return true;
        }
        for (byte b : value) {
            if (b == '\n' || b == '\r' || b == '"' || b == '\\' || b == '#') {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f';
    }
}
