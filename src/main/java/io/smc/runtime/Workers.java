package io.smc.runtime;

import io.smc.log.Log;
import io.smc.metrics.MetricsRegistry;
import io.smc.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The worker loop of one controller: {@code concurrency} threads that each take a key from the {@link WorkQueue},
 * reconcile it under a deadline, act on the outcome and mark the key done. The queue guarantees that one key is
 * never reconciled by two workers at once; different keys run in parallel.
 *
 * <table>
 * <caption>What each outcome does</caption>
 * <tr><th>reconcile</th><th>queue</th><th>{@code result} label</th></tr>
 * <tr><td>{@link Result#done()}</td><td>forget</td><td>success</td></tr>
 * <tr><td>{@link Result#after(Duration)}</td><td>forget, add after the delay</td><td>requeue_after</td></tr>
 * <tr><td>{@link Result#retry()}</td><td>add after the key's backoff</td><td>requeue</td></tr>
 * <tr><td>any exception or error but a {@link VirtualMachineError}; a null result; the deadline overrun</td>
 * <td>add after the key's backoff</td><td>error</td></tr>
 * <tr><td>{@link TerminalException}</td><td>forget; not requeued until the object changes</td><td>error</td></tr>
 * </table>
 *
 * <p>A reconcile never ends a worker, except by a {@link VirtualMachineError} (out of memory, stack overflow), after
 * which the JVM's state is suspect: that worker thread ends, {@link #deadWorkers()} names it and the health check
 * fails, so the pod is restarted. A reconcile that runs past the deadline has its thread interrupted, is logged and
 * counted ({@code secret_manager_reconcile_deadline_exceeded_total}) and its key is retried with backoff.
 *
 * <p>The loop logs the start and the outcome of every reconcile at debug level, with a short random
 * {@code reconcileID}, and failures at warn, with the duration, the retries so far and the next delay. Of a failure
 * it logs only what {@link FailureSummary} allows: exception messages may quote secret input. The reconciler logs
 * what it changed.
 *
 * <p>Worker threads ({@code worker-1} …) are daemons: their lifetime is {@link #start()} to
 * {@link #stop(Duration)}, and a reconcile stuck past a stop's timeout must not keep the JVM from exiting.
 */
public final class Workers {
    private static final Log LOG = Log.of(Workers.class);

    private enum State { NEW, RUNNING, STOPPED }

    private final String controller;
    private final WorkQueue queue;
    private final Reconciler reconciler;
    private final WorkerOptions options;
    private final Ticker ticker;
    private final WorkerMetrics metrics;
    private final Deadlines deadlines;
    // Set once by start; read without the lock so a health check never waits for a stop in progress.
    private volatile List<Thread> threads = List.of();
    private volatile State state = State.NEW;

    /**
     * @param controller the {@code controller} label of the metrics and logs, e.g. {@code secretmanagerconfig}
     * @param queue      the queue the workers take keys from; {@link #stop(Duration)} shuts it down
     * @param ticker     measures reconcile times (deadlines are real time)
     */
    public Workers(String controller, WorkQueue queue, Reconciler reconciler, WorkerOptions options, Ticker ticker,
            MetricsRegistry registry) {
        this.controller = Objects.requireNonNull(controller, "controller");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        this.options = Objects.requireNonNull(options, "options");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.metrics = new WorkerMetrics(registry, controller, options.concurrency());
        this.deadlines = new Deadlines(options.reconcileDeadline(), controller + "-reconcile-deadline");
    }

    /**
     * Starts the worker threads.
     *
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException(controller + " workers were already started");
        }
        List<Thread> created = new ArrayList<>();
        for (int i = 1; i <= options.concurrency(); i++) {
            Thread thread = new Thread(this::work, "worker-" + i);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((dead, error) -> LOG.error("worker ended by an error",
                    "controller", controller, "worker", dead.getName(), "error", error.getClass().getName()));
            created.add(thread);
        }
        threads = List.copyOf(created);
        // Started before the state says so, or a health check could take a thread not yet started for a dead one.
        threads.forEach(Thread::start);
        state = State.RUNNING;
    }

    /**
     * Shuts the queue down (see {@link WorkQueue#shutDown()}: queued keys are dropped), lets the reconciles in
     * progress finish within {@code timeout}, then interrupts those left. If the calling thread is interrupted while
     * waiting, it stops waiting as if the timeout had passed and keeps its interrupt status.
     *
     * @param timeout real time
     * @return whether every worker finished within the timeout
     */
    public synchronized boolean stop(Duration timeout) {
        state = State.STOPPED;
        queue.shutDown();
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        try {
            for (Thread thread : threads) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(thread, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> busy = new ArrayList<>();
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                busy.add(thread.getName());
                thread.interrupt();
            }
        }
        deadlines.close();
        if (!busy.isEmpty()) {
            LOG.warn("workers still reconciling at the end of the stop timeout were interrupted",
                    "controller", controller, "workers", String.join(",", busy), "timeoutMs", timeout.toMillis());
        }
        return busy.isEmpty();
    }

    /** Whether the workers are started, not stopped, and every one of them is alive. */
    public boolean isAlive() {
        return state == State.RUNNING && deadWorkers().isEmpty();
    }

    /**
     * The names of the worker threads that ended while the workers run; empty before the start and after a stop.
     * This, not {@link #isAlive()}, is what a liveness check wants: workers not started yet (waiting for leadership)
     * are not a failure.
     */
    public List<String> deadWorkers() {
        if (state != State.RUNNING) {
            return List.of();
        }
        List<String> dead = new ArrayList<>();
        for (Thread thread : threads) {
            if (!thread.isAlive()) {
                dead.add(thread.getName());
            }
        }
        return dead;
    }

    private void work() {
        while (true) {
            Optional<String> next;
            try {
                next = queue.get();
            } catch (InterruptedException e) {
                // Only a stop interrupts a worker outside a reconcile.
                return;
            }
            if (next.isEmpty()) {
                return;
            }
            String key = next.get();
            try {
                process(key);
            } finally {
                queue.done(key);
            }
        }
    }

    private void process(String key) {
        ObjectKey object;
        try {
            object = ObjectKey.parse(key);
        } catch (IllegalArgumentException e) {
            // Retrying cannot mend a key; informers never make such keys, so this is a bug worth an error line.
            LOG.error("dropped a key that is not namespace/name", "controller", controller, "key", key);
            metrics.rejected();
            queue.forget(key);
            return;
        }
        String reconcileId = newReconcileId();
        LOG.debug("reconcile started", "controller", controller, "namespace", object.namespace(),
                "name", object.name(), "reconcileID", reconcileId);
        long start = ticker.nanos();
        metrics.started();
        Result result = null;
        Throwable failure = null;
        boolean overran;
        Deadlines.Watch watch = deadlines.watch(() -> overran(object, reconcileId, start));
        try {
            result = reconciler.reconcile(object.namespace(), object.name());
        } catch (VirtualMachineError e) {
            metrics.ended(Outcome.ERROR, ticker.nanos() - start);
            throw e;
        } catch (Throwable e) {
            failure = e;
        } finally {
            overran = watch.finish();
        }
        long nanos = ticker.nanos() - start;
        if (overran) {
            retryFailure(key, object, reconcileId, nanos, "deadline exceeded"
                    + (failure == null ? "" : ", then " + FailureSummary.of(failure)));
        } else if (failure instanceof TerminalException) {
            metrics.ended(Outcome.ERROR, nanos);
            metrics.terminalError();
            queue.forget(key);
            LOG.warn("reconcile failed; not retried until the object changes", fields(object, reconcileId, nanos,
                    "error", FailureSummary.of(failure)));
        } else if (failure != null) {
            retryFailure(key, object, reconcileId, nanos, FailureSummary.of(failure));
        } else if (result == null) {
            retryFailure(key, object, reconcileId, nanos, "the reconciler returned no result");
        } else {
            succeeded(key, object, reconcileId, nanos, result);
        }
    }

    private void succeeded(String key, ObjectKey object, String reconcileId, long nanos, Result result) {
        switch (result.kind()) {
            case DONE -> {
                metrics.ended(Outcome.SUCCESS, nanos);
                queue.forget(key);
                LOG.debug("reconciled", fields(object, reconcileId, nanos, "result", Outcome.SUCCESS.label()));
            }
            case REQUEUE_AFTER -> {
                metrics.ended(Outcome.REQUEUE_AFTER, nanos);
                queue.forget(key);
                queue.addAfter(key, result.delay());
                LOG.debug("reconciled", fields(object, reconcileId, nanos, "result", Outcome.REQUEUE_AFTER.label(),
                        "nextDelayMs", result.delay().toMillis()));
            }
            case RETRY -> {
                metrics.ended(Outcome.REQUEUE, nanos);
                Optional<Duration> delay = queue.addRateLimited(key);
                LOG.debug("reconcile asked to be retried", fields(object, reconcileId, nanos,
                        "result", Outcome.REQUEUE.label(), "retries", queue.retries(key),
                        "nextDelayMs", delay.map(Duration::toMillis).orElse(null)));
            }
        }
    }

    private void retryFailure(String key, ObjectKey object, String reconcileId, long nanos, String error) {
        metrics.ended(Outcome.ERROR, nanos);
        Optional<Duration> delay = queue.addRateLimited(key);
        LOG.warn("reconcile failed", fields(object, reconcileId, nanos, "error", error,
                "retries", queue.retries(key), "nextDelayMs", delay.map(Duration::toMillis).orElse(null)));
    }

    /** Runs on the deadline's timer thread, while the reconcile is still running. */
    private void overran(ObjectKey object, String reconcileId, long start) {
        metrics.deadlineExceeded();
        LOG.warn("reconcile ran past its deadline; interrupting it", fields(object, reconcileId,
                ticker.nanos() - start, "deadlineMs", options.reconcileDeadline().toMillis()));
    }

    private Object[] fields(ObjectKey object, String reconcileId, long nanos, Object... more) {
        Object[] fields = new Object[10 + more.length];
        fields[0] = "controller";
        fields[1] = controller;
        fields[2] = "namespace";
        fields[3] = object.namespace();
        fields[4] = "name";
        fields[5] = object.name();
        fields[6] = "reconcileID";
        fields[7] = reconcileId;
        fields[8] = "durationMs";
        fields[9] = TimeUnit.NANOSECONDS.toMillis(nanos);
        System.arraycopy(more, 0, fields, 10, more.length);
        return fields;
    }

    // Stop timeouts beyond ~146 years are as good as forever; Duration.toNanos would overflow.
    private static long saturatedNanos(Duration timeout) {
        return timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE / 2)) >= 0 ? Long.MAX_VALUE / 2
                : Math.max(0, timeout.toNanos());
    }

    /** Eight hex digits: enough to tell apart the lines of concurrent reconciles, short enough to read. */
    private static String newReconcileId() {
        return String.format("%08x", ThreadLocalRandom.current().nextInt());
    }
}
