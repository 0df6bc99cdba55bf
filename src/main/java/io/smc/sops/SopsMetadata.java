package io.smc.sops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code sops} block of a file: who the data key was encrypted for, which keys were encrypted, and the MAC.
 *
 * @param otherKeyTypes key types present that this build cannot use (kms, gcp_kms, azure_kv, hc_vault, ...)
 * @param keyGroups the number of Shamir key groups (0 when the file has none)
 */
record SopsMetadata(List<AgeStanza> age, List<PgpStanza> pgp, List<String> otherKeyTypes, String lastModified,
        String mac, String version, String unencryptedSuffix, String encryptedSuffix, Pattern unencryptedRegex,
        Pattern encryptedRegex, boolean macOnlyEncrypted, int keyGroups, int shamirThreshold) {

    record AgeStanza(String recipient, String enc) {
        @Override
        public String toString() {
            return recipient;
        }
    }

    record PgpStanza(String fingerprint, String enc) {
        @Override
        public String toString() {
            return fingerprint;
        }
    }

    private static final List<String> UNSUPPORTED_TYPES = List.of("kms", "gcp_kms", "azure_kv", "hc_vault");

    /** Reads the metadata from the {@code sops} node of a document. */
    static SopsMetadata from(JsonNode sops, String source) throws SopsException {
        if (sops == null || !sops.isObject()) {
            throw malformed(source, "has no sops metadata");
        }
        List<AgeStanza> age = new ArrayList<>();
        List<PgpStanza> pgp = new ArrayList<>();
        List<String> other = new ArrayList<>();
        JsonNode groups = sops.path("key_groups");
        int keyGroups = groups.isArray() ? groups.size() : 0;
        if (keyGroups > 0) {
            for (JsonNode group : groups) {
                keys(group, age, pgp, other, source);
            }
        } else {
            keys(sops, age, pgp, other, source);
        }
        String unencryptedSuffix = text(sops, "unencrypted_suffix");
        String encryptedSuffix = text(sops, "encrypted_suffix");
        Pattern unencryptedRegex = regex(sops, "unencrypted_regex", source);
        Pattern encryptedRegex = regex(sops, "encrypted_regex", source);
        int rules = (unencryptedSuffix.isEmpty() ? 0 : 1) + (encryptedSuffix.isEmpty() ? 0 : 1)
                + (unencryptedRegex == null ? 0 : 1) + (encryptedRegex == null ? 0 : 1);
        if (rules > 1) {
            throw malformed(source, "sets more than one of unencrypted_suffix, encrypted_suffix, "
                    + "unencrypted_regex and encrypted_regex");
        }
        JsonNode macOnly = sops.path("mac_only_encrypted");
        return new SopsMetadata(List.copyOf(age), List.copyOf(pgp), List.copyOf(other), text(sops, "lastmodified"),
                text(sops, "mac"), text(sops, "version"), unencryptedSuffix, encryptedSuffix, unencryptedRegex,
                encryptedRegex, macOnly.asBoolean(false) || "true".equals(macOnly.asText()), keyGroups,
                sops.path("shamir_threshold").asInt(0));
    }

    private static void keys(JsonNode node, List<AgeStanza> age, List<PgpStanza> pgp, List<String> other,
            String source) throws SopsException {
        for (JsonNode a : node.path("age")) {
            if (!a.path("recipient").isTextual() || !a.path("enc").isTextual()) {
                throw malformed(source, "has an age entry without recipient or enc");
            }
            age.add(new AgeStanza(a.get("recipient").asText(), a.get("enc").asText()));
        }
        for (JsonNode p : node.path("pgp")) {
            if (!p.path("fp").isTextual() || !p.path("enc").isTextual()) {
                throw malformed(source, "has a pgp entry without fp or enc");
            }
            pgp.add(new PgpStanza(p.get("fp").asText(), p.get("enc").asText()));
        }
        for (String type : UNSUPPORTED_TYPES) {
            if (node.path(type).isArray() && node.path(type).size() > 0 && !other.contains(type)) {
                other.add(type);
            }
        }
    }

    /** Whether sops encrypted the value at {@code path}, by the file's suffix or regex rule. */
    boolean encrypts(List<String> path) {
        if (!unencryptedSuffix.isEmpty()) {
            return path.stream().noneMatch(k -> k.endsWith(unencryptedSuffix));
        }
        if (!encryptedSuffix.isEmpty()) {
            return path.stream().anyMatch(k -> k.endsWith(encryptedSuffix));
        }
        if (unencryptedRegex != null) {
            return path.stream().noneMatch(k -> unencryptedRegex.matcher(k).find());
        }
        if (encryptedRegex != null) {
            return path.stream().anyMatch(k -> encryptedRegex.matcher(k).find());
        }
        return true;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static Pattern regex(JsonNode node, String field, String source) throws SopsException {
        String text = text(node, field);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw malformed(source, "has an invalid " + field);
        }
    }

    private static SopsException malformed(String source, String what) {
        return new SopsException(SopsException.Kind.MALFORMED, source + " " + what);
    }
}
