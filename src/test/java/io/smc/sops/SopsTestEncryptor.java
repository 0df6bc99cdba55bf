package io.smc.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a document the way sops does, for test vectors: AES-256-GCM per value with the path as AAD, the MAC over
 * the plaintext values, and the data key wrapped by the caller (the real age and gpg tools).
 */
final class SopsTestEncryptor {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String SUFFIX = "_unencrypted";

    private final byte[] dataKey;
    private final java.security.MessageDigest mac;
    /** When set, sops's {@code encrypted_regex}: a value is encrypted when any key on its path matches. */
    private final java.util.regex.Pattern encryptedRegex;

    SopsTestEncryptor(byte[] dataKey) throws Exception {
        this(dataKey, null);
    }

    private SopsTestEncryptor(byte[] dataKey, java.util.regex.Pattern encryptedRegex) throws Exception {
        this.dataKey = dataKey;
        this.mac = java.security.MessageDigest.getInstance("SHA-512");
        this.encryptedRegex = encryptedRegex;
    }

    /** An encryptor with {@code encrypted_regex} in place of the {@code unencrypted_suffix} rule. */
    static SopsTestEncryptor withEncryptedRegex(byte[] dataKey, String regex) throws Exception {
        return new SopsTestEncryptor(dataKey, java.util.regex.Pattern.compile(regex));
    }

    /** The encrypted tree and its {@code sops} block (age and pgp stanzas given as {@code [id, enc]} pairs). */
    ObjectNode encrypt(ObjectNode plain, String lastModified, List<String[]> age, List<String[]> pgp)
            throws Exception {
        ObjectNode out = (ObjectNode) walk(plain, new ArrayList<>());
        ObjectNode sops = out.putObject("sops");
        ArrayNode ages = sops.putArray("age");
        for (String[] a : age) {
            ages.addObject().put("recipient", a[0]).put("enc", a[1]);
        }
        sops.put("lastmodified", lastModified);
        String hex = HexFormat.of().withUpperCase().formatHex(mac.digest());
        sops.put("mac", encryptValue(hex.getBytes(StandardCharsets.US_ASCII), "str", lastModified));
        ArrayNode pgps = sops.putArray("pgp");
        for (String[] p : pgp) {
            pgps.addObject().put("created_at", lastModified).put("enc", p[1]).put("fp", p[0]);
        }
        if (encryptedRegex == null) {
            sops.put("unencrypted_suffix", SUFFIX);
        } else {
            sops.put("encrypted_regex", encryptedRegex.pattern());
        }
        sops.put("version", "3.9.4");
        return out;
    }

    private JsonNode walk(JsonNode node, List<String> path) throws Exception {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                path.add(f.getKey());
                out.set(f.getKey(), walk(f.getValue(), path));
                path.remove(path.size() - 1);
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode item : node) {
                out.add(walk(item, path));
            }
            return out;
        }
        byte[] bytes;
        String type;
        if (node.isBoolean()) {
            bytes = (node.booleanValue() ? "True" : "False").getBytes(StandardCharsets.US_ASCII);
            type = "bool";
        } else if (node.isIntegralNumber()) {
            bytes = node.bigIntegerValue().toString().getBytes(StandardCharsets.US_ASCII);
            type = "int";
        } else if (node.isNumber()) {
            bytes = MacCalculator.floating(node.doubleValue());
            type = "float";
        } else if (node.isBinary()) {
            bytes = node.binaryValue();
            type = "str";
        } else {
            bytes = node.asText().getBytes(StandardCharsets.UTF_8);
            type = "str";
        }
        mac.update(bytes); // every value counts for the MAC, encrypted or not (no mac_only_encrypted)
        boolean plain = encryptedRegex == null ? path.stream().anyMatch(k -> k.endsWith(SUFFIX))
                : path.stream().noneMatch(k -> encryptedRegex.matcher(k).find());
        if (plain || bytes.length == 0) {
            return node.isBinary() ? TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8)) : node;
        }
        return TextNode.valueOf(encryptValue(bytes, type, String.join(":", path) + ":"));
    }

    String encryptValue(byte[] plain, String type, String aad) throws Exception {
        byte[] iv = new byte[32];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        byte[] both = cipher.doFinal(plain);
        byte[] data = java.util.Arrays.copyOf(both, both.length - 16);
        byte[] tag = java.util.Arrays.copyOfRange(both, both.length - 16, both.length);
        Base64.Encoder b64 = Base64.getEncoder();
        return "ENC[AES256_GCM,data:" + b64.encodeToString(data) + ",iv:" + b64.encodeToString(iv) + ",tag:"
                + b64.encodeToString(tag) + ",type:" + type + "]";
    }

    static byte[] yaml(ObjectNode doc) throws Exception {
        return new YAMLMapper().writeValueAsBytes(doc);
    }

    static byte[] json(ObjectNode doc) throws Exception {
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    }

    /** The dotenv form sops writes: one line per value, then the metadata flattened into {@code sops_*} keys. */
    static byte[] dotenv(ObjectNode doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("sops")) {
                flatten(out, "sops_", f.getValue(), true);
            } else {
                line(out, f.getKey(), f.getValue().asText());
            }
        }
        return out.toByteArray();
    }

    private static void flatten(ByteArrayOutputStream out, String prefix, JsonNode node, boolean top) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                flatten(out, prefix + (top ? "" : "__map_") + f.getKey(), f.getValue(), false);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(out, prefix + "__list_" + i, node.get(i), false);
            }
        } else {
            line(out, prefix, node.asText());
        }
    }

    private static void line(ByteArrayOutputStream out, String key, String value) {
        out.writeBytes((key + "=" + value.replace("\n", "\\n") + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
