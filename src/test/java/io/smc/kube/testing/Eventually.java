package io.smc.kube.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits for another thread to reach a state: generous limits, never an assertion on elapsed time. */
public final class Eventually {
    public static final Duration LIMIT = Duration.ofSeconds(30);

    private Eventually() {
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    /** @param state described in the failure message, to show how far things got */
    public static void await(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("gave up after " + LIMIT.toSeconds() + "s waiting for " + what + "; " + state.get());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
