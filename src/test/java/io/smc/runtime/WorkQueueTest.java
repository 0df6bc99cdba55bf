package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.testing.Eventually;
import io.smc.metrics.MetricsRegistry;
import io.smc.time.BackoffTest;
import io.smc.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration NANO = Duration.ofNanos(1);

    private final FakeTicker ticker = new FakeTicker();
    private final MetricsRegistry registry = new MetricsRegistry();
    private final WorkQueue queue = WorkQueue.create("test", registry, ticker, SECOND, Duration.ofSeconds(8),
            new Random(42));
    private final List<Thread> getters = new ArrayList<>();

    @AfterEach
    void endBlockedGetters() throws InterruptedException {
        queue.shutDown();
        for (Thread getter : getters) {
            getter.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private List<String> pollAll() {
        List<String> keys = new ArrayList<>();
        for (Optional<String> key = queue.poll(); key.isPresent(); key = queue.poll()) {
            keys.add(key.get());
        }
        return keys;
    }

    /** Runs {@code queue.get()} on its own thread, as a worker would. */
    private CompletableFuture<Optional<String>> getInBackground(WorkQueue from) {
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        Thread getter = new Thread(() -> {
            try {
                result.complete(from.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "test-getter");
        getter.setDaemon(true);
        getters.add(getter);
        getter.start();
        Eventually.await("the getter to block", () -> getter.getState() == Thread.State.WAITING
                || getter.getState() == Thread.State.TIMED_WAITING || result.isDone());
        return result;
    }

    private static <T> T within10s(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void aKeyAddedManyTimesWhileWaitingIsHandedOutOnceInTheOrderOfItsFirstAdd() {
        queue.add("ns/a");
        queue.add("ns/b");
        queue.add("ns/a");
        queue.add("ns/a");

        assertEquals(2, queue.depth());
        assertEquals(List.of("ns/a", "ns/b"), pollAll());
    }

    @Test
    void aKeyAddedWhileProcessingIsHandedOutAgainOnlyAfterDoneAndOnlyOnce() {
        queue.add("ns/a");
        assertEquals(Optional.of("ns/a"), queue.poll());

        queue.add("ns/a");
        queue.add("ns/a");
        assertEquals(List.of(), pollAll(), "a key processing is handed to no one else");
        assertEquals(1, queue.depth(), "the key waits for its processing to end");

        queue.done("ns/a");
        assertEquals(List.of("ns/a"), pollAll());
        queue.done("ns/a");
        assertEquals(List.of(), pollAll());
        assertEquals(0, queue.depth());
    }

    @Test
    void doneWithoutAnotherAddLeavesTheKeyOut() {
        queue.add("ns/a");
        queue.poll();
        queue.done("ns/a");
        queue.done("ns/a");

        assertEquals(List.of(), pollAll());
    }

    @Test
    void aDelayedKeyIsHandedOutAtItsTimeAndNotBefore() {
        queue.addAfter("ns/a", Duration.ofSeconds(5));
        assertEquals(List.of(), pollAll());
        assertEquals(0, queue.depth(), "a delayed key is not in the depth yet");

        ticker.advance(Duration.ofSeconds(5).minus(NANO));
        assertEquals(List.of(), pollAll());

        ticker.advance(NANO);
        assertEquals(List.of("ns/a"), pollAll());
    }

    @Test
    void aSoonerAddAfterWinsAndALaterOneChangesNothing() {
        queue.addAfter("ns/sooner-second", Duration.ofSeconds(10));
        queue.addAfter("ns/sooner-second", Duration.ofSeconds(2));
        queue.addAfter("ns/later-second", Duration.ofSeconds(2));
        queue.addAfter("ns/later-second", Duration.ofSeconds(10));

        ticker.advance(Duration.ofSeconds(2));
        assertEquals(List.of("ns/sooner-second", "ns/later-second"), pollAll());
        queue.done("ns/sooner-second");
        queue.done("ns/later-second");

        ticker.advance(Duration.ofSeconds(60));
        assertEquals(List.of(), pollAll(), "each key was waiting once, for its earlier time");
    }

    @Test
    void delayedKeysComeOutInTheOrderOfTheirTimes() {
        queue.addAfter("ns/c", Duration.ofSeconds(3));
        queue.addAfter("ns/a", Duration.ofSeconds(1));
        queue.addAfter("ns/b", Duration.ofSeconds(2));

        ticker.advance(Duration.ofSeconds(3));
        assertEquals(List.of("ns/a", "ns/b", "ns/c"), pollAll());
    }

    @Test
    void anAddAfterWithoutAPositiveDelayAddsAtOnce() {
        queue.addAfter("ns/a", Duration.ZERO);
        queue.addAfter("ns/b", Duration.ofSeconds(-1));

        assertEquals(List.of("ns/a", "ns/b"), pollAll());
    }

    @Test
    void rateLimitedDelaysDoubleFromTheMinimumUpToTheMaximumAndForgetStartsAgain() {
        WorkQueue exact = WorkQueue.create("exact", registry, ticker, SECOND, Duration.ofSeconds(8),
                BackoffTest.fixedJitter(0));
        List<Duration> delays = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            delays.add(exact.addRateLimited("ns/a").orElseThrow());
            assertEquals(i, exact.retries("ns/a"));
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 8L, 8L), delays.stream().map(Duration::toSeconds).toList());

        exact.forget("ns/a");
        assertEquals(0, exact.retries("ns/a"));
        assertEquals(Optional.of(SECOND), exact.addRateLimited("ns/a"));
    }

    @Test
    void rateLimitedDelaysAreJitteredDownwardsByAtMostAQuarter() {
        long nominalSeconds = 1;
        for (int i = 0; i < 6; i++) {
            Duration delay = queue.addRateLimited("ns/a").orElseThrow();
            Duration nominal = Duration.ofSeconds(nominalSeconds);
            assertTrue(delay.compareTo(nominal) <= 0, delay + " above " + nominal);
            assertTrue(delay.compareTo(nominal.multipliedBy(3).dividedBy(4)) >= 0, delay + " far below " + nominal);
            nominalSeconds = Math.min(8, nominalSeconds * 2);
        }
    }

    @Test
    void aRateLimitedKeyIsHandedOutWhenItsBackoffHasPassed() {
        Duration first = queue.addRateLimited("ns/a").orElseThrow();
        ticker.advance(first.minus(NANO));
        assertEquals(List.of(), pollAll());
        ticker.advance(NANO);
        assertEquals(List.of("ns/a"), pollAll());
        queue.done("ns/a");

        Duration second = queue.addRateLimited("ns/a").orElseThrow();
        assertEquals(Optional.of(second), queue.dueIn("ns/a"));
        ticker.advance(second);
        assertEquals(List.of("ns/a"), pollAll());
        assertEquals(2, queue.retries("ns/a"));
    }

    @Test
    void eachKeyBacksOffOnItsOwn() {
        WorkQueue exact = WorkQueue.create("exact", registry, ticker, SECOND, Duration.ofSeconds(8),
                BackoffTest.fixedJitter(0));
        exact.addRateLimited("ns/a");
        exact.addRateLimited("ns/a");
        exact.addRateLimited("ns/a");

        assertEquals(Optional.of(SECOND), exact.addRateLimited("ns/b"));
        assertEquals(3, exact.retries("ns/a"));
        assertEquals(1, exact.retries("ns/b"));
    }

    @Test
    void refusesAMaximumRetryDelayBelowTheMinimum() {
        assertThrows(IllegalArgumentException.class, () -> WorkQueue.create("bad", registry, ticker,
                Duration.ofSeconds(10), SECOND, new Random()));
    }

    @Test
    void aBlockedGetWakesOnAnAddFromAnotherThread() throws Exception {
        CompletableFuture<Optional<String>> got = getInBackground(queue);

        queue.add("ns/a");

        assertEquals(Optional.of("ns/a"), within10s(got));
    }

    @Test
    void aBlockedGetWakesWhenADelayedKeyIsDueOnTheSystemTicker() throws Exception {
        WorkQueue real = WorkQueue.create("real", registry, Ticker.SYSTEM, SECOND, Duration.ofSeconds(8),
                new Random());
        try {
            CompletableFuture<Optional<String>> got = getInBackground(real);

            real.addAfter("ns/a", Duration.ofMillis(20));

            // Nothing else wakes the getter: it must time its own wait.
            assertEquals(Optional.of("ns/a"), within10s(got));
        } finally {
            real.shutDown();
        }
    }

    @Test
    void aBlockedGetWaitingForALaterKeyWakesForASoonerOne() throws Exception {
        WorkQueue real = WorkQueue.create("real", registry, Ticker.SYSTEM, SECOND, Duration.ofSeconds(8),
                new Random());
        try {
            real.addAfter("ns/later", Duration.ofHours(1));
            CompletableFuture<Optional<String>> got = getInBackground(real);

            real.addAfter("ns/sooner", Duration.ofMillis(20));

            assertEquals(Optional.of("ns/sooner"), within10s(got));
        } finally {
            real.shutDown();
        }
    }

    @Test
    void aBlockedGetHandsOutAKeyMadeDueByAFakeTickerOnceWoken() throws Exception {
        queue.addAfter("ns/a", Duration.ofMinutes(1));
        CompletableFuture<Optional<String>> got = getInBackground(queue);

        ticker.advance(Duration.ofMinutes(1));
        queue.wakeUp();

        // Without the wake-up the getter would sleep a real minute, past this wait.
        assertEquals(Optional.of("ns/a"), within10s(got));
    }

    @Test
    void aShutdownLetsTheKeyInProcessingFinishAndHandsOutNothingMore() throws Exception {
        queue.add("ns/a");
        queue.add("ns/b");
        queue.addAfter("ns/c", SECOND);
        assertEquals(Optional.of("ns/a"), queue.poll());

        queue.shutDown();

        assertFalse(queue.awaitIdle(Duration.ofMillis(1)), "ns/a is still processing");
        queue.done("ns/a");
        assertTrue(queue.awaitIdle(Duration.ZERO));

        ticker.advance(Duration.ofMinutes(1));
        assertEquals(Optional.empty(), queue.get(), "queued and delayed keys are dropped; get does not block");
        assertEquals(Optional.empty(), queue.poll());
        assertEquals(0, queue.depth());
    }

    @Test
    void awaitIdleWakesWhenTheLastKeyIsDone() throws Exception {
        queue.add("ns/a");
        queue.poll();
        queue.shutDown();
        CompletableFuture<Boolean> idle = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                idle.complete(queue.awaitIdle(Duration.ofSeconds(10)));
            } catch (InterruptedException e) {
                idle.completeExceptionally(e);
            }
        });
        waiter.start();
        Eventually.await("awaitIdle to wait", () -> waiter.getState() == Thread.State.TIMED_WAITING);

        queue.done("ns/a");

        assertTrue(within10s(idle));
    }

    @Test
    void aBlockedGetReturnsEmptyAtShutdown() throws Exception {
        CompletableFuture<Optional<String>> got = getInBackground(queue);

        queue.shutDown();

        assertEquals(Optional.empty(), within10s(got));
    }

    @Test
    void addsOfEveryKindAreIgnoredAfterShutdown() {
        queue.shutDown();

        queue.add("ns/a");
        queue.addAfter("ns/b", SECOND);
        assertEquals(Optional.empty(), queue.addRateLimited("ns/c"));
        ticker.advance(Duration.ofMinutes(1));

        assertEquals(List.of(), pollAll());
        assertEquals(0, queue.depth());
        assertEquals(0, queue.retries("ns/c"));
        assertEquals(0, Scrape.value(registry, "workqueue_adds_total{name=\"test\"}"));
        assertEquals(0, Scrape.value(registry, "workqueue_retries_total{name=\"test\"}"));
    }

    @Test
    void aKeyAddedDuringProcessingIsDroppedByAShutdown() throws Exception {
        queue.add("ns/a");
        queue.poll();
        queue.add("ns/a");

        queue.shutDown();
        queue.done("ns/a");

        assertEquals(Optional.empty(), queue.get());
        assertTrue(queue.awaitIdle(Duration.ZERO));
    }

    @Test
    void everyMetricStartsAtZero() {
        String text = Scrape.text(registry);
        for (String series : List.of("workqueue_depth", "workqueue_adds_total", "workqueue_retries_total",
                "workqueue_unfinished_work_seconds", "workqueue_longest_running_processor_seconds",
                "workqueue_queue_duration_seconds_count", "workqueue_work_duration_seconds_count")) {
            assertEquals(0, Scrape.value(registry, series + "{name=\"test\"}"), series + " in\n" + text);
        }
        List<String> buckets = Scrape.samples(registry, "workqueue_queue_duration_seconds").stream()
                .filter(line -> line.contains("_bucket")).map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
                .toList();
        assertEquals(List.of("1.0E-8", "1.0E-7", "1.0E-6", "1.0E-5", "1.0E-4", "0.001", "0.01", "0.1", "1", "10",
                "+Inf"), buckets);
    }

    @Test
    void metricsFollowAScriptedSequence() {
        queue.add("ns/a");
        queue.add("ns/b");
        queue.add("ns/a"); // already waiting: not an add
        queue.addRateLimited("ns/c");
        queue.addRateLimited("ns/c");
        assertEquals(2, Scrape.value(registry, "workqueue_depth{name=\"test\"}"));

        ticker.advance(Duration.ofSeconds(2));
        assertEquals(Optional.of("ns/a"), queue.poll()); // waited 2 s
        queue.add("ns/a"); // dirty while processing: an add, in the depth
        ticker.advance(Duration.ofSeconds(3));
        assertEquals(Optional.of("ns/b"), queue.poll()); // waited 5 s

        // Waiting: ns/a again, and ns/c, whose first backoff (at most 1 s, the sooner of the two) has passed.
        assertEquals(2, Scrape.value(registry, "workqueue_depth{name=\"test\"}"));
        assertEquals(4, Scrape.value(registry, "workqueue_adds_total{name=\"test\"}"));
        assertEquals(2, Scrape.value(registry, "workqueue_retries_total{name=\"test\"}"));
        assertEquals(2, Scrape.value(registry, "workqueue_queue_duration_seconds_count{name=\"test\"}"));
        assertEquals(7, Scrape.value(registry, "workqueue_queue_duration_seconds_sum{name=\"test\"}"), 1e-9);
        // In progress: ns/a for 3 s, ns/b for 0 s.
        assertEquals(3, Scrape.value(registry, "workqueue_unfinished_work_seconds{name=\"test\"}"), 1e-9);
        assertEquals(3, Scrape.value(registry, "workqueue_longest_running_processor_seconds{name=\"test\"}"), 1e-9);

        ticker.advance(Duration.ofSeconds(1));
        queue.done("ns/a"); // worked 4 s
        queue.done("ns/b"); // worked 1 s
        assertEquals(2, Scrape.value(registry, "workqueue_work_duration_seconds_count{name=\"test\"}"));
        assertEquals(5, Scrape.value(registry, "workqueue_work_duration_seconds_sum{name=\"test\"}"), 1e-9);
        assertEquals(1, Scrape.value(registry, "workqueue_work_duration_seconds_bucket{name=\"test\",le=\"1\"}"));
        assertEquals(0, Scrape.value(registry, "workqueue_unfinished_work_seconds{name=\"test\"}"));
        assertEquals(0, Scrape.value(registry, "workqueue_longest_running_processor_seconds{name=\"test\"}"));
        assertEquals(List.of("ns/c", "ns/a"), pollAll());
        assertEquals(0, Scrape.value(registry, "workqueue_depth{name=\"test\"}"));
    }

    @Test
    void aGetInterruptedWhileWaitingThrows() throws Exception {
        CompletableFuture<Optional<String>> got = getInBackground(queue);

        getters.get(0).interrupt();

        assertThrows(InterruptedException.class, () -> within10s(got));
    }

    @Test
    void aHugeDelayIsSaturatedRatherThanOverflowing() {
        queue.addAfter("ns/a", Duration.ofSeconds(Long.MAX_VALUE));
        ticker.advance(Duration.ofDays(365 * 100));

        assertEquals(List.of(), pollAll());
        assertTrue(queue.dueIn("ns/a").orElseThrow().compareTo(Duration.ofDays(365 * 40)) > 0);
    }
}
