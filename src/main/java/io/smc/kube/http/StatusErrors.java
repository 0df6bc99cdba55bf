package io.smc.kube.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smc.kube.ApiException;
import io.smc.kube.ApiException.Cause;
import io.smc.kube.ApiException.Reason;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an error answer into an {@link ApiException}. The type comes from the {@code Status} body's reason (the
 * server's own classification), and from the HTTP code only when there is no Status, as behind a proxy. The message
 * names the call and quotes the server's message, which explains RBAC denials and validation failures; the rest of
 * the body is never quoted, since an error body from something that is not the API server may echo anything.
 */
final class StatusErrors {
    /** Status messages can be long (admission webhooks); a log line needs the start. */
    private static final int MAX_MESSAGE = 1024;

    private final ObjectMapper mapper;

    StatusErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ApiException from(Target target, int code, String body, HttpHeaders headers) {
        Optional<JsonNode> status = status(body);
        String statusReason = status.map(s -> s.path("reason").asText("")).orElse("");
        Reason reason = statusReason.isEmpty() ? byCode(code) : byStatusReason(statusReason, code);
        String serverMessage = status.map(s -> s.path("message").asText("")).orElse("");
        List<Cause> causes = new ArrayList<>();
        status.ifPresent(s -> s.path("details").path("causes").forEach(cause -> causes.add(new Cause(
                cause.path("field").asText(""), cause.path("reason").asText(""), cause.path("message").asText("")))));
        Duration retryAfter = retryAfter(headers, status);

        StringBuilder message = new StringBuilder(label(reason, statusReason, code))
                .append(": cannot ").append(target.describe());
        if (!serverMessage.isEmpty()) {
            message.append(": ").append(serverMessage.length() > MAX_MESSAGE
                    ? serverMessage.substring(0, MAX_MESSAGE) + "…" : serverMessage);
        } else if (status.isEmpty()) {
            message.append(" (the answer was not a Kubernetes Status)");
        }
        return new ApiException(message.toString(), code, reason, causes, retryAfter);
    }

    private Optional<JsonNode> status(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() && "Status".equals(node.path("kind").asText())
                    ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Reason byStatusReason(String reason, int code) {
        return switch (reason) {
            case "NotFound" -> Reason.NOT_FOUND;
            case "AlreadyExists" -> Reason.ALREADY_EXISTS;
            case "Conflict" -> Reason.CONFLICT;
            // Expired is an outdated continue token: like Gone, the caller must list afresh.
            case "Gone", "Expired" -> Reason.GONE;
            case "Forbidden" -> Reason.FORBIDDEN;
            case "Unauthorized" -> Reason.UNAUTHORIZED;
            case "Invalid" -> Reason.INVALID;
            case "TooManyRequests" -> Reason.TOO_MANY_REQUESTS;
            case "ServerTimeout", "Timeout" -> Reason.SERVER_TIMEOUT;
            default -> code == 429 ? Reason.TOO_MANY_REQUESTS : Reason.OTHER;
        };
    }

    private static Reason byCode(int code) {
        return switch (code) {
            case 401 -> Reason.UNAUTHORIZED;
            case 403 -> Reason.FORBIDDEN;
            case 404 -> Reason.NOT_FOUND;
            case 409 -> Reason.CONFLICT;
            case 410 -> Reason.GONE;
            case 422 -> Reason.INVALID;
            case 429 -> Reason.TOO_MANY_REQUESTS;
            case 504 -> Reason.SERVER_TIMEOUT;
            default -> Reason.OTHER;
        };
    }

    private static String label(Reason reason, String statusReason, int code) {
        return switch (reason) {
            case NOT_FOUND -> "not found";
            case ALREADY_EXISTS -> "already exists";
            case CONFLICT -> "conflict";
            case GONE -> "gone";
            case FORBIDDEN -> "forbidden";
            case UNAUTHORIZED -> "unauthorized";
            case INVALID -> "invalid";
            case TOO_MANY_REQUESTS -> "too many requests";
            case SERVER_TIMEOUT -> "server timeout";
            case OTHER -> statusReason.isEmpty() ? "HTTP " + code : statusReason + " (HTTP " + code + ")";
        };
    }

    /** Seconds from {@code Retry-After}, else from the Status details; the API server sends only whole seconds. */
    private static Duration retryAfter(HttpHeaders headers, Optional<JsonNode> status) {
        Optional<String> header = headers.firstValue("Retry-After");
        if (header.isPresent()) {
            try {
                long seconds = Long.parseLong(header.get().trim());
                if (seconds >= 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // An HTTP-date: the API server does not send those; fall back to the Status, if any.
            }
        }
        return status.map(s -> s.path("details").path("retryAfterSeconds"))
                .filter(JsonNode::canConvertToLong)
                .map(JsonNode::asLong)
                .filter(seconds -> seconds > 0)
                .map(Duration::ofSeconds)
                .orElse(null);
    }
}
