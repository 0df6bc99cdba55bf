package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.testing.Eventually;
import io.smc.metrics.MetricsRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkersTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final WorkerOptions ONE_WORKER = WorkerOptions.defaults().withConcurrency(1);

    private final FakeTicker ticker = new FakeTicker();
    private final MetricsRegistry registry = new MetricsRegistry();
    private final WorkQueue queue = WorkQueue.create("smc", registry, ticker, SECOND, Duration.ofSeconds(8),
            new Random(7));
    private final List<Workers> started = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        started.forEach(workers -> workers.stop(WAIT));
    }

    private Workers start(WorkerOptions options, Reconciler reconciler) {
        Workers workers = new Workers("smc", queue, reconciler, options, ticker, registry);
        started.add(workers);
        workers.start();
        return workers;
    }

    private double metric(String series) {
        return Scrape.value(registry, series);
    }

    private double reconciles(String result) {
        return metric("controller_runtime_reconcile_total{controller=\"smc\",result=\"" + result + "\"}");
    }

    private double allReconciles() {
        return Stream.of("success", "error", "requeue", "requeue_after").mapToDouble(this::reconciles).sum();
    }

    /** Waits until {@code count} reconciles have ended and their keys are done, so the queue shows their effect. */
    private void awaitReconciles(int count) throws InterruptedException {
        Eventually.await(count + " reconciles", () -> allReconciles() >= count, () -> Scrape.text(registry));
        assertTrue(queue.awaitIdle(WAIT), "the last key is done");
        assertEquals(count, allReconciles());
    }

    /** Moves the fake ticker past every backoff the tests use and has the waiting workers look again. */
    private void passBackoff() {
        ticker.advance(Duration.ofSeconds(10));
        queue.wakeUp();
    }

    /** What the second reconcile of a key does; the result label, retries and whether the key waits after it. */
    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of("done", (Reconciler) (ns, name) -> Result.done(),
                        "success", 0, false),
                Arguments.of("after", (Reconciler) (ns, name) -> Result.after(Duration.ofSeconds(30)),
                        "requeue_after", 0, true),
                Arguments.of("retry", (Reconciler) (ns, name) -> Result.retry(),
                        "requeue", 2, true),
                Arguments.of("runtime exception", (Reconciler) (ns, name) -> {
                    throw new IllegalStateException("broken");
                }, "error", 2, true),
                Arguments.of("error", (Reconciler) (ns, name) -> {
                    throw new AssertionError("broken");
                }, "error", 2, true),
                Arguments.of("no result", (Reconciler) (ns, name) -> null,
                        "error", 2, true),
                Arguments.of("terminal", (Reconciler) (ns, name) -> {
                    throw new TerminalException("spec.sourceRef.name is empty");
                }, "error", 0, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void eachOutcomeAfterAFailureActsOnTheQueueAndCountsItsResult(String outcome, Reconciler second,
            String result, int retries, boolean requeued) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(ONE_WORKER, (ns, name) -> calls.incrementAndGet() == 1 ? failWith(new IllegalStateException("first"))
                : second.reconcile(ns, name));

        queue.add("ns/a");
        awaitReconciles(1);
        assertEquals(1, queue.retries("ns/a"), "a failure is retried with backoff");
        assertTrue(queue.dueIn("ns/a").isPresent());

        passBackoff();
        awaitReconciles(2);

        assertEquals(1 + ("error".equals(result) ? 1 : 0), reconciles("error"));
        assertEquals(1, reconciles(result) - ("error".equals(result) ? 1 : 0));
        assertEquals(reconciles("error"), metric("controller_runtime_reconcile_errors_total{controller=\"smc\"}"));
        assertEquals(retries, queue.retries("ns/a"), "retries after " + outcome);
        Optional<Duration> due = queue.dueIn("ns/a");
        assertEquals(requeued, due.isPresent(), "requeued after " + outcome);
        if (outcome.equals("after")) {
            assertEquals(Optional.of(Duration.ofSeconds(30)), due, "the delay asked for, the backoff forgotten");
        } else if (requeued) {
            Duration delay = due.orElseThrow();
            assertTrue(delay.compareTo(Duration.ofMillis(1500)) >= 0 && delay.compareTo(Duration.ofSeconds(2)) <= 0,
                    "the second backoff, 1.5 to 2 s: " + delay);
        }
        assertEquals(2, calls.get());
    }

    private static Result failWith(RuntimeException failure) {
        throw failure;
    }

    @Test
    void aTerminalFailureIsNotRetriedButTheKeyIsReconciledWhenAddedAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(ONE_WORKER, (ns, name) -> {
            if (calls.incrementAndGet() == 1) {
                throw new TerminalException("spec.provider.gcp.projectId is missing");
            }
            return Result.done();
        });

        queue.add("ns/a");
        awaitReconciles(1);
        assertEquals(1, metric("controller_runtime_terminal_reconcile_errors_total{controller=\"smc\"}"));
        passBackoff();
        assertEquals(0, queue.depth());
        assertEquals(Optional.empty(), queue.dueIn("ns/a"));

        queue.add("ns/a"); // as an informer does when the object changes
        awaitReconciles(2);
        assertEquals(1, reconciles("success"));
    }

    @Test
    void reconcilersThatThrowDoNotEndTheWorker() throws Exception {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        Workers workers = start(ONE_WORKER, (ns, name) -> {
            threads.add(Thread.currentThread().getName());
            switch (name) {
                case "runtime" -> throw new IllegalArgumentException("bad");
                case "error" -> throw new StackOverflowErrorLookalike();
                default -> {
                    return Result.done();
                }
            }
        });

        queue.add("ns/runtime");
        queue.add("ns/error");
        queue.add("ns/fine");
        awaitReconciles(3);

        assertEquals(List.of("worker-1", "worker-1", "worker-1"), threads);
        assertEquals(2, reconciles("error"));
        assertEquals(1, reconciles("success"));
        assertTrue(workers.isAlive());
        assertEquals(List.of(), workers.deadWorkers());
    }

    /** An {@link Error} that is not a {@link VirtualMachineError}: a worker survives it. */
    private static final class StackOverflowErrorLookalike extends Error {
    }

    @Test
    void aVirtualMachineErrorEndsItsWorkerAndTheHealthCheckNamesIt() throws Exception {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        Workers workers = start(ONE_WORKER.withConcurrency(2), (ns, name) -> {
            threads.add(Thread.currentThread().getName());
            if (name.equals("oom")) {
                throw new OutOfMemoryError("simulated");
            }
            return Result.done();
        });
        assertTrue(workers.isAlive());

        queue.add("ns/oom");
        Eventually.await("a worker to end", () -> workers.deadWorkers().size() == 1);

        assertEquals(List.of(threads.get(0)), workers.deadWorkers());
        assertFalse(workers.isAlive());
        assertTrue(queue.awaitIdle(WAIT), "its key was marked done");
        queue.add("ns/other");
        awaitReconciles(2);
        assertEquals(1, reconciles("success"), "the other worker goes on");
    }

    @Test
    void aReconcileThatOverrunsItsDeadlineIsInterruptedCountedAndRetried() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean nextSawInterrupt = new AtomicBoolean(true);
        start(new WorkerOptions(1, Duration.ofMillis(50)), (ns, name) -> {
            if (name.equals("stuck")) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
            }
            nextSawInterrupt.set(Thread.currentThread().isInterrupted());
            return Result.done();
        });

        queue.add("ns/stuck");
        awaitReconciles(1);

        assertTrue(interrupted.get());
        assertEquals(1, metric("secret_manager_reconcile_deadline_exceeded_total{controller=\"smc\"}"));
        assertEquals(1, reconciles("error"));
        assertEquals(1, queue.retries("ns/stuck"));
        assertTrue(queue.dueIn("ns/stuck").isPresent());

        queue.add("ns/next");
        awaitReconciles(2);
        assertFalse(nextSawInterrupt.get(), "what the next reconcile saw on entry");
    }

    @Test
    void aReconcileThatReturnsSuccessAfterItsDeadlineIsStillRetriedAndTheInterruptDoesNotLeak() throws Exception {
        AtomicBoolean nextSawInterrupt = new AtomicBoolean(true);
        start(new WorkerOptions(1, Duration.ofMillis(50)), (ns, name) -> {
            if (name.equals("slow")) {
                // Ignores the interrupt's meaning but ends on it, leaving the flag set.
                while (!Thread.currentThread().isInterrupted()) {
                    LockSupport.park();
                }
                return Result.done();
            }
            nextSawInterrupt.set(Thread.currentThread().isInterrupted());
            return Result.done();
        });

        queue.add("ns/slow");
        awaitReconciles(1);
        assertEquals(1, reconciles("error"));
        assertEquals(1, queue.retries("ns/slow"));

        // Only what the next reconcile saw on entry counts: on a loaded machine it may overrun the short deadline too.
        queue.add("ns/next");
        awaitReconciles(2);
        assertFalse(nextSawInterrupt.get(), "the deadline's interrupt was cleared before the next reconcile");
    }

    @Test
    void stopWaitsForTheReconcileInProgressAndDropsQueuedKeys() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Set<String> reconciled = ConcurrentHashMap.newKeySet();
        AtomicBoolean interrupted = new AtomicBoolean();
        Workers workers = start(ONE_WORKER, (ns, name) -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            reconciled.add(name);
            return Result.done();
        });
        queue.add("ns/in-progress");
        assertTrue(inside.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        queue.add("ns/queued");

        CompletableFuture<Boolean> stopped = new CompletableFuture<>();
        Thread stopper = new Thread(() -> stopped.complete(workers.stop(WAIT)), "stopper");
        stopper.start();
        Eventually.await("the stop to wait for the worker",
                () -> queue.isShutDown() && stopper.getState() == Thread.State.TIMED_WAITING);
        assertFalse(stopped.isDone(), "stop returned while a reconcile was in progress");

        release.countDown();

        assertTrue(stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(Set.of("in-progress"), reconciled);
        assertFalse(interrupted.get());
        assertFalse(workers.isAlive());
        assertEquals(List.of(), workers.deadWorkers(), "workers that ended by a stop are not dead");
    }

    @Test
    void stopWithATooShortTimeoutReturnsFalseAndInterruptsTheReconcile() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Workers workers = start(ONE_WORKER, (ns, name) -> {
            inside.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return Result.done();
        });
        queue.add("ns/a");
        assertTrue(inside.await(WAIT.toSeconds(), TimeUnit.SECONDS));

        assertFalse(workers.stop(Duration.ofMillis(20)));

        Eventually.await("the reconcile to be interrupted", interrupted::get);
        assertTrue(queue.awaitIdle(WAIT));
    }

    @Test
    void differentKeysRunConcurrentlyButOneKeyNeverDoes() throws Exception {
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch bothInside = new CountDownLatch(2);
        CountDownLatch firstAInside = new CountDownLatch(1);
        CountDownLatch releaseFirstA = new CountDownLatch(1);
        AtomicBoolean concurrent = new AtomicBoolean();
        start(ONE_WORKER.withConcurrency(2), (ns, name) -> {
            if (inFlight.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            int call = calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            try {
                if (name.startsWith("pair-")) {
                    bothInside.countDown();
                    // Only two workers inside at once get past this.
                    concurrent.compareAndSet(false, bothInside.await(WAIT.toSeconds(), TimeUnit.SECONDS));
                } else if (name.equals("a") && call == 1) {
                    firstAInside.countDown();
                    releaseFirstA.await();
                }
                return Result.done();
            } finally {
                inFlight.get(name).decrementAndGet();
            }
        });

        queue.add("ns/pair-1");
        queue.add("ns/pair-2");
        awaitReconciles(2);
        assertTrue(concurrent.get(), "two keys were reconciled at the same time");

        queue.add("ns/a");
        assertTrue(firstAInside.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        queue.add("ns/a");
        queue.add("ns/b");
        // The free worker takes what is queued in order: had ns/a been handed out again, it would come before ns/b.
        Eventually.await("ns/b to be reconciled", () -> calls.containsKey("b"));
        assertEquals(1, calls.get("a").get(), "ns/a was not handed to the free worker");

        releaseFirstA.countDown();
        awaitReconciles(5);
        assertEquals(2, calls.get("a").get(), "ns/a, added while in progress, ran once more");
        assertEquals(0, overlaps.get());
    }

    @Test
    void theActiveWorkersGaugeCountsReconcilesInProgress() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(ONE_WORKER.withConcurrency(3), (ns, name) -> {
            inside.countDown();
            release.await();
            return Result.done();
        });
        queue.add("ns/a");
        assertTrue(inside.await(WAIT.toSeconds(), TimeUnit.SECONDS));

        assertEquals(1, metric("controller_runtime_active_workers{controller=\"smc\"}"));
        release.countDown();
        awaitReconciles(1);
        assertEquals(0, metric("controller_runtime_active_workers{controller=\"smc\"}"));
    }

    @Test
    void theReconcileTimeIsMeasuredOnTheTicker() throws Exception {
        start(ONE_WORKER, (ns, name) -> {
            ticker.advance(Duration.ofMillis(2500));
            return Result.done();
        });

        queue.add("ns/a");
        awaitReconciles(1);

        assertEquals(1, metric("controller_runtime_reconcile_time_seconds_count{controller=\"smc\"}"));
        assertEquals(2.5, metric("controller_runtime_reconcile_time_seconds_sum{controller=\"smc\"}"), 1e-9);
        assertEquals(0, metric("controller_runtime_reconcile_time_seconds_bucket{controller=\"smc\",le=\"2\"}"));
        assertEquals(1, metric("controller_runtime_reconcile_time_seconds_bucket{controller=\"smc\",le=\"2.5\"}"));
    }

    @Test
    void everyMetricStartsAtZeroAndTheConcurrencyIsPublished() {
        new Workers("smc", queue, (ns, name) -> Result.done(), WorkerOptions.defaults().withConcurrency(3), ticker,
                registry);

        for (String result : List.of("success", "error", "requeue", "requeue_after")) {
            assertEquals(0, reconciles(result), result);
        }
        for (String series : List.of("controller_runtime_reconcile_errors_total",
                "controller_runtime_terminal_reconcile_errors_total", "controller_runtime_active_workers",
                "controller_runtime_reconcile_time_seconds_count",
                "secret_manager_reconcile_deadline_exceeded_total")) {
            assertEquals(0, metric(series + "{controller=\"smc\"}"), series);
        }
        assertEquals(3, metric("controller_runtime_max_concurrent_reconciles{controller=\"smc\"}"));
        List<String> buckets = Scrape.samples(registry, "controller_runtime_reconcile_time_seconds").stream()
                .filter(line -> line.contains("_bucket")).toList();
        assertEquals(41, buckets.size());
        assertTrue(buckets.get(0).contains("le=\"0.005\""), buckets.get(0));
        assertTrue(buckets.get(39).contains("le=\"60\""), buckets.get(39));
    }

    @Test
    void aKeyThatIsNotNamespaceSlashNameIsDroppedAsAnError() throws Exception {
        List<String> names = Collections.synchronizedList(new ArrayList<>());
        start(ONE_WORKER, (ns, name) -> {
            names.add(ns + "|" + name);
            return Result.done();
        });

        queue.add("a/b/c");
        awaitReconciles(1);
        queue.add("cluster-scoped");
        awaitReconciles(2);

        assertEquals(List.of("|cluster-scoped"), names);
        assertEquals(1, reconciles("error"));
        assertEquals(0, queue.retries("a/b/c"));
        assertEquals(Optional.empty(), queue.dueIn("a/b/c"));
    }

    @Test
    void startsOnceAndIsAliveOnlyWhileRunning() {
        Workers workers = new Workers("smc", queue, (ns, name) -> Result.done(), ONE_WORKER, ticker, registry);
        assertFalse(workers.isAlive());

        workers.start();
        started.add(workers);
        assertTrue(workers.isAlive());
        assertThrows(IllegalStateException.class, workers::start);

        assertTrue(workers.stop(WAIT));
        assertFalse(workers.isAlive());
    }

    @Test
    void refusesOptionsThatCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerOptions(0, SECOND));
        assertThrows(IllegalArgumentException.class, () -> new WorkerOptions(1, Duration.ZERO));
        assertEquals(new WorkerOptions(4, Duration.ofMinutes(5)), WorkerOptions.defaults());
    }
}
