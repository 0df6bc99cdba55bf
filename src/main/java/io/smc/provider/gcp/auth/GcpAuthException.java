package io.smc.provider.gcp.auth;

import java.io.IOException;

/**
 * Credentials that cannot be made or cannot get a token. The message names the identity, the failing step and what to
 * do; it never holds key material or a token. A cause is attached only when its own messages are known to be free of
 * both (a network failure, or another {@code GcpAuthException}).
 *
 * <p>An {@link IOException} because token refreshes inside google-auth-library may only throw those: this is what a
 * gRPC call sees as the cause of its {@code UNAUTHENTICATED} status.
 */
public final class GcpAuthException extends IOException {
    GcpAuthException(String message) {
        super(message);
    }

    GcpAuthException(String message, Throwable safeCause) {
        super(message, safeCause);
    }
}
