package io.smc.http;

import java.util.Optional;

/**
 * The readiness check that fails once shutdown has begun, so that a terminating pod is taken out of its Services
 * before its listeners close. Whoever starts the shutdown calls {@link #begin()}; there is no way back.
 */
public final class ShutdownCheck implements HealthCheck {
    private volatile boolean shuttingDown;

    @Override
    public String name() {
        return "shutdown";
    }

    @Override
    public Optional<String> failure() {
        return shuttingDown ? Optional.of("shutting down") : Optional.empty();
    }

    public void begin() {
        shuttingDown = true;
    }
}
