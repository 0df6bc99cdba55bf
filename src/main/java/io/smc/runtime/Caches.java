package io.smc.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.ResourceType;
import io.smc.kube.informer.Informer;
import io.smc.kube.informer.ObjectKeys;
import io.smc.log.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The controller's informers: configs (one informer per watched namespace, or one for all, with the label selector
 * of this shard) and the source kinds the cluster serves. A source kind that discovery does not list (Flux or Argo CD
 * not installed) is skipped and looked for again every {@code rediscoveryInterval}, so installing it later needs no
 * restart; it never blocks readiness. No Secret is ever cached: reconciles read the few they need with a GET.
 *
 * <p>Ready means every config informer and every source informer started with the caches has listed once.
 */
public final class Caches implements ConfigCache {
    private static final Log LOG = Log.of(Caches.class);

    private final KubeApi api;
    private final List<String> namespaces;
    private final String labelSelector;
    private final Consumer<String> enqueue;
    private final Duration rediscoveryInterval;
    private final Function<Informer.Builder, Informer.Builder> tuning;
    // Read by probes and workers without a lock: discovery makes API calls, which must never hold up a probe.
    private final List<Informer> configInformers = new CopyOnWriteArrayList<>();
    /** Source kind → its informers, once discovery found it. */
    private final Map<String, List<Informer>> sourceInformers = new ConcurrentHashMap<>();
    private final List<Informer> gating = new CopyOnWriteArrayList<>();
    /** One discovery round at a time; never taken by readers. */
    private final Object discovery = new Object();
    private volatile ScheduledExecutorService rediscovery;
    private volatile boolean stopped;

    /**
     * @param namespaces the namespaces watched; empty for all
     * @param enqueue    where config keys go when a config or a source it reads changes
     * @param tuning     adjusts each informer's builder (backoff in tests); identity otherwise
     */
    public Caches(KubeApi api, List<String> namespaces, String labelSelector, Consumer<String> enqueue,
            Duration rediscoveryInterval, Function<Informer.Builder, Informer.Builder> tuning) {
        this.api = Objects.requireNonNull(api, "api");
        this.namespaces = namespaces.isEmpty() ? Collections.singletonList(null) : List.copyOf(namespaces);
        this.labelSelector = labelSelector;
        this.enqueue = Objects.requireNonNull(enqueue, "enqueue");
        this.rediscoveryInterval = Objects.requireNonNull(rediscoveryInterval, "rediscoveryInterval");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
    }

    /** Starts the config informers, discovers the source kinds and starts theirs; then rediscovers periodically. */
    public void start() {
        for (String namespace : namespaces) {
            Informer informer = tuning.apply(Informer.builder(api, WatchedKinds.CONFIGS).namespace(namespace)
                    .labelSelector(labelSelector)
                    .transform(ObjectTrimming::config)
                    .index(SourceIndex.NAME, SourceIndex::of)
                    .handler(new ConfigEvents(enqueue))
                    .log(Caches::informerLog)).build();
            configInformers.add(informer);
            gating.add(informer);
            informer.start();
        }
        gating.addAll(discoverSources());
        rediscovery = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rediscovery");
            thread.setDaemon(true);
            return thread;
        });
        rediscovery.scheduleWithFixedDelay(this::rediscover, rediscoveryInterval.toMillis(),
                rediscoveryInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A round of the schedule, which must not throw: a periodic task that throws is never run again. */
    private void rediscover() {
        try {
            discoverSources();
        } catch (RuntimeException e) {
            LOG.error("source discovery failed; trying again next round", "error", e.getClass().getName());
        }
    }

    /** Starts informers for the source kinds served now and not watched yet; returns them. */
    List<Informer> discoverSources() {
        synchronized (discovery) {
            return discoverSourcesOnce();
        }
    }

    private List<Informer> discoverSourcesOnce() {
        List<Informer> started = new ArrayList<>();
        for (WatchedKinds.SourceKind kind : WatchedKinds.SOURCES) {
            if (sourceInformers.containsKey(kind.kind())) {
                continue;
            }
            Optional<ResourceType> served = served(kind);
            if (served.isEmpty() || stopped) {
                continue;
            }
            List<Informer> informers = new ArrayList<>();
            for (String namespace : namespaces) {
                Informer informer = tuning.apply(Informer.builder(api, served.get()).namespace(namespace)
                        .transform(ObjectTrimming::source)
                        .handler(new SourceEvents(kind.kind(), this::configsReading, enqueue))
                        .log(Caches::informerLog)).build();
                informers.add(informer);
                informer.start();
            }
            sourceInformers.put(kind.kind(), informers);
            started.addAll(informers);
            LOG.info("watching source kind", "kind", kind.kind(), "apiVersion", served.get().apiVersion());
        }
        return started;
    }

    private Optional<ResourceType> served(WatchedKinds.SourceKind kind) {
        for (ResourceType version : kind.versions()) {
            try {
                if (api.serves(version)) {
                    return Optional.of(version);
                }
            } catch (KubeException | RuntimeException e) {
                // Discovery is asked again at the next round; the kind simply waits until then.
                LOG.warn("discovery failed", "kind", kind.kind(), "apiVersion", version.apiVersion(),
                        "error", e instanceof KubeException ? e.getMessage() : e.getClass().getName());
                return Optional.empty();
            }
        }
        LOG.debug("source kind not served; looking again later", "kind", kind.kind(),
                "every", rediscoveryInterval.toString());
        return Optional.empty();
    }

    /**
     * An informer's line: its failures (a server that cannot be reached, a forbidden list, with verb, resource and
     * namespace in the message) as warnings, its progress (lists, relists) as information. Either way one line, and
     * the informer retries on its own.
     */
    private static void informerLog(String line) {
        if (line.contains("failed") || line.contains("error")) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
    }

    /** Whether every informer started with the caches has listed once. */
    public boolean synced() {
        return !gating.isEmpty() && gating.stream().allMatch(Informer::hasSynced);
    }

    /** The informers whose loop died, by name, for the liveness probe; empty while all run. */
    public List<String> deadInformers() {
        List<String> dead = new ArrayList<>();
        if (stopped) {
            return dead;
        }
        for (Informer informer : allInformers()) {
            if (!informer.isRunning()) {
                dead.add(informer.type().qualifiedName());
            }
        }
        return dead;
    }

    /** The cached config, trimmed; never mutate it. */
    @Override
    public Optional<ObjectNode> config(String namespace, String name) {
        String key = ObjectKeys.of(namespace, name);
        for (Informer informer : configInformers()) {
            Optional<ObjectNode> config = informer.getByKey(key);
            if (config.isPresent()) {
                return config;
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<ObjectNode> source(String kind, String namespace, String name) {
        List<Informer> informers = sourceInformers.get(kind);
        if (informers == null) {
            return Optional.empty();
        }
        for (Informer informer : informers) {
            // Before its first list an informer's cache is empty, which says nothing about the object.
            if (informer.hasSynced()) {
                Optional<ObjectNode> source = informer.get(namespace, name);
                if (source.isPresent()) {
                    return source;
                }
            }
        }
        return Optional.empty();
    }

    /** The keys of every cached config. */
    public List<String> configKeys() {
        List<String> keys = new ArrayList<>();
        for (Informer informer : configInformers()) {
            informer.list().forEach(config -> keys.add(ObjectKeys.of(config)));
        }
        return keys;
    }

    /** The keys of the configs whose {@code spec.sourceRef} names this source ({@link SourceIndex#key}). */
    public List<String> configsReading(String sourceKey) {
        List<String> keys = new ArrayList<>();
        for (Informer informer : configInformers()) {
            informer.byIndex(SourceIndex.NAME, sourceKey).forEach(config -> keys.add(ObjectKeys.of(config)));
        }
        return keys;
    }

    /** The source kinds watched now, by {@code spec.sourceRef.kind} name. */
    public List<String> watchedSourceKinds() {
        return WatchedKinds.SOURCES.stream().map(WatchedKinds.SourceKind::kind).filter(sourceInformers::containsKey)
                .toList();
    }

    /** Stops rediscovery and every informer. */
    public void stop() {
        stopped = true;
        ScheduledExecutorService scheduler = rediscovery;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        // After a round in progress has finished, so that no informer starts behind this stop.
        synchronized (discovery) {
            allInformers().forEach(Informer::stop);
        }
    }

    private List<Informer> configInformers() {
        return configInformers;
    }

    private List<Informer> allInformers() {
        List<Informer> all = new ArrayList<>(configInformers);
        sourceInformers.values().forEach(all::addAll);
        return all;
    }
}
