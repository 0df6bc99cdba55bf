package io.smc.provider.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import io.smc.provider.StoreException;
import java.time.Duration;
import java.util.Set;

/**
 * Every call to Secret Manager goes through here: paced by the project's {@link QuotaLimiter}, repeated with
 * backoff on the transient codes (writes too, which the client library never retries), counted in the metrics,
 * and turned into a {@link StoreException} that names the call, the secret and, on a refusal of permission, the
 * permission missing.
 */
final class GcpCalls {
    /** One attempt of a call; {@code attempt} counts from 1, so a write can check whether an earlier one landed. */
    @FunctionalInterface
    interface Body<T> {
        T run(int attempt) throws StoreException;
    }

    private final String project;
    private final QuotaLimiter limiter;
    private final Retrier retrier;
    private final ProviderMetrics metrics;

    GcpCalls(String project, QuotaLimiter limiter, Retrier retrier, ProviderMetrics metrics) {
        this.project = project;
        this.limiter = limiter;
        this.retrier = retrier;
        this.metrics = metrics;
    }

    /**
     * Runs the call. An {@link ApiException} whose code is in {@code expected} is thrown as it is, for the caller to
     * read (a missing secret, an existing one); every other failure becomes a {@link StoreException}.
     */
    <T> T call(GcpMethod method, String secret, Set<StatusCode.Code> expected, Body<T> body) throws StoreException {
        try {
            return retrier.call(attempt -> once(method, secret, attempt, body),
                    e -> e instanceof ApiException api && !expected.contains(GcpErrors.code(api))
                            && GcpErrors.transientFailure(api),
                    (attempt, e, delay) -> {
                        if (e instanceof ApiException api
                                && GcpErrors.code(api) == StatusCode.Code.RESOURCE_EXHAUSTED) {
                            // Someone else shares the project's quota: every thread of this project backs off.
                            limiter.penalise(method.callClass(), delay);
                        }
                    });
        } catch (ApiException e) {
            if (expected.contains(GcpErrors.code(e))) {
                throw e;
            }
            throw failure(method, secret, e);
        } catch (StoreException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreException.transientFailure(method.rpc() + " of " + what(secret) + " was interrupted", e);
        } catch (Exception e) {
            throw StoreException.transientFailure(method.rpc() + " of " + what(secret) + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private <T> T once(GcpMethod method, String secret, int attempt, Body<T> body) throws Exception {
        Duration waited = limiter.acquire(method.callClass(), secret == null ? "" : secret);
        metrics.limiterWait(waited);
        long start = System.nanoTime();
        try {
            T result = body.run(attempt);
            metrics.request(method.rpc(), "OK", Duration.ofNanos(System.nanoTime() - start));
            return result;
        } catch (ApiException e) {
            metrics.request(method.rpc(), GcpErrors.code(e).name(), Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
    }

    private StoreException failure(GcpMethod method, String secret, ApiException e) {
        StatusCode.Code code = GcpErrors.code(e);
        if (code == StatusCode.Code.PERMISSION_DENIED) {
            return StoreException.refused(method.rpc() + " of " + what(secret) + ": "
                    + GcpErrors.permissionDenied(method.permission(), project, e), e);
        }
        if (code == StatusCode.Code.UNAUTHENTICATED) {
            return StoreException.refused(method.rpc() + " of " + what(secret) + ": the credentials were rejected; "
                    + "check Workload Identity, GOOGLE_APPLICATION_CREDENTIALS or the service account key; "
                    + GcpErrors.describe(e), e);
        }
        if (GcpErrors.transientFailure(e)) {
            return StoreException.transientFailure(method.rpc() + " of " + what(secret) + " kept failing: "
                    + GcpErrors.describe(e), e);
        }
        if (code == StatusCode.Code.NOT_FOUND && secret == null) {
            return StoreException.refused(method.rpc() + ": project " + project + " not found, or the Secret "
                    + "Manager API is not enabled in it; " + GcpErrors.describe(e), e);
        }
        return StoreException.refused(method.rpc() + " of " + what(secret) + " refused: " + GcpErrors.describe(e), e);
    }

    private String what(String secret) {
        return secret == null ? "project " + project : "secret " + secret + " in project " + project;
    }
}
