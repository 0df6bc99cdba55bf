package io.smc.provider.gcp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP answer behind a failed token request, reduced to what is safe to show: the status code and the error code
 * of the body ({@code invalid_grant} from an OAuth endpoint, {@code PERMISSION_DENIED} from a Google API). The
 * library's own messages quote the whole response body, which is why they are not passed on.
 *
 * @param status    the HTTP status code
 * @param errorCode the body's error code, or empty when it has none that looks like a code
 */
record HttpFailure(int status, Optional<String> errorCode) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Codes are identifiers; anything else in their place is not shown. */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,63}");

    /** The first HTTP response failure in the cause chain of {@code failure}. */
    static Optional<HttpFailure> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException response) {
                return Optional.of(new HttpFailure(response.getStatusCode(), errorCode(response.getContent())));
            }
        }
        return Optional.empty();
    }

    /** {@code HTTP 403 PERMISSION_DENIED}, or {@code HTTP 403} alone. */
    String describe() {
        return "HTTP " + status + errorCode.map(code -> " " + code).orElse("");
    }

    private static Optional<String> errorCode(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode error;
        try {
            error = JSON.readTree(body).path("error");
        } catch (IOException e) {
            return Optional.empty();
        }
        // OAuth: {"error": "invalid_grant", ...}; Google APIs: {"error": {"code": 403, "status": "PERMISSION_DENIED"}}
        String code = error.isTextual() ? error.asText() : error.path("status").asText("");
        return ERROR_CODE.matcher(code).matches() ? Optional.of(code) : Optional.empty();
    }
}
