package io.smc.kube.informer;

import io.smc.time.Sleeper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.KubeApi;
import io.smc.kube.ResourceType;
import io.smc.time.Backoff;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A cache of one resource type (optionally one namespace and one label selector, for sharding), kept current by a
 * list and then a watch, and telling {@link ResourceEventHandler}s about every change.
 *
 * <p>The first list may be answered from the server's watch cache ({@code resourceVersion=0}); relists, which
 * follow a 410 Gone, are consistent paged reads. After a relist the handlers hear only the difference: deletes for
 * vanished objects, updates for changed resourceVersions, adds for new ones. A watch is re-opened from the last
 * resourceVersion seen (bookmarks included); failures are retried with capped, jittered exponential backoff. No
 * exception from the server or from a handler ends the informer; only {@link #stop()} does.
 *
 * <p>Cached objects are shared, never copied: readers and handlers must not mutate them.
 */
public final class Informer {
    /** How long {@link #stop()} waits for the loop to end (a handler may be running). */
    static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /** The collaborators and options of one informer, as the builder fixed them. */
    record Settings(KubeApi api, ResourceType type, String namespace, String labelSelector,
            boolean allowWatchCacheList, long pageLimit, Random random, Sleeper sleeper, Clock clock,
            Consumer<String> log, Duration initialBackoff, Duration maxBackoff, UnaryOperator<ObjectNode> transform) {
    }

    private final ResourceType type;
    private final IndexedCache cache;
    private final Reflector reflector;
    private final Thread thread;
    private final Consumer<String> log;
    private boolean started;

    private Informer(Settings settings, List<ResourceEventHandler> handlers,
            Map<String, Function<ObjectNode, Collection<String>>> indexers) {
        this.type = settings.type();
        this.log = settings.log();
        String label = settings.type().qualifiedName()
                + (settings.namespace() == null ? "" : " in " + settings.namespace())
                + (settings.labelSelector() == null ? "" : " selecting " + settings.labelSelector());
        Consumer<String> labelled = message -> log.accept(label + ": " + message);
        this.cache = new IndexedCache(indexers, labelled);
        this.reflector = new Reflector(settings, cache, new HandlerDispatcher(handlers, labelled), labelled);
        this.thread = new Thread(reflector, "informer-" + settings.type().qualifiedName()
                + (settings.namespace() == null ? "" : "-" + settings.namespace()));
        // Stopping is the orderly way out; a forgotten informer must still not keep the process alive.
        this.thread.setDaemon(true);
    }

    public static Builder builder(KubeApi api, ResourceType type) {
        return new Builder(api, type);
    }

    public ResourceType type() {
        return type;
    }

    /** Starts the loop thread; an informer starts once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("informer for " + type.qualifiedName() + " already started");
        }
        started = true;
        thread.start();
    }

    /**
     * Stops the loop: closes the open watch (which ends a blocked read), wakes a backoff sleep and waits for the
     * thread to end. No handler is called after this returns, unless one was stuck for {@link #STOP_WAIT}.
     */
    public void stop() {
        reflector.stop();
        thread.interrupt();
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (thread.isAlive()) {
            log.accept(thread.getName() + " did not stop within " + STOP_WAIT.toSeconds() + "s");
        }
    }

    /** Whether the loop thread is still running. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** True once the first complete list is in the cache and was delivered to the handlers. */
    public boolean hasSynced() {
        return reflector.hasSynced();
    }

    /** The resourceVersion of the last list, event or bookmark seen; null before the first list. */
    public String resourceVersion() {
        return reflector.resourceVersion();
    }

    /** The cached object; the namespace is ignored for cluster-scoped types. Do not mutate it. */
    public Optional<ObjectNode> get(String namespace, String name) {
        return getByKey(ObjectKeys.of(type.namespaced() ? namespace : null, name));
    }

    /** The cached object under an {@link ObjectKeys} key, as a work queue carries it. Do not mutate it. */
    public Optional<ObjectNode> getByKey(String key) {
        return Optional.ofNullable(cache.get(key));
    }

    /** A snapshot of every cached object, in no particular order. Do not mutate them. */
    public List<ObjectNode> list() {
        return cache.list();
    }

    /**
     * The cached objects whose index function gave {@code value}.
     *
     * @throws IllegalArgumentException no index of that name was declared on the builder
     */
    public List<ObjectNode> byIndex(String index, String value) {
        return cache.byIndex(index, value);
    }

    /** Options of an informer; only the API and the type are required. */
    public static final class Builder {
        private static final System.Logger LOGGER = System.getLogger(Informer.class.getName());

        private final KubeApi api;
        private final ResourceType type;
        private String namespace;
        private String labelSelector;
        private boolean allowWatchCacheList = true;
        private long pageLimit = 500;
        private final List<ResourceEventHandler> handlers = new ArrayList<>();
        private final Map<String, Function<ObjectNode, Collection<String>>> indexers = new LinkedHashMap<>();
        private Random random = new Random();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private Consumer<String> log = message -> LOGGER.log(Level.INFO, message);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private UnaryOperator<ObjectNode> transform = UnaryOperator.identity();

        private Builder(KubeApi api, ResourceType type) {
            this.api = Objects.requireNonNull(api, "api");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** Watch one namespace only; null (the default) watches all. Ignored for cluster-scoped types. */
        public Builder namespace(String namespace) {
            this.namespace = namespace == null || namespace.isEmpty() || !type.namespaced() ? null : namespace;
            return this;
        }

        /** Cache only the objects matching this selector (a shard); null for all. */
        public Builder labelSelector(String labelSelector) {
            this.labelSelector = labelSelector == null || labelSelector.isEmpty() ? null : labelSelector;
            return this;
        }

        /**
         * Whether the first list may come from the server's watch cache ({@code resourceVersion=0}, the default):
         * cheap for the server, possibly a little stale, which the watch then makes good.
         */
        public Builder allowWatchCacheList(boolean allow) {
            this.allowWatchCacheList = allow;
            return this;
        }

        /** The page size of consistent lists; 500 by default. */
        public Builder pageLimit(long limit) {
            if (limit <= 0) {
                throw new IllegalArgumentException("page limit must be positive, got " + limit);
            }
            this.pageLimit = limit;
            return this;
        }

        public Builder handler(ResourceEventHandler handler) {
            handlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Declares a secondary index: {@code keys} gives the values an object is found under by
         * {@link Informer#byIndex}. It must be pure and quick; it runs under the cache's lock.
         */
        public Builder index(String name, Function<ObjectNode, Collection<String>> keys) {
            Objects.requireNonNull(keys, "keys");
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("an index needs a name");
            }
            if (indexers.putIfAbsent(name, keys) != null) {
                throw new IllegalArgumentException("index " + name + " declared twice");
            }
            return this;
        }

        /**
         * Trims each object before it is cached (as client-go's transform): whatever reconciles never read —
         * {@code managedFields}, a source's spec — costs memory for as long as the object is cached. It receives the
         * object as decoded, which nobody else holds, so it may change it in place or return another; it must keep
         * {@code metadata.name}, {@code namespace} and {@code resourceVersion}, and it runs before indexing.
         */
        public Builder transform(UnaryOperator<ObjectNode> transform) {
            this.transform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        /** Jitter of reconnect delays and watch timeouts. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Measures how long a watch lasted, to tell a watch that ends at once from one that ran its time. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where progress and failures go: names, resourceVersions and error summaries, never object contents. */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** Reconnect delays: {@code initial} doubling up to {@code max}; 1 s and 30 s by default. */
        public Builder backoff(Duration initial, Duration max) {
            Backoff.validate(initial, max);
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Informer build() {
            return new Informer(new Settings(api, type, namespace, labelSelector, allowWatchCacheList, pageLimit,
                    random, sleeper, clock, log, initialBackoff, maxBackoff, transform), handlers, indexers);
        }
    }
}
