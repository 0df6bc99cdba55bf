package io.smc.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Walks a document tree as sops does: decrypts the values its rules say are encrypted, with the path of the value
 * ({@code a:b:}) as AAD, and feeds every value that counts to the MAC. A string that is not UTF-8 becomes a
 * {@link BinaryNode} so the formats that can carry raw bytes keep them exactly.
 */
final class TreeDecryptor {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final SopsMetadata metadata;
    private final byte[] dataKey;
    private final MacCalculator mac = new MacCalculator();

    private TreeDecryptor(SopsMetadata metadata, byte[] dataKey) {
        this.metadata = metadata;
        this.dataKey = dataKey;
    }

    /** The decrypted tree, returned only when the MAC matches. */
    static ObjectNode decrypt(ObjectNode tree, SopsMetadata metadata, byte[] dataKey, String source)
            throws SopsException {
        TreeDecryptor walker = new TreeDecryptor(metadata, dataKey);
        ObjectNode out = (ObjectNode) walker.walk(tree, new ArrayList<>(), source);
        walker.mac.verify(metadata, dataKey, source);
        return out;
    }

    private JsonNode walk(JsonNode node, List<String> path, String source) throws SopsException {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                path.add(field.getKey());
                out.set(field.getKey(), walk(field.getValue(), path, source));
                path.remove(path.size() - 1);
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode item : node) {
                out.add(walk(item, path, source));
            }
            return out;
        }
        return scalar(node, path, source);
    }

    private JsonNode scalar(JsonNode node, List<String> path, String source) throws SopsException {
        boolean encrypted = metadata.encrypts(path);
        if (!encrypted) {
            if (!metadata.macOnlyEncrypted()) {
                mac.add(plainBytes(node));
            }
            return node;
        }
        if (node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
            return node; // sops leaves empty values unencrypted
        }
        String aad = String.join(":", path) + ":";
        String where = source + " at " + aad;
        if (!node.isTextual()) {
            throw new SopsException(SopsException.Kind.INTEGRITY, "value " + where
                    + " should be encrypted but is not");
        }
        EncryptedValue value = EncryptedValue.parse(node.asText(), where);
        byte[] plain = value.decrypt(dataKey, aad.getBytes(StandardCharsets.UTF_8), where);
        JsonNode typed = typed(plain, value.type(), where);
        mac.add(plainBytes(typed));
        return typed;
    }

    private static JsonNode typed(byte[] plain, String type, String where) throws SopsException {
        String text = new String(plain, StandardCharsets.UTF_8);
        try {
            return switch (type) {
                case "str", "bytes" -> stringNode(plain);
                case "int" -> NODES.numberNode(new BigInteger(text.trim()));
                case "float" -> NODES.numberNode(new BigDecimal(text.trim()));
                case "bool" -> BooleanNode.valueOf(parseBool(text, where));
                default -> throw new SopsException(SopsException.Kind.UNSUPPORTED, "value " + where
                        + " has the unknown type " + type);
            };
        } catch (NumberFormatException e) {
            throw new SopsException(SopsException.Kind.MALFORMED, "value " + where + " is not a valid " + type);
        }
    }

    private static boolean parseBool(String text, String where) throws SopsException {
        return switch (text) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new SopsException(SopsException.Kind.MALFORMED, "value " + where
                    + " is not a valid bool");
        };
    }

    private static JsonNode stringNode(byte[] plain) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plain)).toString();
            return TextNode.valueOf(s);
        } catch (CharacterCodingException e) {
            return BinaryNode.valueOf(plain);
        }
    }

    /** A value's bytes as sops's {@code ToBytes} writes them for the MAC. */
    private static byte[] plainBytes(JsonNode node) {
        if (node.isBinary()) {
            return ((BinaryNode) node).binaryValue();
        }
        if (node.isBoolean()) {
            return MacCalculator.bool(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString().getBytes(StandardCharsets.US_ASCII);
        }
        if (node.isNumber()) {
            return MacCalculator.floating(node.doubleValue());
        }
        if (node.isNull()) {
            return new byte[0];
        }
        return node.asText().getBytes(StandardCharsets.UTF_8);
    }

}
