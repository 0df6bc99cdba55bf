package io.smc.kube.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.ApiException;
import io.smc.kube.ResourceType;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusErrorsTest {
    private static final ResourceType CONFIGS = new ResourceType("secret-management.microscaler.io", "v1beta1",
            "secretmanagerconfigs", "SecretManagerConfig", true);

    private final StatusErrors errors = new StatusErrors(Json.MAPPER);

    private static HttpHeaders headers(Map<String, List<String>> values) {
        return HttpHeaders.of(values, (name, value) -> true);
    }

    private static String status(int code, String reason, String details) {
        return """
                {"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": "busy", "reason": "%s",
                 "code": %d, "details": %s}""".formatted(reason, code, details);
    }

    @Test
    void namesGroupedResourcesByTheirQualifiedNameAndAllNamespaces() {
        ApiException error = errors.from(new Target("watch", CONFIGS, null, null), 403,
                status(403, "Forbidden", "{}"), headers(Map.of()));

        assertEquals("forbidden: cannot watch secretmanagerconfigs.secret-management.microscaler.io in all"
                + " namespaces: busy", error.getMessage());
    }

    @Test
    void namesTheSubresourceAsRbacDoes() {
        ApiException error = errors.from(new Target("update", CONFIGS, "apps", "payments", "status"), 403,
                status(403, "Forbidden", "{}"), headers(Map.of()));

        assertEquals("forbidden: cannot update secretmanagerconfigs.secret-management.microscaler.io/status"
                + " \"payments\" in namespace \"apps\": busy", error.getMessage());
    }

    @Test
    void takesTheWaitFromRetryAfterElseFromTheStatusDetails() {
        Target target = new Target("list", CONFIGS, "apps", null);

        ApiException fromHeader = errors.from(target, 429, status(429, "TooManyRequests",
                "{\"retryAfterSeconds\": 9}"), headers(Map.of("Retry-After", List.of("4"))));
        ApiException fromDetails = errors.from(target, 429, status(429, "TooManyRequests",
                "{\"retryAfterSeconds\": 9}"), headers(Map.of("Retry-After", List.of("Wed, 21 Oct 2015 07:28:00 GMT"))));
        ApiException none = errors.from(target, 429, status(429, "TooManyRequests", "{}"), headers(Map.of()));

        assertEquals(Optional.of(Duration.ofSeconds(4)), fromHeader.retryAfter());
        assertEquals(Optional.of(Duration.ofSeconds(9)), fromDetails.retryAfter());
        assertEquals(Optional.empty(), none.retryAfter());
    }

    @Test
    void aJsonBodyThatIsNotAStatusCountsAsNoStatus() {
        ApiException error = errors.from(new Target("get", CONFIGS, "apps", "x"), 404,
                "{\"message\": \"from a proxy\", \"reason\": \"Forbidden\"}", headers(Map.of()));

        assertEquals(ApiException.Reason.NOT_FOUND, error.reason());
        assertTrue(error.getMessage().endsWith("(the answer was not a Kubernetes Status)"), error.getMessage());
    }

    @Test
    void cutsAVeryLongServerMessage() {
        String longMessage = "x".repeat(5000);
        ApiException error = errors.from(new Target("create", CONFIGS, "apps", null), 400,
                "{\"kind\": \"Status\", \"code\": 400, \"reason\": \"BadRequest\", \"message\": \"" + longMessage + "\"}",
                headers(Map.of()));

        assertTrue(error.getMessage().length() < 1200, "message of " + error.getMessage().length() + " characters");
        assertTrue(error.getMessage().startsWith("BadRequest (HTTP 400): cannot create"), error.getMessage());
    }
}
