package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.testing.RecordingSleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetrierTest {
    private static final Predicate<Exception> ALWAYS = e -> true;

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final List<String> heard = new ArrayList<>();
    private final Retrier.RetryListener listener =
            (attempt, failure, delay) -> heard.add(attempt + " " + failure.getMessage() + " " + delay);
    private final List<Integer> attempts = new ArrayList<>();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private Retrier retrier(double draw) {
        return new Retrier(RetryPolicy.defaults(), () -> draw, sleeper);
    }

    /** An attempt that fails with "failure N" until attempt {@code succeedsAt}, then returns "done". */
    private Retrier.Attempt<String, IOException> failingUntil(int succeedsAt) {
        return number -> {
            attempts.add(number);
            if (number < succeedsAt) {
                throw new IOException("failure " + number);
            }
            return "done";
        };
    }

    @Test
    void retriesWithJitteredBackoffsThatDoubleAndPassesTheAttemptNumbers() throws Exception {
        String result = retrier(0.5).call(failingUntil(4), ALWAYS, listener);

        assertEquals("done", result);
        assertEquals(List.of(1, 2, 3, 4), attempts);
        assertEquals(List.of(Duration.ofMillis(125), Duration.ofMillis(250), Duration.ofMillis(500)), sleeper.sleeps());
        assertEquals(List.of("1 failure 1 PT0.125S", "2 failure 2 PT0.25S", "3 failure 3 PT0.5S"), heard);
    }

    @Test
    void theBackoffIsDrawnBetweenZeroAndItsCeiling() throws Exception {
        retrier(0).call(failingUntil(3), ALWAYS, listener);
        retrier(1).call(failingUntil(3), ALWAYS, listener);

        assertEquals(List.of(Duration.ZERO, Duration.ZERO, Duration.ofMillis(250), Duration.ofMillis(500)),
                sleeper.sleeps());
    }

    @Test
    void backoffsStopGrowingAtTheMaximum() throws Exception {
        Retrier retrier = new Retrier(new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(5), 3),
                () -> 1, sleeper);

        retrier.call(failingUntil(6), ALWAYS, listener);

        assertArrayEquals(new long[] {1, 3, 5, 5, 5},
                sleeper.sleeps().stream().mapToLong(Duration::toSeconds).toArray());
    }

    @Test
    void aFailureThatIsNotRetryableIsThrownAtOnceAsItWas() {
        IllegalStateException refused = new IllegalStateException("permission denied");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> retrier(0.5).call(number -> {
                    attempts.add(number);
                    throw refused;
                }, e -> !(e instanceof IllegalStateException), listener));

        assertSame(refused, thrown);
        assertEquals(List.of(1), attempts);
        assertEquals(List.of(), sleeper.sleeps());
        assertEquals(List.of(), heard);
    }

    @Test
    void whenTheAttemptsRunOutTheLastFailureIsThrownAsItWas() {
        List<IOException> failures = new ArrayList<>();

        IOException thrown = assertThrows(IOException.class, () -> retrier(0.5).call(number -> {
            IOException failure = new IOException("failure " + number);
            failures.add(failure);
            throw failure;
        }, ALWAYS, listener));

        assertEquals(6, failures.size());
        assertSame(failures.get(5), thrown);
        assertEquals(5, sleeper.sleeps().size());
        assertEquals(5, heard.size());
    }

    @Test
    void anInterruptedAttemptIsNeverRetried() {
        assertThrows(InterruptedException.class, () -> retrier(0.5).call(number -> {
            attempts.add(number);
            throw new InterruptedException();
        }, ALWAYS, listener));

        assertEquals(List.of(1), attempts);
    }

    @Test
    void anInterruptDuringTheBackoffStopsTheRetriesAndKeepsTheFlagSet() {
        Retrier retrier = new Retrier(RetryPolicy.defaults(), () -> 0.5, duration -> {
            throw new InterruptedException();
        });

        InterruptedException thrown = assertThrows(InterruptedException.class,
                () -> retrier.call(failingUntil(3), ALWAYS, listener));

        assertTrue(Thread.interrupted());
        assertEquals(List.of(1), attempts);
        assertEquals("failure 1", thrown.getSuppressed()[0].getMessage());
    }

    @Test
    void anInterruptDuringTheAttemptStopsTheRetriesEvenWithoutABackoffToWaitFor() {
        assertThrows(InterruptedException.class, () -> retrier(0).call(number -> {
            attempts.add(number);
            // As a client does that turns an interrupt into its own cancellation error.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cancelled");
        }, ALWAYS, listener));

        assertTrue(Thread.interrupted());
        assertEquals(List.of(1), attempts);
    }

    @Test
    void aRandomSourceOutsideZeroToOneIsABug() {
        assertThrows(IllegalStateException.class, () -> retrier(1.5).call(failingUntil(2), ALWAYS, listener));
    }
}
