package io.smc.kube;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The API server answered with an error status. Typed from the {@code Status} body's {@code reason} (and, when the
 * body is missing, from the HTTP code), so callers switch on {@link #reason()} rather than on codes or messages.
 */
public final class ApiException extends KubeException {
    /** The reasons callers act on; everything else is {@link #OTHER}. */
    public enum Reason {
        NOT_FOUND, ALREADY_EXISTS, CONFLICT, GONE, FORBIDDEN, UNAUTHORIZED, INVALID, TOO_MANY_REQUESTS,
        SERVER_TIMEOUT, OTHER
    }

    /** One field the server refused, from {@code details.causes} of an Invalid status. */
    public record Cause(String field, String reason, String message) {
    }

    private final int code;
    private final Reason reason;
    private final List<Cause> causes;
    private final Duration retryAfter;

    public ApiException(String message, int code, Reason reason, List<Cause> causes, Duration retryAfter) {
        super(message, null);
        this.code = code;
        this.reason = reason;
        this.causes = List.copyOf(causes);
        this.retryAfter = retryAfter;
    }

    public int code() {
        return code;
    }

    public Reason reason() {
        return reason;
    }

    public List<Cause> causes() {
        return causes;
    }

    /** How long the server asked us to wait ({@code Retry-After}), for 429 and some 5xx answers. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean retryable() {
        return switch (reason) {
            case TOO_MANY_REQUESTS, SERVER_TIMEOUT, CONFLICT, GONE -> true;
            case OTHER -> code >= 500;
            default -> false;
        };
    }
}
