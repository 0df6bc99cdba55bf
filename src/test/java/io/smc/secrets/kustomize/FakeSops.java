package io.smc.secrets.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smc.sops.SopsDecryptor;
import io.smc.sops.SopsException;
import io.smc.sops.SopsFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the real decryptor. "Encrypted" text is {@code ENC[base64 of the plaintext]}: a whole file of any
 * format other than YAML, or the {@code stringData} values of a YAML document with a top-level {@code sops} key.
 * It records what it was asked to decrypt, and can be told to fail.
 */
final class FakeSops implements SopsDecryptor {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final List<String> decrypted = new ArrayList<>();
    final List<SopsFormat> formats = new ArrayList<>();
    private final boolean fail;
    private final byte[] fixed;

    private FakeSops(boolean fail, byte[] fixed) {
        this.fail = fail;
        this.fixed = fixed;
    }

    static FakeSops working() {
        return new FakeSops(false, null);
    }

    static FakeSops failing() {
        return new FakeSops(true, null);
    }

    /** Decrypts every file to {@code plaintext}, which need not be UTF-8. */
    static FakeSops decryptingTo(byte[] plaintext) {
        return new FakeSops(false, plaintext.clone());
    }

    static String encrypt(String plaintext) {
        return "ENC[" + Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8)) + "]";
    }

    @Override
    public boolean isEncrypted(byte[] content, SopsFormat format) {
        if (format == SopsFormat.YAML) {
            try {
                JsonNode node = YAML.readTree(content);
                return node != null && node.has("sops");
            } catch (IOException e) {
                return false;
            }
        }
        return new String(content, StandardCharsets.UTF_8).startsWith("ENC[");
    }

    @Override
    public byte[] decrypt(byte[] content, SopsFormat format, String source) throws SopsException {
        if (fail) {
            throw new SopsException(SopsException.Kind.NO_MATCHING_KEY,
                    source + ": no key matches the recipients age1fakerecipient");
        }
        decrypted.add(source);
        formats.add(format);
        if (fixed != null) {
            return fixed.clone();
        }
        if (format != SopsFormat.YAML) {
            return open(new String(content, StandardCharsets.UTF_8).strip()).getBytes(StandardCharsets.UTF_8);
        }
        try {
            ObjectNode document = (ObjectNode) YAML.readTree(content);
            document.remove("sops");
            JsonNode stringData = document.path("stringData");
            if (stringData instanceof ObjectNode values) {
                for (Iterator<Map.Entry<String, JsonNode>> it = stringData.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    values.put(entry.getKey(), open(entry.getValue().asText()));
                }
            }
            return YAML.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new SopsException(SopsException.Kind.MALFORMED, source + ": not YAML");
        }
    }

    private static String open(String sealed) {
        if (!sealed.startsWith("ENC[") || !sealed.endsWith("]")) {
            return sealed;
        }
        return new String(Base64.getDecoder().decode(sealed.substring(4, sealed.length() - 1)), StandardCharsets.UTF_8);
    }
}
