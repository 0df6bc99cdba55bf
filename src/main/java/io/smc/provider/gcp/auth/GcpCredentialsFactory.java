package io.smc.provider.gcp.auth;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ImpersonatedCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a {@link GcpIdentity} into Google credentials scoped to {@value #CLOUD_PLATFORM_SCOPE}.
 *
 * <p>Nothing is fetched here: the first token is requested when the credentials are first used (or
 * {@code refresh()}ed). A refresh that fails throws a {@link GcpAuthException} naming the identity and what to do;
 * the credentials' {@code toString} names the identity only. The credentials are thread-safe and meant to be shared
 * by every client of the same identity, which is what lets them reuse a token until shortly before it expires.
 */
public final class GcpCredentialsFactory {
    public static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    /** One hour, the most IAM grants without an organization policy exception; the token is refreshed before then. */
    public static final int IMPERSONATION_LIFETIME_SECONDS = 3600;

    static final String NO_APPLICATION_DEFAULT = "no Application Default Credentials found: on GKE, enable Workload "
            + "Identity for the controller's Kubernetes service account; elsewhere, set GOOGLE_APPLICATION_CREDENTIALS "
            + "to a service account key file, or run 'gcloud auth application-default login'";
    private static final String APPLICATION_DEFAULT = GcpIdentity.applicationDefault().toString();

    private final ApplicationDefaultCredentials applicationDefault;
    private final AuthEndpoints endpoints;

    /**
     * @param applicationDefault how to find Application Default Credentials
     * @param endpoints          token endpoints to use instead of Google's
     */
    public GcpCredentialsFactory(ApplicationDefaultCredentials applicationDefault, AuthEndpoints endpoints) {
        this.applicationDefault = Objects.requireNonNull(applicationDefault, "applicationDefault");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    /** The real environment's Application Default Credentials and Google's endpoints. */
    public static GcpCredentialsFactory fromEnvironment() {
        return new GcpCredentialsFactory(ApplicationDefaultCredentials.fromEnvironment(), AuthEndpoints.google());
    }

    /**
     * @throws GcpAuthException when there are no Application Default Credentials or the key is not a usable service
     *                          account key
     */
    public GoogleCredentials create(GcpIdentity identity) throws GcpAuthException {
        Objects.requireNonNull(identity, "identity");
        SignedIn base = identity.base() instanceof GcpIdentity.ServiceAccountKey key ? serviceAccountKey(key)
                : applicationDefault();
        Optional<String> target = identity.impersonatedServiceAccount();
        return target.isEmpty() ? base.credentials() : impersonate(base, target.get(), identity);
    }

    private SignedIn applicationDefault() throws GcpAuthException {
        Optional<GoogleCredentials> found;
        try {
            found = applicationDefault.find();
        } catch (IOException | RuntimeException e) {
            // The library's message may quote the file it could not read; only the kind of failure is passed on.
            throw new GcpAuthException("Application Default Credentials could not be loaded ("
                    + e.getClass().getSimpleName() + "); check the file GOOGLE_APPLICATION_CREDENTIALS names, or "
                    + "gcloud's application_default_credentials.json");
        }
        GoogleCredentials scoped = found.orElseThrow(() -> new GcpAuthException(NO_APPLICATION_DEFAULT))
                .createScoped(List.of(CLOUD_PLATFORM_SCOPE));
        return new SignedIn(APPLICATION_DEFAULT, new ExplainedCredentials(scoped, APPLICATION_DEFAULT,
                RefreshFailures.signIn(APPLICATION_DEFAULT)));
    }

    private SignedIn serviceAccountKey(GcpIdentity.ServiceAccountKey key) throws GcpAuthException {
        ServiceAccountCredentials credentials = ServiceAccountKeys.read(key.json(), key.source());
        if (endpoints.token() != null) {
            credentials = credentials.toBuilder().setTokenServerUri(endpoints.token()).build();
        }
        String who = "service account " + credentials.getClientEmail() + " (key from " + key.source() + ")";
        GoogleCredentials scoped = credentials.createScoped(List.of(CLOUD_PLATFORM_SCOPE));
        return new SignedIn(who, new ExplainedCredentials(scoped, key.toString(), RefreshFailures.signIn(who)));
    }

    private GoogleCredentials impersonate(SignedIn base, String target, GcpIdentity identity) {
        ImpersonatedCredentials.Builder builder = ImpersonatedCredentials.newBuilder()
                .setSourceCredentials(base.credentials())
                .setTargetPrincipal(target)
                .setDelegates(List.of())
                .setScopes(List.of(CLOUD_PLATFORM_SCOPE))
                .setLifetime(IMPERSONATION_LIFETIME_SECONDS);
        if (endpoints.iamCredentials() != null) {
            builder.setIamEndpointOverride(endpoints.generateAccessTokenUrl(target));
        }
        return new ExplainedCredentials(builder.build(), identity.toString(),
                RefreshFailures.impersonation(base.who(), target));
    }

    /** Credentials of the identity that signs in, and how messages name it. */
    private record SignedIn(String who, GoogleCredentials credentials) {
    }
}
