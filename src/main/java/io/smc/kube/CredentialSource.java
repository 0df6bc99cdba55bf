package io.smc.kube;

import java.util.Optional;

/**
 * Where the bearer token of each request comes from: a fixed token, a token file (re-read when it changes, as
 * bound service-account tokens rotate), or an exec credential plugin (cached until it expires). Client certificates
 * are not a credential source: they live in the connection's TLS context.
 */
public interface CredentialSource {
    CredentialSource NONE = new CredentialSource() {
        @Override
        public Optional<String> token() {
            return Optional.empty();
        }

        @Override
        public void invalidate() {
        }
    };

    /** The token for the next request, if this source gives one; fetched or refreshed as needed. */
    Optional<String> token() throws KubeException;

    /** The server answered 401 with the last token: the next {@link #token()} must not return it from a cache. */
    void invalidate();
}
