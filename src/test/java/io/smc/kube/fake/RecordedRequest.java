package io.smc.kube.fake;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request the fake received, in arrival order. {@link #toString()} shows only {@link #action()}: the headers
 * carry the bearer token and the body may carry Secret data, and neither belongs in test output.
 *
 * @param method  the HTTP method
 * @param path    the raw (still encoded) path
 * @param query   the raw query, or null
 * @param headers header names in lower case
 * @param body    the request body as text, empty when there was none
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
        String body) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** {@code GET /api/v1/namespaces/ns/secrets?limit=2}, for asserting the exact list of API actions. */
    public String action() {
        return method + " " + path + (query == null ? "" : "?" + query);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public String toString() {
        return action();
    }
}
