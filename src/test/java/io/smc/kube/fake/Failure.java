package io.smc.kube.fake;

/**
 * An answer the fake gives instead of serving a request, for fault injection.
 *
 * @param code              the HTTP status
 * @param reason            the Status reason, or null for none
 * @param message           the Status message
 * @param retryAfterSeconds sent as {@code Retry-After} (and {@code details.retryAfterSeconds}) when not null
 * @param statusBody        false for a plain-text body, as from a proxy in front of the API server
 */
public record Failure(int code, String reason, String message, Long retryAfterSeconds, boolean statusBody) {

    public static Failure status(int code, String reason, String message) {
        return new Failure(code, reason, message, null, true);
    }

    /** API priority and fairness turning the request away. */
    public static Failure tooManyRequests(long retryAfterSeconds) {
        return new Failure(429, "TooManyRequests", "Too many requests, please try again later.", retryAfterSeconds,
                true);
    }

    public static Failure unavailable(long retryAfterSeconds) {
        return new Failure(503, "ServiceUnavailable", "the server is currently unable to handle the request",
                retryAfterSeconds, true);
    }

    public static Failure unauthorized() {
        return status(401, "Unauthorized", "Unauthorized");
    }

    public static Failure forbidden(String message) {
        return status(403, "Forbidden", message);
    }

    public static Failure internalError(String message) {
        return status(500, "InternalError", message);
    }

    /** A bare HTTP error without a Status body. */
    public static Failure plain(int code) {
        return new Failure(code, null, "upstream failure", null, false);
    }

    public Failure withRetryAfter(long seconds) {
        return new Failure(code, reason, message, seconds, statusBody);
    }
}
