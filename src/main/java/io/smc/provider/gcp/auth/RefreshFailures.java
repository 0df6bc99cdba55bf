package io.smc.provider.gcp.auth;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns google-auth-library's token failures into messages of our own. Library messages are not reused: several quote
 * the endpoint's response body verbatim, and an endpoint (or a fake of one) may echo what it was sent.
 */
final class RefreshFailures {
    static final String TOKEN_CREATOR_ROLE = "roles/iam.serviceAccountTokenCreator";
    static final String GET_ACCESS_TOKEN_PERMISSION = "iam.serviceAccounts.getAccessToken";
    static final String WORKLOAD_IDENTITY_USER_ROLE = "roles/iam.workloadIdentityUser";
    static final String GKE_SERVICE_ACCOUNT_ANNOTATION = "iam.gke.io/gcp-service-account";
    /**
     * How {@code ComputeEngineCredentials} reports a refused token: not as an HTTP exception but in words, followed by
     * the metadata server's body. Only the status code is taken from it.
     */
    private static final Pattern METADATA_STATUS = Pattern.compile(
            "Error code (\\d{3}) trying to get security access token from Compute Engine metadata");

    private RefreshFailures() {
    }

    /** Failures of the identity that signs in itself: a key at the token endpoint, ADC at wherever ADC goes. */
    static Function<Exception, GcpAuthException> signIn(String who) {
        return failure -> {
            String prefix = who + ": no access token: ";
            Optional<HttpFailure> http = HttpFailure.in(failure);
            if (http.isPresent()) {
                boolean invalidGrant = http.get().errorCode().filter("invalid_grant"::equals).isPresent();
                return new GcpAuthException(prefix + "the token endpoint answered " + http.get().describe()
                        + (invalidGrant ? " (a deleted or disabled key, or a wrong clock)" : ""));
            }
            Optional<String> metadata = metadataServerStatus(failure);
            if (metadata.isPresent()) {
                return new GcpAuthException(prefix + "the metadata server answered HTTP " + metadata.get()
                        + " (on GKE, check the Workload Identity binding: the Google service account named by the "
                        + "Kubernetes service account's " + GKE_SERVICE_ACCOUNT_ANNOTATION + " annotation must grant "
                        + "it " + WORKLOAD_IDENTITY_USER_ROLE + ")");
            }
            return network(failure)
                    .map(net -> new GcpAuthException(prefix + "cannot reach the token endpoint (" + brief(net) + ")",
                            net))
                    .orElseGet(() -> new GcpAuthException(prefix + "the token request failed ("
                            + failure.getClass().getSimpleName() + ")"));
        };
    }

    /** Failures of {@code base} asking IAM Credentials for a token of {@code target}. */
    static Function<Exception, GcpAuthException> impersonation(String base, String target) {
        return failure -> {
            Optional<GcpAuthException> baseFailure = ours(failure);
            if (baseFailure.isPresent()) {
                return new GcpAuthException("cannot impersonate " + target + ": " + baseFailure.get().getMessage(),
                        baseFailure.get());
            }
            String prefix = base + " cannot impersonate " + target + ": ";
            Optional<HttpFailure> http = HttpFailure.in(failure);
            if (http.isPresent()) {
                return new GcpAuthException(prefix + iamAnswer(http.get(), target));
            }
            return network(failure)
                    .map(net -> new GcpAuthException(prefix + "cannot reach IAM Credentials (" + brief(net) + ")", net))
                    .orElseGet(() -> new GcpAuthException(prefix + "the IAM Credentials answer could not be used ("
                            + failure.getClass().getSimpleName() + ")"));
        };
    }

    private static String iamAnswer(HttpFailure http, String target) {
        return switch (http.status()) {
            case 403 -> "IAM Credentials denied permission " + GET_ACCESS_TOKEN_PERMISSION + " (" + http.describe()
                    + "); grant the Service Account Token Creator role (" + TOKEN_CREATOR_ROLE + ") on " + target
                    + ", and check that the service account exists";
            case 401 -> "IAM Credentials did not accept the base credentials (" + http.describe() + ")";
            case 404 -> "IAM Credentials knows no such service account (" + http.describe() + ")";
            default -> "IAM Credentials answered " + http.describe();
        };
    }

    private static Optional<String> metadataServerStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher matcher = METADATA_STATUS.matcher(String.valueOf(t.getMessage()));
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    /** A failure of ours somewhere in the chain: the base credentials' refresh, wrapped by the library. */
    private static Optional<GcpAuthException> ours(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GcpAuthException auth) {
                return Optional.of(auth);
            }
        }
        return Optional.empty();
    }

    /** The socket or TLS failure in the chain; its messages name hosts and reasons, never payloads. */
    private static Optional<IOException> network(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof IOException io && (name.startsWith("java.net.") || name.startsWith("javax.net.ssl."))) {
                return Optional.of(io);
            }
        }
        return Optional.empty();
    }

    private static String brief(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
