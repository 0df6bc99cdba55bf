package io.smc.kube.http;

import io.smc.kube.ApiException;
import java.time.Duration;
import java.util.Optional;

/**
 * Which error answers the client retries by itself. Only a 429, or a 503 with {@code Retry-After}: API priority and
 * fairness (or an overloaded server) refused the request before acting on it, so repeating it is safe for every verb,
 * and the server said when. Everything else goes to the caller, whose work queue owns backoff. A wait longer than
 * {@code maxWait} is not spent here either: holding a worker that long is the queue's decision, and the exception
 * carries the wait.
 *
 * @param retries how many retries one call may make
 * @param maxWait the longest wait spent inside a call
 */
record RetryPolicy(int retries, Duration maxWait) {

    /** The wait before retrying after {@code error}, when the call should be retried at all. */
    Optional<Duration> waitBefore(ApiException error, int retriesSoFar) {
        boolean throttled = error.code() == 429 || error.code() == 503
                || error.reason() == ApiException.Reason.TOO_MANY_REQUESTS;
        if (!throttled || retriesSoFar >= retries) {
            return Optional.empty();
        }
        return error.retryAfter().filter(wait -> wait.compareTo(maxWait) <= 0);
    }
}
