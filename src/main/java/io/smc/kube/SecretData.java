package io.smc.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Collections;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded {@code data} of one Secret, read with a GET when it is needed: this program caches no Secret. The
 * values are keys and credentials: callers hold them only as long as they need them, and never print them.
 *
 * @param data            entry name → bytes; an entry that is not base64 is left out (its name is in
 *                        {@code undecodable})
 * @param resourceVersion the Secret's resourceVersion, to tell a changed Secret from the same one
 */
public record SecretData(Map<String, byte[]> data, List<String> undecodable, String resourceVersion) {
    public SecretData {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        undecodable = List.copyOf(undecodable);
    }

    /**
     * The Secret, or empty when it does not exist.
     *
     * @throws KubeException it could not be read (forbidden, unreachable)
     */
    public static Optional<SecretData> get(KubeApi api, String namespace, String name) throws KubeException {
        ObjectNode secret;
        try {
            secret = api.get(ResourceType.SECRETS, namespace, name);
        } catch (ApiException e) {
            if (e.reason() == ApiException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        List<String> undecodable = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = secret.path("data").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            try {
                data.put(entry.getKey(), Base64.getDecoder().decode(entry.getValue().asText("")));
            } catch (IllegalArgumentException e) {
                undecodable.add(entry.getKey());
            }
        }
        return Optional.of(new SecretData(data, undecodable, secret.path("metadata").path("resourceVersion")
                .asText(null)));
    }

    /** One entry, or empty when it is missing or empty. */
    public Optional<byte[]> entry(String name) {
        byte[] value = data.get(name);
        return value == null || value.length == 0 ? Optional.empty() : Optional.of(value);
    }

    /** Names the entries only: the values are secrets. */
    @Override
    public String toString() {
        return "SecretData[entries=" + data.keySet() + ", resourceVersion=" + resourceVersion + "]";
    }
}
