package io.smc.provider.gcp.auth;

import java.net.URI;
import java.util.Objects;

/**
 * Where token requests go when not to Google's public endpoints (Private Service Connect, tests). A null endpoint
 * leaves the choice to google-auth-library, which also follows the credentials' universe domain.
 *
 * @param iamCredentials the IAM Credentials API base, e.g. {@code https://iamcredentials.googleapis.com}; impersonation
 *                       posts to {@code /v1/projects/-/serviceAccounts/EMAIL:generateAccessToken} under it
 * @param token          the OAuth token endpoint for service account keys, instead of the key's {@code token_uri}
 */
public record AuthEndpoints(URI iamCredentials, URI token) {
    private static final AuthEndpoints LIBRARY_DEFAULTS = new AuthEndpoints(null, null);

    public AuthEndpoints {
        requireHttp(iamCredentials, "iamCredentials");
        requireHttp(token, "token");
    }

    /** Google's endpoints, as the library picks them. */
    public static AuthEndpoints google() {
        return LIBRARY_DEFAULTS;
    }

    public AuthEndpoints withIamCredentials(URI base) {
        return new AuthEndpoints(Objects.requireNonNull(base, "base"), token);
    }

    public AuthEndpoints withToken(URI endpoint) {
        return new AuthEndpoints(iamCredentials, Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** The full URL the library wants: its override replaces the whole URL, the target included, not a base. */
    String generateAccessTokenUrl(String serviceAccountEmail) {
        String base = iamCredentials.toString().replaceAll("/+$", "");
        return base + "/v1/projects/-/serviceAccounts/" + serviceAccountEmail + ":generateAccessToken";
    }

    private static void requireHttp(URI endpoint, String name) {
        if (endpoint != null && !("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()))) {
            throw new IllegalArgumentException(name + " endpoint must be an http(s) URL: " + endpoint);
        }
    }
}
