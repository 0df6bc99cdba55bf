package io.smc.http;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One named condition a probe asks about on every request, such as "the secretmanagerconfigs informer's watch is
 * running" or "not shutting down". It must answer at once from state the component keeps (a flag, a timestamp),
 * never by calling out: a probe that waits is a probe that times out.
 *
 * <p>Names and reasons are served to anyone who can reach the probe port, so they say what is wrong in a few words
 * and never quote object contents or values.
 */
public interface HealthCheck {
    /** A short, stable name, such as {@code informer secretmanagerconfigs}. */
    String name();

    /**
     * Empty when the condition holds; otherwise why not, in a few words ({@code watch thread stopped}). An
     * exception thrown here counts as a failure named by the exception's type only.
     */
    Optional<String> failure();

    /** A check named {@code name} whose answer is {@code failure}'s. */
    static HealthCheck of(String name, Supplier<Optional<String>> failure) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(failure, "failure");
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> failure() {
                return failure.get();
            }

            @Override
            public String toString() {
                return "HealthCheck[" + name + "]";
            }
        };
    }
}
