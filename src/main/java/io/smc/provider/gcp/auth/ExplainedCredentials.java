package io.smc.provider.gcp.auth;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Google credentials that get their tokens from a library credentials object and say, when that fails, who failed and
 * what to do, in a message without key material or tokens.
 *
 * <p>Caching, refresh ahead of expiry and single-flight refresh come from {@code OAuth2Credentials}: only one
 * {@link #refreshAccessToken()} runs at a time per instance, which is also what keeps the delegate's own refresh (not
 * thread-safe in {@code ImpersonatedCredentials}, which swaps its source on first use) to one thread.
 */
final class ExplainedCredentials extends GoogleCredentials {
    private final GoogleCredentials delegate;
    private final String description;
    private final Function<Exception, GcpAuthException> explain;

    /**
     * @param delegate    scoped credentials that can refresh themselves
     * @param description what {@link #toString()} shows, e.g. the identity
     * @param explain     our message for a refresh failure of the delegate
     */
    ExplainedCredentials(GoogleCredentials delegate, String description,
            Function<Exception, GcpAuthException> explain) {
        super(GoogleCredentials.newBuilder().setQuotaProjectId(delegate.getQuotaProjectId()));
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.description = Objects.requireNonNull(description, "description");
        this.explain = Objects.requireNonNull(explain, "explain");
    }

    @Override
    public AccessToken refreshAccessToken() throws IOException {
        try {
            return delegate.refreshAccessToken();
        } catch (IOException | RuntimeException e) {
            throw explain.apply(e);
        }
    }

    /** The delegate's: a key may name another universe, and impersonation follows its source's. */
    @Override
    public String getUniverseDomain() throws IOException {
        return delegate.getUniverseDomain();
    }

    @Override
    public String getProjectId() {
        return delegate.getProjectId();
    }

    /** Identity, not the library's field comparison (which would find any two of these with no quota project equal). */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** The library's {@code toString} of credentials may include the cached token; this one names the identity. */
    @Override
    public String toString() {
        return "Google credentials of " + description;
    }
}
