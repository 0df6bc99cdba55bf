package io.smc.runtime;

import io.smc.metrics.MetricsRegistry;
import io.smc.time.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The keys ({@code namespace/name}) of objects to reconcile, with the semantics of client-go's work queue and its
 * delaying and rate-limiting layers, in one thread-safe class:
 * <ul>
 * <li>A key waiting in the queue is there once, however often it is added; keys are handed out in the order they
 * were first added.
 * <li>A key handed out by {@link #get()} or {@link #poll()} is <em>processing</em> until {@link #done(String)}. It is
 * never handed to a second worker meanwhile: adding it marks it dirty, and it is queued again (once) by
 * {@code done}. This is what keeps two workers from reconciling one object at the same time.
 * <li>{@link #addAfter(String, Duration)} adds the key once the delay has passed. While it waits, a later call that
 * would make it due sooner wins; one that would make it due later changes nothing.
 * <li>{@link #addRateLimited(String)} adds it after the key's own backoff delay: from the minimum retry delay,
 * doubling with each retry up to the maximum, less up to a quarter of jitter ({@link io.smc.time.Backoff}).
 * {@link #forget(String)} resets it once the key succeeds.
 * </ul>
 *
 * <p><b>Shutting down.</b> {@link #shutDown()} is final. From then on nothing more is handed out: keys still queued or
 * waiting for a delay are dropped, {@link #get()} returns empty at once, and adds of every kind are ignored. Keys
 * already processing are not touched: their workers finish and call {@code done}, and {@link #awaitIdle(Duration)}
 * waits for that. Unlike client-go, whose {@code Get} keeps handing out what was queued before the shutdown, this
 * queue does not drain: a stop must fit in the pod's termination grace period however long the queue is, and
 * nothing is lost, because every key comes back from the informer's initial list at the next start (or on the new
 * leader).
 *
 * <p><b>Time.</b> Delays and the durations in the metrics come from the {@link Ticker}. A blocked {@link #get()}
 * waits until the earliest delayed key is due, so it wakes on time with {@link Ticker#SYSTEM}; every add wakes it too,
 * to look again. Timeouts ({@link #awaitIdle(Duration)}) are real elapsed time: they bound how long a thread
 * waits. With a fake ticker, tests move the ticker and call {@link #wakeUp()} to have blocked getters look again,
 * or use {@link #poll()}, which looks at the ticker every time.
 *
 * <p><b>Metrics</b> (client-go's, with the label {@code name}, at zero from the start): {@code workqueue_depth}
 * (keys waiting to be handed out, counting a processing key that is dirty), {@code workqueue_adds_total} (adds that
 * were not already waiting), {@code workqueue_queue_duration_seconds} (from add to hand-out),
 * {@code workqueue_work_duration_seconds} (from hand-out to done), {@code workqueue_retries_total} (one per
 * {@link #addRateLimited}), {@code workqueue_unfinished_work_seconds} and
 * {@code workqueue_longest_running_processor_seconds} (computed at every scrape). A queue's name must be unique in
 * its registry, or the queues would share series.
 */
public final class WorkQueue {
    public static final Duration DEFAULT_MIN_RETRY_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofMinutes(5);

    // Delays beyond this are saturated: ~146 years, far enough to mean "never" and small enough that a due time
    // stays comparable with the current one by subtraction.
    private static final long MAX_DELAY_NANOS = Long.MAX_VALUE / 2;

    private final String name;
    private final Ticker ticker;
    private final QueueMetrics metrics;

    private final ReentrantLock lock = new ReentrantLock();
    // Signalled when there may be something to hand out, or its time may have come, or the queue shut down.
    private final Condition available = lock.newCondition();
    // Signalled when the last processing key is done.
    private final Condition idle = lock.newCondition();

    // Guarded by lock.
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    // Keys added and not yet handed out (in ready, or processing and to be queued again at done), with the ticker
    // time they were added at, for the queue duration.
    private final Map<String, Long> dirty = new HashMap<>();
    // Keys handed out and not done yet, with the ticker time they were handed out at.
    private final Map<String, Long> processing = new HashMap<>();
    private final DelayedKeys delayed = new DelayedKeys();
    private final RetryBackoffs backoffs;
    private boolean shutDown;

    private WorkQueue(String name, MetricsRegistry registry, Ticker ticker, RetryBackoffs backoffs) {
        this.name = name;
        this.ticker = ticker;
        this.backoffs = backoffs;
        this.metrics = new QueueMetrics(registry, name);
    }

    /** A queue on the system ticker whose retries wait from 1 s up to 5 min. */
    public static WorkQueue create(String name, MetricsRegistry registry) {
        return create(name, registry, Ticker.SYSTEM, DEFAULT_MIN_RETRY_DELAY, DEFAULT_MAX_RETRY_DELAY, new Random());
    }

    /**
     * @param name   the {@code name} label of its metrics, e.g. the controller's name
     * @param jitter the random source of the backoff's jitter; shared by every key
     * @throws IllegalArgumentException unless 0 < minRetryDelay <= maxRetryDelay
     */
    public static WorkQueue create(String name, MetricsRegistry registry, Ticker ticker, Duration minRetryDelay,
            Duration maxRetryDelay, Random jitter) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ticker, "ticker");
        WorkQueue queue = new WorkQueue(name, registry, ticker,
                new RetryBackoffs(minRetryDelay, maxRetryDelay, Objects.requireNonNull(jitter, "jitter")));
        registry.onScrape(queue::collect);
        return queue;
    }

    public String name() {
        return name;
    }

    /** Queues the key unless it is already waiting; a key processing is queued again when it is done. */
    public void add(String key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            if (!shutDown) {
                insert(key, ticker.nanos());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds the key once {@code delay} has passed; at once for a delay that is not positive. A key already waiting for
     * an earlier time keeps it.
     */
    public void addAfter(String key, Duration delay) {
        Objects.requireNonNull(key, "key");
        long delayNanos = saturatedNanos(delay);
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            long now = ticker.nanos();
            if (delayNanos <= 0) {
                insert(key, now);
            } else if (delayed.offer(key, now + delayNanos)) {
                // A blocked get may be waiting for a later key: it has to wait less now.
                available.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts a retry of the key and adds it after its next backoff delay.
     *
     * @return the delay, or empty when the queue is shut down: then nothing is added or counted
     */
    public Optional<Duration> addRateLimited(String key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            if (shutDown) {
                return Optional.empty();
            }
            Duration delay = backoffs.next(key);
            metrics.retried();
            addAfter(key, delay);
            return Optional.of(delay);
        } finally {
            lock.unlock();
        }
    }

    /** The key succeeded: its next {@link #addRateLimited} waits the minimum delay again. */
    public void forget(String key) {
        lock.lock();
        try {
            backoffs.forget(key);
        } finally {
            lock.unlock();
        }
    }

    /** How many times the key was {@link #addRateLimited} since it was last forgotten. */
    public int retries(String key) {
        lock.lock();
        try {
            return backoffs.retries(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a key and hands it out; the caller must call {@link #done(String)} with it, whatever happens.
     *
     * @return the key, or empty once the queue is shut down
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public Optional<String> get() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!shutDown) {
                long now = ticker.nanos();
                promoteDue(now);
                if (!ready.isEmpty()) {
                    return Optional.of(handOut(now));
                }
                long wait = delayed.nanosUntilNext(now);
                if (wait == Long.MAX_VALUE) {
                    available.await();
                } else {
                    available.awaitNanos(wait);
                }
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #get()}, without waiting: empty when no key is ready now or the queue is shut down. */
    public Optional<String> poll() {
        lock.lock();
        try {
            if (shutDown) {
                return Optional.empty();
            }
            long now = ticker.nanos();
            promoteDue(now);
            return ready.isEmpty() ? Optional.empty() : Optional.of(handOut(now));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the processing of a key handed out; if it was added meanwhile, it is queued again now (unless the queue
     * is shut down). A key that is not processing is ignored.
     */
    public void done(String key) {
        lock.lock();
        try {
            Long handedOut = processing.remove(key);
            if (handedOut == null) {
                return;
            }
            metrics.worked(ticker.nanos() - handedOut);
            if (dirty.containsKey(key)) {
                ready.add(key);
                available.signalAll();
            }
            if (processing.isEmpty()) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops handing out keys, for good: queued and delayed keys are dropped, later adds are ignored, blocked
     * {@link #get()} calls return empty. Keys processing are left to finish; see {@link #awaitIdle(Duration)}.
     */
    public void shutDown() {
        lock.lock();
        try {
            shutDown = true;
            ready.clear();
            dirty.clear();
            delayed.clear();
            metrics.depth(0);
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isShutDown() {
        lock.lock();
        try {
            return shutDown;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no key is processing, for a graceful stop after {@link #shutDown()}. Before a shutdown the answer
     * may be out of date as soon as it is given.
     *
     * @param timeout real time
     * @return whether every key handed out was done within the timeout
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long remaining = saturatedNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (!processing.isEmpty()) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = idle.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Keys waiting to be handed out, counting a processing key that was added again; not the delayed ones. */
    public int depth() {
        lock.lock();
        try {
            promoteDue(ticker.nanos());
            return dirty.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Has blocked {@link #get()} calls look at the ticker again. The system ticker needs no help; a fake one does,
     * after a test moves it.
     */
    void wakeUp() {
        lock.lock();
        try {
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How long until a delayed key is due by the ticker, or empty when it is not waiting for a delay. */
    Optional<Duration> dueIn(String key) {
        lock.lock();
        try {
            Long due = delayed.dueOf(key);
            return due == null ? Optional.empty() : Optional.of(Duration.ofNanos(due - ticker.nanos()));
        } finally {
            lock.unlock();
        }
    }

    /** Queues a key that is not already dirty; the caller holds the lock and has checked for a shutdown. */
    private void insert(String key, long now) {
        if (dirty.putIfAbsent(key, now) != null) {
            return;
        }
        metrics.added();
        metrics.depth(dirty.size());
        if (!processing.containsKey(key)) {
            ready.add(key);
            available.signalAll();
        }
    }

    /** Moves the delayed keys that are due into the queue; the caller holds the lock. */
    private void promoteDue(long now) {
        for (String key = delayed.pollDue(now); key != null; key = delayed.pollDue(now)) {
            insert(key, now);
        }
    }

    private String handOut(long now) {
        String key = ready.poll();
        Long added = dirty.remove(key);
        processing.put(key, now);
        metrics.depth(dirty.size());
        metrics.waited(now - added);
        return key;
    }

    /** Brings the scrape-time metrics up to date: delayed keys now due count in the depth; work in progress ages. */
    private void collect() {
        lock.lock();
        try {
            long now = ticker.nanos();
            if (!shutDown) {
                promoteDue(now);
            }
            long total = 0;
            long longest = 0;
            for (long handedOut : processing.values()) {
                long age = now - handedOut;
                total += age;
                longest = Math.max(longest, age);
            }
            metrics.inProgress(total, longest);
        } finally {
            lock.unlock();
        }
    }

    private static long saturatedNanos(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            return 0;
        }
        return duration.compareTo(Duration.ofNanos(MAX_DELAY_NANOS)) >= 0 ? MAX_DELAY_NANOS : duration.toNanos();
    }
}
