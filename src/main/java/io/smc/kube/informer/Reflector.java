package io.smc.kube.informer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.ListOptions;
import io.smc.kube.ListPage;
import io.smc.kube.ResourceType;
import io.smc.time.Backoff;
import io.smc.kube.WatchEvent;
import io.smc.kube.WatchOptions;
import io.smc.kube.WatchStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The list/watch loop behind an {@link Informer}, after fabric8's Reflector and client-go's: list, replace the
 * cache, watch from the list's resourceVersion, and keep going whatever the server does. Runs on one thread; the
 * only calls from other threads are {@link #stop()} and the volatile reads.
 */
final class Reflector implements Runnable {
    /** How long the server keeps a watch open: random in [MIN, MAX] so that replicas do not reconnect in step. */
    static final int MIN_WATCH_SECONDS = 300;
    static final int MAX_WATCH_SECONDS = 600;
    /** A watch that ends cleanly this soon without any event did not really work (GKE does this): see below. */
    static final Duration SHORT_WATCH = Duration.ofSeconds(1);
    /** After this many short empty watches in a row the resourceVersion is taken to be unusable: relist. */
    static final int EMPTY_WATCHES_BEFORE_RELIST = 3;

    private enum Next {
        LIST, WATCH
    }

    private final Informer.Settings settings;
    private final KubeApi api;
    private final ResourceType type;
    private final IndexedCache cache;
    private final HandlerDispatcher dispatcher;
    private final Backoff backoff;
    private final Random random;
    private final Clock clock;
    private final Consumer<String> log;

    private volatile boolean running = true;
    private volatile WatchStream openStream;
    private volatile String resourceVersion;
    private volatile boolean synced;

    // Loop state, touched by the loop thread only.
    private boolean listedOnce;
    private int emptyWatches;
    /** Set by a 410 and cleared by any event: a second 410 with no event between them waits before relisting. */
    private boolean goneWithoutProgress;

    /** @param log the settings' log with the informer's name in front */
    Reflector(Informer.Settings settings, IndexedCache cache, HandlerDispatcher dispatcher, Consumer<String> log) {
        this.settings = settings;
        this.api = settings.api();
        this.type = settings.type();
        this.cache = cache;
        this.dispatcher = dispatcher;
        this.random = settings.random();
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), random);
        this.clock = settings.clock();
        this.log = log;
    }

    boolean hasSynced() {
        return synced;
    }

    String resourceVersion() {
        return resourceVersion;
    }

    @Override
    public void run() {
        Next next = Next.LIST;
        while (running) {
            try {
                next = next == Next.LIST ? list() : watch();
            } catch (RuntimeException e) {
                // Nothing above should throw, but the loop must outlive any bug in a collaborator.
                log("unexpected " + e.getClass().getName() + "; retrying");
                pause(null);
            }
        }
        log("stopped at resourceVersion " + resourceVersion);
    }

    /** Ends the loop: a blocked watch read ends with its stream, a backoff sleep with the interrupt. */
    void stop() {
        running = false;
        WatchStream stream = openStream;
        if (stream != null) {
            stream.close();
        }
    }

    private Next list() {
        boolean fromWatchCache = !listedOnce && settings.allowWatchCacheList();
        // The watch cache answers without paging; a consistent read is paged so one list never holds the server long.
        ListOptions options = new ListOptions(settings.labelSelector(), null, fromWatchCache ? "0" : null,
                fromWatchCache ? 0 : settings.pageLimit(), null);
        ListPage page;
        try {
            page = api.listAll(type, settings.namespace(), options);
        } catch (KubeException | RuntimeException e) {
            if (running) {
                log("list failed: " + summary(e));
                pause(e);
            }
            return Next.LIST;
        }
        Map<String, ObjectNode> fresh = new LinkedHashMap<>();
        for (ObjectNode item : page.items()) {
            ObjectNode object = settings.transform().apply(item);
            String key = ObjectKeys.of(object);
            if (key != null) {
                fresh.put(key, object);
            }
        }
        List<Delta> deltas = cache.replace(fresh);
        resourceVersion = page.resourceVersion();
        listedOnce = true;
        emptyWatches = 0;
        log("listed " + fresh.size() + " at resourceVersion " + resourceVersion + " (" + deltas.size()
                + " changes)");
        for (Delta delta : deltas) {
            dispatcher.deliver(ObjectKeys.of(delta.kind() == Delta.Kind.DELETE ? delta.previous() : delta.current()),
                    delta);
        }
        synced = true;
        return Next.WATCH;
    }

    private Next watch() {
        WatchOptions options = new WatchOptions(settings.labelSelector(), null, resourceVersion, true,
                MIN_WATCH_SECONDS + random.nextInt(MAX_WATCH_SECONDS - MIN_WATCH_SECONDS + 1));
        Instant opened = clock.instant();
        WatchStream stream;
        try {
            stream = api.watch(type, settings.namespace(), options);
        } catch (KubeException | RuntimeException e) {
            return failed("opening watch", e);
        }
        openStream = stream;
        if (!running) {
            // stop() ran between the open and the publication above and could not see this stream.
            stream.close();
            return Next.WATCH;
        }
        int events = 0;
        try (stream) {
            while (running) {
                Optional<WatchEvent> next = stream.next();
                if (next.isEmpty()) {
                    return endedCleanly(events, opened);
                }
                WatchEvent event = next.get();
                if (event.type() == WatchEvent.Type.ERROR) {
                    return errorEvent(event.object());
                }
                events++;
                progress();
                apply(event);
            }
            return Next.WATCH;
        } catch (KubeException | RuntimeException e) {
            return failed("watch", e);
        } finally {
            openStream = null;
        }
    }

    private Next failed(String what, Exception e) {
        if (!running) {
            return Next.WATCH;
        }
        if (e instanceof ApiException api && api.reason() == ApiException.Reason.GONE) {
            return gone(what + " answered 410 Gone");
        }
        log(what + " failed at resourceVersion " + resourceVersion + ": " + summary(e));
        pause(e);
        return Next.WATCH;
    }

    private Next endedCleanly(int events, Instant opened) {
        boolean quick = Duration.between(opened, clock.instant()).compareTo(SHORT_WATCH) < 0;
        if (events > 0 || !quick) {
            // A watch that lasted its time, even a quiet one, shows the resourceVersion still works.
            emptyWatches = 0;
            backoff.reset();
            return Next.WATCH;
        }
        emptyWatches++;
        if (emptyWatches >= EMPTY_WATCHES_BEFORE_RELIST) {
            emptyWatches = 0;
            return gone(EMPTY_WATCHES_BEFORE_RELIST + " watches in a row ended at once without events");
        }
        return Next.WATCH;
    }

    private Next errorEvent(ObjectNode status) {
        JsonNode code = status == null ? null : status.get("code");
        String reason = status == null ? "" : status.path("reason").asText("");
        if ((code != null && code.asInt() == 410) || reason.equals("Gone") || reason.equals("Expired")) {
            return gone("watch sent a 410 Gone event");
        }
        log("watch sent an error event, code " + (code == null ? "none" : code.asText()) + " reason " + reason);
        pause(null);
        return Next.WATCH;
    }

    /** The resourceVersion is no longer served: only a fresh, consistent list can bring the cache up to date. */
    private Next gone(String why) {
        log(why + " at resourceVersion " + resourceVersion + "; relisting");
        if (goneWithoutProgress) {
            // Relisting straight away again would hammer a server that keeps answering 410.
            pause(null);
        }
        goneWithoutProgress = true;
        return Next.LIST;
    }

    private void progress() {
        backoff.reset();
        emptyWatches = 0;
        goneWithoutProgress = false;
    }

    private void apply(WatchEvent event) {
        ObjectNode object = event.type() == WatchEvent.Type.BOOKMARK ? event.object()
                : settings.transform().apply(event.object());
        String version = ObjectKeys.resourceVersion(object);
        String key = event.type() == WatchEvent.Type.BOOKMARK ? null : ObjectKeys.of(object);
        Delta delta = null;
        if (key != null) {
            delta = event.type() == WatchEvent.Type.DELETED ? cache.remove(key) : cache.upsert(key, object);
        } else if (event.type() != WatchEvent.Type.BOOKMARK) {
            log(event.type() + " event without metadata.name ignored");
        }
        // Before the handlers run, so that one reading resourceVersion() sees the version of what it is told.
        if (version != null) {
            resourceVersion = version;
        }
        if (delta != null) {
            dispatcher.deliver(key, delta);
        }
    }

    private void pause(Exception cause) {
        Duration delay = backoff.next();
        if (cause instanceof ApiException api && api.retryAfter().isPresent()
                && api.retryAfter().get().compareTo(delay) > 0) {
            delay = api.retryAfter().get();
        }
        try {
            settings.sleeper().sleep(delay);
        } catch (InterruptedException e) {
            // stop() interrupts; the loop condition notices. Any other interrupt just cuts this wait short.
        }
    }

    private void log(String message) {
        log.accept(message);
    }

    /** Kube exceptions promise messages without object contents; anything else is named by its class alone. */
    private static String summary(Exception e) {
        return e instanceof KubeException ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getClass().getName();
    }
}
