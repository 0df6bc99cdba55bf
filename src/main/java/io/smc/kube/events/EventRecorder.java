package io.smc.kube.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.PatchType;
import io.smc.kube.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records core/v1 Events about objects, as client-go's recorder does: a repeat of the same event (same object,
 * type, reason and message) within {@link #AGGREGATION_WINDOW} of the last one raises the existing Event's
 * {@code count} and {@code lastTimestamp} with a PATCH instead of creating another.
 *
 * <p>Events are a courtesy to humans, so recording never fails the caller: every error, including a refused task,
 * is logged (object, reason and error summary; never the message) and dropped. The API calls run on the executor
 * given: {@link #backgroundExecutor()} keeps a slow API server off the caller's thread; a direct executor
 * ({@code Runnable::run}) runs them on the caller's.
 */
public final class EventRecorder {
    public static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(10);
    /** The longest message kept; longer ones are cut (the API server refuses overlong notes). */
    public static final int MAX_MESSAGE_LENGTH = 1024;
    /** How many distinct recent events are remembered for aggregation; the least recently seen are forgotten. */
    static final int REMEMBERED_EVENTS = 1024;
    private static final int MAX_NAME_LENGTH = 253;
    private static final int QUEUE_CAPACITY = 1000;

    private final KubeApi api;
    private final String component;
    private final String instance;
    private final Executor executor;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<AggregationKey, Recent> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AggregationKey, Recent> eldest) {
            return size() > REMEMBERED_EVENTS;
        }
    };
    private long lastSuffix;

    /**
     * @param component the reporting controller ({@code source.component}, {@code reportingComponent})
     * @param instance  this replica ({@code reportingInstance}), such as the pod name
     */
    public EventRecorder(KubeApi api, String component, String instance, Executor executor, Clock clock,
            Consumer<String> log) {
        this.api = Objects.requireNonNull(api, "api");
        this.component = requireText(component, "component");
        this.instance = requireText(instance, "instance");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * One daemon thread behind a bounded queue: recording never waits for the API server, and when the server is so
     * slow that the queue fills, events are dropped (and logged) rather than piling up. The caller shuts it down.
     */
    public static ExecutorService backgroundExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY), task -> {
            Thread thread = new Thread(task, "event-recorder");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void normal(ObjectReference object, EventReason reason, String message) {
        record(object, EventType.NORMAL, reason, message);
    }

    public void warning(ObjectReference object, EventReason reason, String message) {
        record(object, EventType.WARNING, reason, message);
    }

    private void record(ObjectReference object, EventType type, EventReason reason, String message) {
        if (object == null || reason == null) {
            log.accept("event without " + (object == null ? "object" : "reason") + " dropped");
            return;
        }
        // The time of the occurrence, not of the API call, which may come later.
        Instant now = clock.instant();
        Occurrence occurrence = new Occurrence(object, type, reason, truncate(message == null ? "" : message), now);
        try {
            executor.execute(() -> emit(occurrence));
        } catch (RejectedExecutionException e) {
            log.accept("event " + reason + " for " + describe(object) + " dropped: recorder busy or stopped");
        }
    }

    private synchronized void emit(Occurrence occurrence) {
        try {
            AggregationKey key = occurrence.key();
            Recent previous = recent.get(key);
            if (previous != null && occurrence.time().isBefore(previous.lastSeen().plus(AGGREGATION_WINDOW))) {
                if (patch(occurrence, previous)) {
                    return;
                }
            }
            create(occurrence);
        } catch (RuntimeException e) {
            failed(occurrence, e);
        }
    }

    /** False when the event to aggregate into is gone (expired), so that a new one is created. */
    private boolean patch(Occurrence occurrence, Recent previous) {
        int count = previous.count() + 1;
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.put("count", count);
        patch.put("lastTimestamp", timestamp(occurrence.time()));
        try {
            api.patch(ResourceType.EVENTS, previous.namespace(), previous.name(), PatchType.MERGE, patch, null,
                    false, null);
            recent.put(occurrence.key(), new Recent(previous.namespace(), previous.name(), count,
                    occurrence.time()));
            return true;
        } catch (ApiException e) {
            if (e.reason() == ApiException.Reason.NOT_FOUND) {
                recent.remove(occurrence.key());
                return false;
            }
            failed(occurrence, e);
            return true;
        } catch (KubeException e) {
            failed(occurrence, e);
            return true;
        }
    }

    private void create(Occurrence occurrence) {
        ObjectReference object = occurrence.object();
        String namespace = object.namespace() == null ? "default" : object.namespace();
        String name = name(object.name(), occurrence.time());
        String time = timestamp(occurrence.time());
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("apiVersion", "v1");
        event.put("kind", "Event");
        event.putObject("metadata").put("name", name).put("namespace", namespace);
        event.set("involvedObject", object.toJson());
        event.put("reason", occurrence.reason().value());
        event.put("message", occurrence.message());
        event.put("type", occurrence.type().wireName());
        event.putObject("source").put("component", component);
        event.put("firstTimestamp", time);
        event.put("lastTimestamp", time);
        event.put("count", 1);
        event.put("reportingComponent", component);
        event.put("reportingInstance", instance);
        try {
            api.create(ResourceType.EVENTS, namespace, event);
            recent.put(occurrence.key(), new Recent(namespace, name, 1, occurrence.time()));
        } catch (KubeException e) {
            failed(occurrence, e);
        }
    }

    /** {@code <object name>.<hex nanos>}, as client-go names them; never the same twice from this recorder. */
    private String name(String objectName, Instant time) {
        long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano();
        lastSuffix = Math.max(lastSuffix + 1, nanos);
        String suffix = "." + Long.toHexString(lastSuffix);
        int room = MAX_NAME_LENGTH - suffix.length();
        return (objectName.length() > room ? objectName.substring(0, room) : objectName) + suffix;
    }

    private void failed(Occurrence occurrence, Exception e) {
        String summary = e instanceof KubeException ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getClass().getName();
        log.accept("event " + occurrence.reason() + " for " + describe(occurrence.object()) + " not recorded: "
                + summary);
    }

    static String truncate(String message) {
        if (message.length() <= MAX_MESSAGE_LENGTH) {
            return message;
        }
        String marker = "...";
        int end = MAX_MESSAGE_LENGTH - marker.length();
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;
        }
        return message.substring(0, end) + marker;
    }

    private static String timestamp(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String describe(ObjectReference object) {
        return object.kind() + " " + (object.namespace() == null ? "" : object.namespace() + "/") + object.name();
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an event recorder needs a " + what);
        }
        return value;
    }

    private record Occurrence(ObjectReference object, EventType type, EventReason reason, String message,
            Instant time) {
        AggregationKey key() {
            return new AggregationKey(object.apiVersion(), object.kind(), object.namespace(), object.name(),
                    object.uid(), type, reason.value(), message);
        }
    }

    /** What makes two events the same: the object's identity (not its resourceVersion), type, reason, message. */
    private record AggregationKey(String apiVersion, String kind, String namespace, String name, String uid,
            EventType type, String reason, String message) {
    }

    private record Recent(String namespace, String name, int count, Instant lastSeen) {
    }
}
