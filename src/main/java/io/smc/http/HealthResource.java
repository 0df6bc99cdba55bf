package io.smc.http;

import java.util.List;
import java.util.Optional;

/**
 * {@code /healthz} or {@code /readyz}: asks every check on each request; 200 {@code ok} when all pass, otherwise the
 * failure status with one line per failing check, {@code name: why}.
 */
final class HealthResource implements Resource {
    private final List<HealthCheck> checks;
    private final int failureStatus;

    HealthResource(List<HealthCheck> checks, int failureStatus) {
        this.checks = List.copyOf(checks);
        this.failureStatus = failureStatus;
    }

    @Override
    public Reply get() {
        StringBuilder failures = new StringBuilder();
        for (HealthCheck check : checks) {
            failure(check).ifPresent(why -> failures.append(oneLine(check.name())).append(": ").append(oneLine(why))
                    .append('\n'));
        }
        return failures.length() == 0 ? Reply.text(200, "ok") : Reply.text(failureStatus, failures.toString());
    }

    private static Optional<String> failure(HealthCheck check) {
        try {
            Optional<String> failure = check.failure();
            return failure != null ? failure : Optional.of("the check gave no answer");
        } catch (RuntimeException e) {
            // The type only: the message may quote what the check was looking at.
            return Optional.of("the check threw " + e.getClass().getSimpleName());
        }
    }

    /** Keeps each failure on its own line, so the body reads as a list whatever a reason holds. */
    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
