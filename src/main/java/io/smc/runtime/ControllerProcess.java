package io.smc.runtime;

import io.smc.http.BindAddress;
import io.smc.http.EndpointServers;
import io.smc.http.HealthCheck;
import io.smc.http.Probes;
import io.smc.http.ShutdownCheck;
import io.smc.kube.KubeApi;
import io.smc.log.Log;
import io.smc.metrics.MetricsRegistry;
import io.smc.time.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The long-lived controller: its parts started in an order that keeps every probe truthful, and stopped in the
 * reverse order. Start: the HTTP server (liveness answers at once), the informers, then — once their caches are
 * synced, which is when readiness turns 200 — leader election if asked for, and the workers on leadership (a standby
 * is ready but reconciles nothing). Stop (a signal, or leadership lost): readiness 503, no new keys, reconciles in
 * flight finish within the shutdown timeout, the lease is released, the informers and the server stop.
 *
 * <p>Losing the lease while running ends the process with status 1 after the workers stopped, as controller-runtime
 * does: the only safe way back is a fresh start that stands for election again.
 */
public final class ControllerProcess {
    private static final Log LOG = Log.of(ControllerProcess.class);
    static final String CONTROLLER = "secretmanagerconfig";
    /** How often the start waits for the caches to sync; readiness is polled, not pushed. */
    private static final Duration SYNC_POLL = Duration.ofMillis(50);

    private final ControllerSettings settings;
    private final KubeApi api;
    private final MetricsRegistry registry;
    private final String identity;
    private final ShutdownCheck shutdown = new ShutdownCheck();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final WorkQueue queue;
    private final Caches caches;
    private final Workers workers;
    private volatile LeaderElector elector;
    private volatile EndpointServers servers;
    private volatile Thread starter;
    private volatile int exitCode;
    private volatile boolean stopping;
    /** The lease timings; client-go's defaults, shortened by tests. */
    private volatile UnaryOperator<LeaderElectionConfig> leaseTuning = UnaryOperator.identity();

    /**
     * @param reconcilers makes the reconciler, which reads configs from the caches given
     * @param identity    this replica's name, as the lease holder and in logs
     */
    public ControllerProcess(ControllerSettings settings, KubeApi api, MetricsRegistry registry, String identity,
            Function<ConfigCache, Reconciler> reconcilers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.api = Objects.requireNonNull(api, "api");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.queue = WorkQueue.create(CONTROLLER, registry, Ticker.SYSTEM, settings.minRetryDelay(),
                settings.maxRetryDelay(), new Random());
        this.caches = new Caches(api, settings.namespaces(), settings.labelSelector(), queue::add,
                settings.rediscoveryInterval(), Function.identity());
        this.workers = new Workers(CONTROLLER, queue, reconcilers.apply(caches),
                WorkerOptions.defaults().withConcurrency(settings.concurrency())
                        .withReconcileDeadline(settings.reconcileTimeout()), Ticker.SYSTEM, registry);
    }

    /**
     * Starts the HTTP server and the informers, and (on a thread of its own) the rest once the caches are synced.
     *
     * @throws IOException an address cannot be listened on; nothing is left running then
     */
    public void start() throws IOException {
        Optional<BindAddress> metrics = Optional.ofNullable(settings.metricsAddress()).flatMap(BindAddress::parse);
        Optional<BindAddress> probes = BindAddress.parse(settings.probeAddress());
        servers = EndpointServers.start(metrics, probes, registry, new Probes(
                List.of(HealthCheck.of("informers", () -> failure(caches.deadInformers(), "stopped")),
                        HealthCheck.of("workers", () -> failure(workers.deadWorkers(), "died"))),
                List.of(HealthCheck.of("caches", () -> caches.synced() ? Optional.empty()
                        : Optional.of("waiting for the first list of every watched kind")), shutdown)));
        caches.start();
        starter = new Thread(this::startWhenSynced, "controller-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void startWhenSynced() {
        try {
            while (!caches.synced()) {
                if (stopRequested.await(SYNC_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            return;
        }
        LOG.info("caches synced", "configs", caches.configKeys().size(), "sourceKinds",
                String.join(",", caches.watchedSourceKinds()));
        if (!settings.leaderElect()) {
            startWorkers();
            return;
        }
        LeaderElectionConfig config = leaseTuning.apply(LeaderElectionConfig.defaults(settings.leaseNamespace(),
                identity).withName(settings.leaseName()));
        LeaderElector candidate = LeaderElector.builder(api, config,
                LeaderCallbacks.of(this::startWorkers, () -> stoppedLeading(config))).metrics(registry).build();
        synchronized (this) {
            if (stopping) {
                return;
            }
            elector = candidate;
            candidate.start();
        }
    }

    private synchronized void startWorkers() {
        if (stopping) {
            return;
        }
        // Keys queued while standing by came from the informers already; these cover a leadership won later.
        caches.configKeys().forEach(queue::add);
        workers.start();
        LOG.info("reconciling", "workers", settings.concurrency(), "leaderElection", settings.leaderElect());
    }

    /** Lost the lease: stop the workers inside the margin before anyone else may lead, then end the process. */
    private void stoppedLeading(LeaderElectionConfig config) {
        Duration margin = config.leaseDuration().minus(config.renewDeadline()).dividedBy(2);
        if (stopping) {
            // stop() drains the workers before it ends the election; this only matters when the lease was lost
            // during that drain.
            workers.stop(margin);
            return;
        }
        LOG.error("leadership lost; stopping", "lease", config.name(), "identity", identity);
        workers.stop(margin);
        requestStop("leadership lost", 1);
    }

    /** Asks for a stop; {@link #awaitTermination()} carries it out. The first request's exit code is kept. */
    public void requestStop(String why, int code) {
        synchronized (this) {
            if (stopRequested.getCount() == 0) {
                return;
            }
            exitCode = code;
            LOG.info("stop requested", "reason", why);
            stopRequested.countDown();
        }
    }

    /** Waits for {@link #requestStop}, stops every part in order and returns the process's exit code. */
    public int awaitTermination() throws InterruptedException {
        stopRequested.await();
        stop();
        return exitCode;
    }

    /** Stops every part, in order; safe to call again. */
    public void stop() {
        LeaderElector leader;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            leader = elector;
        }
        LOG.info("stopping", "shutdownTimeout", settings.shutdownTimeout().toString());
        stopRequested.countDown();
        shutdown.begin();
        // The workers drain while the lease is still held and renewed; only then is it released.
        workers.stop(settings.shutdownTimeout());
        if (leader != null) {
            leader.stop();
        }
        caches.stop();
        Thread thread = starter;
        if (thread != null) {
            thread.interrupt();
        }
        EndpointServers running = servers;
        if (running != null) {
            running.stop();
        }
        LOG.info("stopped");
    }

    /** Changes the lease's timings (and release) before {@link #start()}; for tests, which cannot wait 15 s. */
    void tuneLease(UnaryOperator<LeaderElectionConfig> tuning) {
        this.leaseTuning = Objects.requireNonNull(tuning, "tuning");
    }

    /** Whether the caches are synced and the process is not stopping: what {@code /readyz} says. */
    public boolean ready() {
        return caches.synced() && !stopping;
    }

    /** The servers, for their bound ports. */
    public Optional<EndpointServers> servers() {
        return Optional.ofNullable(servers);
    }

    private static Optional<String> failure(List<String> parts, String what) {
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts) + " " + what);
    }
}
