package io.smc.kube.config;

import io.smc.kube.ConfigException;
import io.smc.kube.CredentialSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tokens from an exec credential plugin, cached until shortly before the expiry the plugin gave (or, without one,
 * until the server refuses the token). Callers share one plugin run: {@link #token()} is serialised.
 */
final class ExecCredentials implements CredentialSource {
    /** Fetch a new token this long before the old one expires, so a request never carries an expired one. */
    static final Duration REFRESH_BEFORE = Duration.ofSeconds(10);

    private final ExecPlugin plugin;
    private final Clock clock;
    private ExecPlugin.Credential cached;

    ExecCredentials(ExecPlugin plugin, Clock clock) {
        this.plugin = plugin;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<String> token() throws ConfigException {
        if (cached == null || expiresSoon(cached.expiry())) {
            cached = null; // a failed run must not leave the old token to be used again
            cached = plugin.run();
        }
        return Optional.of(cached.token());
    }

    private boolean expiresSoon(Instant expiry) {
        return expiry != null && !clock.instant().isBefore(expiry.minus(REFRESH_BEFORE));
    }

    @Override
    public synchronized void invalidate() {
        cached = null;
    }

    @Override
    public String toString() {
        return "ExecCredentials[" + plugin + "]";
    }
}
