package io.smc.provider.gcp.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a service account JSON key into library credentials, with messages that name the key's source and the problem
 * but never quote the content.
 *
 * <p>Only {@code service_account} keys are accepted. A key here comes from a tenant's Secret, and the other types the
 * library reads are unsafe or out of place there: an {@code external_account} configuration names files, URLs or
 * programs on the controller's side whose output it sends to a token URL of its own choosing (it could read the
 * controller's own Kubernetes token and send it away); {@code authorized_user} is a person's refresh token;
 * {@code impersonated_service_account} hides a second identity inside the first. Workload identity federation is
 * still available through Application Default Credentials, whose configuration the operator mounts.
 *
 * <p>The structure is checked before the library sees the key, because the library casts fields blindly (a number
 * where it expects a string is a {@code ClassCastException}) and its messages are not ours to promise safe.
 */
final class ServiceAccountKeys {
    static final String ACCEPTED_TYPE = "service_account";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> REQUIRED = List.of("client_email", "client_id", "private_key", "private_key_id");
    private static final List<String> OPTIONAL_TEXT = List.of("project_id", "token_uri", "quota_project_id",
            "universe_domain");
    /** A type is shown only when it looks like one, so a value pasted into the wrong field is not echoed. */
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z_]{1,40}");

    private ServiceAccountKeys() {
    }

    /**
     * @param json   the key file's bytes
     * @param source where they came from, for messages
     * @throws GcpAuthException when the bytes are not a usable service account key
     */
    static ServiceAccountCredentials read(byte[] json, String source) throws GcpAuthException {
        JsonNode key = parse(json, source);
        checkType(key, source);
        checkFields(key, source);
        try {
            return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json));
        } catch (IOException | RuntimeException e) {
            // Every other field was checked above, so what is left to fail is the key itself.
            throw new GcpAuthException(source + ": the private_key of the service account key is not a PEM-encoded "
                    + "PKCS#8 RSA private key");
        }
    }

    private static JsonNode parse(byte[] json, String source) throws GcpAuthException {
        JsonNode key;
        try {
            key = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending token; the location alone is enough to find it.
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new GcpAuthException(source + ": not a service account key: not valid JSON" + where);
        } catch (IOException e) {
            throw new GcpAuthException(source + ": not a service account key: not valid JSON");
        }
        if (key == null || key.isMissingNode()) {
            throw new GcpAuthException(source + ": not a service account key: empty");
        }
        if (!key.isObject()) {
            throw new GcpAuthException(source + ": not a service account key: not a JSON object");
        }
        return key;
    }

    private static void checkType(JsonNode key, String source) throws GcpAuthException {
        JsonNode type = key.get("type");
        if (type == null || !type.isTextual()) {
            throw new GcpAuthException(source + ": not a service account key: no \"type\" field");
        }
        if (!ACCEPTED_TYPE.equals(type.asText())) {
            String shown = TYPE_NAME.matcher(type.asText()).matches() ? "'" + type.asText() + "'" : "unknown";
            throw new GcpAuthException(source + ": the key's type is " + shown + "; only '" + ACCEPTED_TYPE
                    + "' keys are accepted here (other credential types go through Application Default "
                    + "Credentials)");
        }
    }

    private static void checkFields(JsonNode key, String source) throws GcpAuthException {
        List<String> missing = REQUIRED.stream().filter(field -> !isNonEmptyText(key.get(field))).toList();
        if (!missing.isEmpty()) {
            throw new GcpAuthException(source + ": the service account key lacks " + String.join(", ", missing));
        }
        for (String field : OPTIONAL_TEXT) {
            JsonNode value = key.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw new GcpAuthException(source + ": the service account key's " + field + " is not a string");
            }
        }
        JsonNode tokenUri = key.get("token_uri");
        if (tokenUri != null && tokenUri.isTextual() && !isHttpUrl(tokenUri.asText())) {
            throw new GcpAuthException(source + ": the service account key's token_uri is not an http(s) URL");
        }
    }

    private static boolean isNonEmptyText(JsonNode value) {
        return value != null && value.isTextual() && !value.asText().isBlank();
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
