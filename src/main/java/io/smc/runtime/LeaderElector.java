package io.smc.runtime;

import io.smc.kube.KubeApi;
import io.smc.kube.ResourceType;
import io.smc.kube.lease.Leases;
import io.smc.log.Log;
import io.smc.metrics.Gauge;
import io.smc.metrics.MetricsRegistry;
import io.smc.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, as client-go's {@code tools/leaderelection}: of the
 * replicas competing for one lease, one leads at a time, and the others stand by to take over.
 *
 * <p>On its own thread, a candidate tries every retry period (plus up to a fifth of it at random, so standbys do
 * not come in step) to create the lease, or to take it when nobody holds it or it expired: when it has not changed
 * for its {@code leaseDurationSeconds} by this replica's clock, counted from when this replica saw it change (never
 * from the holder's {@code renewTime}, so clock skew between machines does not matter). Taking it over counts a
 * transition. The leader renews every retry period; when no renewal succeeds for the renew deadline, counted from
 * the start of the last successful one, it stops leading, before the lease can expire at any standby, and even
 * while a call hangs (calls are cut off at the deadline). A leader that sees another holder stops at once. A replica
 * that stopped leading stands again as a candidate.
 *
 * <p>API errors (refused, unreachable server) are logged one line each and retried every retry period; nothing the
 * server answers ends the election, only {@link #stop()} does. The gauge {@code leader_election_master_status{name}}
 * is 1 while this replica leads and 0 otherwise.
 */
public final class LeaderElector {
    /** The largest share of the retry period a candidate adds at random between attempts. */
    static final double JITTER = 0.2;
    /** How long {@link #stop()} waits for the election thread (and the callbacks and release it runs) to end. */
    static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private static final Log LOG = Log.of(LeaderElector.class);

    private final LeaderElectionConfig config;
    private final LeaderCallbacks callbacks;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Random random;
    private final LeaseLock lock;
    private final TimeLimiter limiter;
    private final Gauge.Child status;
    private final Thread thread;
    private volatile boolean leading;
    private volatile boolean stopping;
    private boolean started;
    // Election thread only: the start of the last successful renewal, and the last holder reported.
    private Instant renewedAt;
    private String reportedLeader;

    private LeaderElector(Builder builder) {
        this.config = builder.config;
        this.callbacks = builder.callbacks;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.random = builder.random;
        this.lock = new LeaseLock(new Leases(builder.api), config, clock);
        this.limiter = new TimeLimiter("leader-election-calls-" + config.name());
        this.status = builder.metrics.gauge("leader_election_master_status",
                "1 while this replica leads on the named lease, 0 otherwise.", "name").labels(config.name());
        status.set(0);
        this.thread = new Thread(this::run, "leader-election-" + config.name());
        // stop() is the orderly way out; a forgotten elector must still not keep the process alive.
        thread.setDaemon(true);
    }

    /** An elector on {@code api}; the builder's defaults are the system clock and sleeper and a private registry. */
    public static Builder builder(KubeApi api, LeaderElectionConfig config, LeaderCallbacks callbacks) {
        return new Builder(api, config, callbacks);
    }

    public LeaderElectionConfig config() {
        return config;
    }

    /** Starts the election thread; an elector starts once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("leader election on " + config.name() + " already started");
        }
        started = true;
        thread.start();
    }

    /**
     * Ends the election and waits (up to 30 s) for its thread: if leading, calls
     * {@link LeaderCallbacks#onStoppedLeading()}; then, when the config says so and the lease is still ours, releases
     * it (guarded by its resourceVersion, within the renew deadline) so that a standby takes over at once. Never
     * throws; safe to call more than once, before {@link #start()}, or from a callback (then the election ends when
     * the callback returns).
     */
    public void stop() {
        stopping = true;
        try {
            synchronized (this) {
                if (!started || Thread.currentThread() == thread) {
                    return;
                }
            }
            thread.interrupt();
            thread.join(STOP_WAIT.toMillis());
            if (thread.isAlive()) {
                LOG.warn("leader election did not stop in time", "lease", config.name(), "waitedSeconds",
                        STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("leader election did not stop cleanly", "lease", config.name(), "error", e.toString());
        }
    }

    /** Whether this replica leads now. */
    public boolean isLeader() {
        return leading;
    }

    /** The holder last seen on the lease (this replica included); empty before the first read or when free. */
    public Optional<String> leaderIdentity() {
        return lock.observedHolder();
    }

    private void run() {
        LOG.info("standing for leader", "namespace", config.namespace(), "lease", config.name(), "identity",
                config.identity());
        try {
            while (!stopping) {
                if (leading) {
                    renew();
                } else {
                    tryAcquire();
                }
            }
        } catch (InterruptedException e) {
            // stop(): leave the loop
        } finally {
            shutDown();
        }
    }

    private void tryAcquire() throws InterruptedException {
        Instant start = clock.instant();
        LeaseAttempt attempt = attempt(config.renewDeadline());
        if (attempt instanceof LeaseAttempt.Held && !stopping) {
            renewedAt = start;
            startLeading();
            return;
        }
        Duration retry = config.retryPeriod();
        sleeper.sleep(retry.plusNanos((long) (retry.toNanos() * JITTER * random.nextDouble())));
    }

    private void renew() throws InterruptedException {
        sleeper.sleep(config.retryPeriod());
        Instant start = clock.instant();
        Instant deadline = renewedAt.plus(config.renewDeadline());
        if (start.isBefore(deadline)) {
            LeaseAttempt attempt = attempt(Duration.between(start, deadline));
            if (attempt instanceof LeaseAttempt.Held) {
                renewedAt = start;
                return;
            }
            if (attempt instanceof LeaseAttempt.HeldByOther other) {
                stopLeading("another replica holds the lease: " + other.holder());
                return;
            }
        }
        if (!clock.instant().isBefore(deadline)) {
            stopLeading("no renewal succeeded within the renew deadline of " + config.renewDeadline().toMillis()
                    + " ms");
        }
    }

    /** One try to acquire or renew, cut off at {@code limit}; reports failures and changes of holder. */
    private LeaseAttempt attempt(Duration limit) throws InterruptedException {
        LeaseAttempt attempt;
        try {
            attempt = limiter.call(lock::tryAcquireOrRenew, limit).orElseGet(() -> new LeaseAttempt.Failed(
                    leading ? "renew" : "acquire", "no answer within " + limit.toMillis() + " ms", false));
        } catch (RuntimeException e) {
            attempt = LeaseAttempt.Failed.of(leading ? "renew" : "acquire", e);
        }
        if (attempt instanceof LeaseAttempt.Failed failed) {
            logFailure(failed);
        }
        lock.observedHolder().ifPresent(this::reportLeader);
        return attempt;
    }

    private void logFailure(LeaseAttempt.Failed failed) {
        if (failed.contention() && !leading) {
            // Losing a race for the lease is how candidates learn who won; the next read shows the winner.
            LOG.debug("lost a race for the lease", fields(failed));
        } else {
            LOG.warn("lease call failed", fields(failed));
        }
    }

    private Object[] fields(LeaseAttempt.Failed failed) {
        return new Object[] {"verb", failed.verb(), "resource", ResourceType.LEASES.qualifiedName(), "namespace",
                config.namespace(), "name", config.name(), "reason", failed.reason(), "identity", config.identity(),
                "leading", leading};
    }

    private void reportLeader(String holder) {
        if (holder.equals(reportedLeader)) {
            return;
        }
        reportedLeader = holder;
        LOG.info("new leader", "lease", config.name(), "leader", holder, "identity", config.identity());
        guarded("onNewLeader", () -> callbacks.onNewLeader(holder));
    }

    private void startLeading() {
        leading = true;
        status.set(1);
        LOG.info("started leading", "namespace", config.namespace(), "lease", config.name(), "identity",
                config.identity());
        guarded("onStartedLeading", callbacks::onStartedLeading);
    }

    private void stopLeading(String reason) {
        leading = false;
        status.set(0);
        LOG.info("stopped leading", "namespace", config.namespace(), "lease", config.name(), "identity",
                config.identity(), "reason", reason);
        guarded("onStoppedLeading", callbacks::onStoppedLeading);
    }

    private void shutDown() {
        // Clear a pending interrupt so that the callback and the release below can wait for what they need.
        Thread.interrupted();
        try {
            if (leading) {
                // Workers stop before the lease is released: nobody else may start while ours still run.
                stopLeading("stopped");
            }
            // Also after a lost renew deadline, or an acquisition just as the stop came: the lease may still be ours.
            if (config.releaseOnStop() && lock.observedHolder().filter(config.identity()::equals).isPresent()) {
                release();
            }
        } finally {
            limiter.close();
            LOG.info("left the leader election", "lease", config.name(), "identity", config.identity());
        }
    }

    private void release() {
        Optional<LeaseAttempt.Failed> failed;
        try {
            failed = limiter.call(lock::release, config.renewDeadline()).orElseGet(() -> Optional.of(
                    new LeaseAttempt.Failed("release", "no answer within " + config.renewDeadline().toMillis()
                            + " ms", false)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = Optional.of(new LeaseAttempt.Failed("release", "interrupted", false));
        } catch (RuntimeException e) {
            failed = Optional.of(LeaseAttempt.Failed.of("release", e));
        }
        if (failed.isPresent()) {
            LOG.warn("could not release the lease", fields(failed.get()));
        } else {
            LOG.info("released the lease", "lease", config.name(), "identity", config.identity());
        }
    }

    private void guarded(String callback, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error("leader election callback failed", "callback", callback, "lease", config.name(), "error",
                    e.toString());
        }
    }

    /** Collaborators of a {@link LeaderElector}; only the API, config and callbacks are required. */
    public static final class Builder {
        private final KubeApi api;
        private final LeaderElectionConfig config;
        private final LeaderCallbacks callbacks;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Random random = new Random();
        private MetricsRegistry metrics = new MetricsRegistry();

        private Builder(KubeApi api, LeaderElectionConfig config, LeaderCallbacks callbacks) {
            this.api = Objects.requireNonNull(api, "api");
            this.config = Objects.requireNonNull(config, "config");
            this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        }

        /** The time written to the lease and against which expiry and the renew deadline are judged. */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /** How the election waits between attempts; it must end on interrupt, which is how stop() wakes it. */
        public Builder sleeper(Sleeper newSleeper) {
            this.sleeper = Objects.requireNonNull(newSleeper, "sleeper");
            return this;
        }

        /** The source of the candidates' jitter. */
        public Builder random(Random newRandom) {
            this.random = Objects.requireNonNull(newRandom, "random");
            return this;
        }

        /** Where the leader status gauge is registered. */
        public Builder metrics(MetricsRegistry registry) {
            this.metrics = Objects.requireNonNull(registry, "metrics");
            return this;
        }

        public LeaderElector build() {
            return new LeaderElector(this);
        }
    }
}
