package io.smc.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.Conditions;
import io.smc.api.InventoryEntry;
import io.smc.api.ManifestException;
import io.smc.api.Manifests;
import io.smc.api.SecretManagerConfig;
import io.smc.api.SecretManagerConfigSpec;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.PatchType;
import io.smc.kube.events.EventReason;
import io.smc.kube.events.EventRecorder;
import io.smc.kube.events.ObjectReference;
import io.smc.kube.informer.ObjectKeys;
import io.smc.log.Log;
import io.smc.plan.ActionKind;
import io.smc.plan.AppliedAction;
import io.smc.plan.Applier;
import io.smc.plan.KnownValues;
import io.smc.plan.Plan;
import io.smc.plan.Planner;
import io.smc.plan.PublishPolicy;
import io.smc.provider.StoreException;
import io.smc.runtime.ConfigCache;
import io.smc.runtime.Reconciler;
import io.smc.runtime.Result;
import io.smc.runtime.TerminalException;
import io.smc.runtime.WatchedKinds;
import io.smc.secrets.DesiredSecret;
import io.smc.secrets.DesiredState;
import io.smc.sops.SopsFileDecryptor;
import io.smc.source.Artifact;
import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Reconciles one {@code SecretManagerConfig}, as a checklist: get it from the cache → deletion → finalizer → suspend
 * → validate → source → artifact → desired state → publish → status and events → requeue. Each step is a method;
 * each failure becomes a condition reason, an event and a {@link Result} (wait, back off, or record and wait for a
 * change). Nothing is written or deleted in the store while the source, its decryption or the build is in doubt.
 */
public final class ConfigReconciler implements Reconciler {
    public static final String FINALIZER = "secret-management.microscaler.io/finalizer";
    /** A new value asks for a reconcile now, with a drift check of every secret; Flux's annotation works too. */
    public static final String RECONCILE_REQUEST = "secret-management.microscaler.io/reconcile";
    static final String FLUX_RECONCILE_REQUEST = "reconcile.fluxcd.io/requestedAt";
    /** Lets a config whose secrets cannot be deleted (its provider unreachable for good) go anyway. */
    public static final String FORCE_DELETE = "secret-management.microscaler.io/force-delete";
    /** How long a config waits for a source that is not ready before it looks again; no backoff growth. */
    static final Duration SOURCE_WAIT = Duration.ofSeconds(30);
    /**
     * How soon a config that could not be built looks again: the key Secret is not watched (no Secret is cached), so
     * fixed keys are noticed by reading it again, a cheap GET, at most this long after they changed.
     */
    static final Duration BUILD_RETRY = Duration.ofMinutes(1);

    private static final Log LOG = Log.of(ConfigReconciler.class);
    private static final EventReason RECONCILED = EventReason.of(Conditions.REASON_SUCCEEDED);
    private static final EventReason DRIFT_CORRECTED = EventReason.of("DriftCorrected");
    private static final EventReason SECRETS_UPDATED = EventReason.of("SecretsUpdated");
    private static final EventReason SECRETS_DELETED = EventReason.of("SecretDeleted");
    /** In order of weight: a summary event is named after the first kind of change it holds. */
    private static final List<Map.Entry<ActionKind, EventReason>> CHANGE_REASONS = List.of(
            Map.entry(ActionKind.CREATE, EventReason.of("SecretCreated")),
            Map.entry(ActionKind.DELETE, SECRETS_DELETED),
            Map.entry(ActionKind.ADD_VERSION, EventReason.of("VersionAdded")),
            Map.entry(ActionKind.DISABLE, EventReason.of("VersionDisabled")),
            Map.entry(ActionKind.ENABLE, EventReason.of("VersionEnabled")));

    private final ConfigCache cache;
    private final KubeApi api;
    private final ConfigSources sources;
    private final ConfigStores stores;
    private final DecryptionKeys keys;
    private final KnownValues known;
    private final EventRecorder events;
    private final StatusWriter status;

    public ConfigReconciler(ConfigCache cache, KubeApi api, ConfigSources sources, ConfigStores stores,
            DecryptionKeys keys, KnownValues known, EventRecorder events, StatusWriter status) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.api = Objects.requireNonNull(api, "api");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.known = Objects.requireNonNull(known, "known");
        this.events = Objects.requireNonNull(events, "events");
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    public Result reconcile(String namespace, String name) throws Exception {
        Optional<ObjectNode> cached = cache.config(namespace, name);
        if (cached.isEmpty()) {
            status.gone(namespace, name);
            return Result.done();
        }
        Subject subject = new Subject(namespace, name, cached.get());
        if (subject.deleting()) {
            return finalizeDeletion(subject);
        }
        SecretManagerConfig config = validated(subject);
        if (!subject.hasFinalizer()) {
            addFinalizer(subject);
        }
        if (Boolean.TRUE.equals(config.spec().suspend())) {
            return suspended(subject, config);
        }
        Artifact artifact;
        try {
            if (Boolean.TRUE.equals(config.spec().suspendGitPulls())) {
                sources.suspendGitPulls(config, namespace, false);
            }
            artifact = sources.fetch(config, namespace);
        } catch (SourceNotReadyException e) {
            fail(subject, config, Conditions.REASON_SOURCE_NOT_READY, e.getMessage(), null, false);
            return Result.after(SOURCE_WAIT);
        } catch (SourceException e) {
            fail(subject, config, Conditions.REASON_ARTIFACT_FAILED, e.getMessage(), null, true);
            return Result.retry();
        }
        DesiredStates.Built built = build(subject, config, artifact);
        if (built.failed()) {
            fail(subject, config, built.failureReason(), built.failure(), artifact.revision(), false);
            // The keys or the revision must change first; no backoff, and a source or config change comes at once.
            Duration interval = interval(config);
            return Result.after(interval.compareTo(BUILD_RETRY) < 0 ? interval : BUILD_RETRY);
        }
        return publish(subject, config, artifact, built.state());
    }

    /** The config as admission reads it; an invalid one is stalled until its spec changes. */
    private SecretManagerConfig validated(Subject subject) throws KubeException, TerminalException {
        try {
            return Manifests.parse(subject.object(), subject.key());
        } catch (ManifestException e) {
            String message = e.violations().stream().map(Object::toString).collect(Collectors.joining("; "));
            status.write(subject.object(), handled(subject, Verdict.stalled(Conditions.REASON_VALIDATION_FAILED,
                    message)));
            events.warning(subject.reference(), EventReason.of(Conditions.REASON_VALIDATION_FAILED), message);
            throw new TerminalException(subject.key() + ": " + message);
        }
    }

    private void addFinalizer(Subject subject) throws KubeException {
        List<String> finalizers = new ArrayList<>(subject.finalizers());
        finalizers.add(FINALIZER);
        patchFinalizers(subject, finalizers);
    }

    private Result suspended(Subject subject, SecretManagerConfig config) throws Exception {
        if (Boolean.TRUE.equals(config.spec().suspendGitPulls())) {
            sources.suspendGitPulls(config, subject.namespace(), true);
        }
        status.write(subject.object(), handled(subject, Verdict.suspended()));
        return Result.done();
    }

    private DesiredStates.Built build(Subject subject, SecretManagerConfig config, Artifact artifact)
            throws KubeException {
        DecryptionKeys.Found found;
        try {
            found = keys.of(config, subject.namespace());
        } catch (DecryptionKeys.Unavailable e) {
            return DesiredStates.Built.failed(Conditions.REASON_DECRYPTION_FAILED, e.getMessage());
        }
        return DesiredStates.build(artifact.root(), config, new SopsFileDecryptor(found.keys()));
    }

    /** One planner and applier pass; per-key problems are reported and the rest still publishes, as with sync. */
    private Result publish(Subject subject, SecretManagerConfig config, Artifact artifact, DesiredState desired)
            throws Exception {
        PublishPolicy policy = PublishPolicy.of(config);
        Plan plan;
        List<AppliedAction> applied;
        String storeId;
        try (ConfigStores.Opened store = stores.open(config, subject.namespace())) {
            storeId = store.store().id();
            if (subject.reconcileRequested()) {
                known.forget(store.store().id(), desired.secrets().stream().map(DesiredSecret::name).toList());
            }
            plan = new Planner(store.store(), policy, known, store.parallelism()).plan(desired);
            if (!plan.writable()) {
                String message = plan.conflicts().stream().map(Object::toString).collect(Collectors.joining("; "));
                fail(subject, config, Conditions.REASON_OWNERSHIP_CONFLICT, message, artifact.revision(), false);
                return Result.after(interval(config));
            }
            applied = new Applier(store.store(), policy, known, store.parallelism()).apply(plan);
        } catch (StoreException e) {
            fail(subject, config, Conditions.REASON_PROVIDER_ERROR, e.getMessage(), artifact.revision(), true);
            return e.retryable() ? Result.retry() : Result.after(interval(config));
        }
        long failed = applied.stream().filter(AppliedAction::failed).count();
        if (failed > 0) {
            fail(subject, config, Conditions.REASON_PROVIDER_ERROR, failed + " of " + applied.size()
                    + " actions failed; the others are done and will not be repeated", artifact.revision(), true);
            return Result.retry();
        }
        recordChanges(subject, plan, desired, artifact.revision());
        int synced = desired.secrets().size();
        String message = "Synced " + synced + " secrets at revision " + artifact.revision()
                + (desired.problems().isEmpty() ? "" : "; " + desired.problems().size() + " left out: "
                        + desired.problems().stream().map(Object::toString).collect(Collectors.joining("; ")));
        Duration next = interval(config);
        boolean wasFailing = status.wasFailing(subject.object());
        status.write(subject.object(), handled(subject, Verdict.ready(message, artifact.revision(), synced,
                inventory(storeId, desired), status.after(next))));
        if (wasFailing) {
            events.normal(subject.reference(), RECONCILED, message);
        }
        return Result.after(jittered(next));
    }

    /** One Normal event summarising what changed (never one per secret), and a Warning per problem key. */
    private void recordChanges(Subject subject, Plan plan, DesiredState desired, String revision) {
        Map<ActionKind, Integer> counts = plan.counts();
        String changes = counts.entrySet().stream().filter(c -> c.getKey().changesStore() && c.getValue() > 0)
                .map(c -> c.getValue() + " " + c.getKey().label()).collect(Collectors.joining(", "));
        if (!changes.isEmpty()) {
            events.normal(subject.reference(), changeReason(plan), changes + " at revision " + revision);
            LOG.info("published", "namespace", subject.namespace(), "name", subject.name(), "revision", revision,
                    "changes", changes);
        }
        desired.problems().forEach(problem -> events.warning(subject.reference(),
                EventReason.of(Conditions.REASON_PARTIAL_FAILURE), problem.toString()));
    }

    /** The reason of a reconcile's one summary event: drift first, then the weightiest kind of change in it. */
    private static EventReason changeReason(Plan plan) {
        if (plan.hasDrift()) {
            return DRIFT_CORRECTED;
        }
        Map<ActionKind, Integer> counts = plan.counts();
        for (Map.Entry<ActionKind, EventReason> kind : CHANGE_REASONS) {
            if (counts.get(kind.getKey()) > 0) {
                return kind.getValue();
            }
        }
        return SECRETS_UPDATED;
    }

    private void fail(Subject subject, SecretManagerConfig config, String reason, String message, String revision,
            boolean retrying) throws KubeException {
        status.write(subject.object(), handled(subject, Verdict.failed(reason, message, retrying, revision)));
        events.warning(subject.reference(), EventReason.of(reason), message);
        LOG.warn("not reconciled", "namespace", subject.namespace(), "name", subject.name(), "reason", reason,
                "message", message);
    }

    /** Deletion: the config's secrets go only with {@code deletionPolicy: Delete}; then the finalizer goes. */
    private Result finalizeDeletion(Subject subject) throws Exception {
        if (!subject.hasFinalizer()) {
            return Result.done();
        }
        SecretManagerConfig config;
        try {
            config = Manifests.parse(subject.object(), subject.key());
        } catch (ManifestException e) {
            // An invalid config published nothing it could name; letting it go loses nothing.
            removeFinalizer(subject);
            return Result.done();
        }
        if (config.spec().deletionPolicy() == SecretManagerConfigSpec.DeletionPolicy.Delete) {
            Optional<String> failure = deleteOwnedSecrets(subject, config);
            if (failure.isPresent()) {
                if (!"true".equals(subject.annotation(FORCE_DELETE))) {
                    fail(subject, config, Conditions.REASON_DELETION_FAILED, failure.get()
                            + " (annotate " + FORCE_DELETE + "=true to let the config go without them)", null, true);
                    return Result.retry();
                }
                events.warning(subject.reference(), EventReason.of(Conditions.REASON_DELETION_FAILED),
                        "deleted without its secrets (" + FORCE_DELETE + "): " + failure.get());
            }
        }
        removeFinalizer(subject);
        return Result.done();
    }

    /** Empty when every secret this config owns is deleted; else what went wrong. */
    private Optional<String> deleteOwnedSecrets(Subject subject, SecretManagerConfig config) {
        PublishPolicy policy = PublishPolicy.of(config);
        try (ConfigStores.Opened store = stores.open(config, subject.namespace())) {
            Plan removal = new Planner(store.store(), policy, known, store.parallelism()).planRemoval();
            List<AppliedAction> applied = new Applier(store.store(), policy, known, store.parallelism())
                    .apply(removal);
            long failed = applied.stream().filter(AppliedAction::failed).count();
            if (failed > 0) {
                return Optional.of(failed + " of " + applied.size() + " secrets could not be deleted");
            }
            if (!applied.isEmpty()) {
                events.normal(subject.reference(), SECRETS_DELETED, applied.size()
                        + " secrets deleted with the config (deletionPolicy: Delete)");
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("the provider cannot be reached: " + (e instanceof StoreException ? e.getMessage()
                    : e.getClass().getSimpleName()));
        }
    }

    private void removeFinalizer(Subject subject) throws KubeException {
        List<String> finalizers = new ArrayList<>(subject.finalizers());
        finalizers.remove(FINALIZER);
        patchFinalizers(subject, finalizers);
    }

    /** Guarded by the resourceVersion read, so a finalizer someone else added meanwhile is never dropped. */
    private void patchFinalizers(Subject subject, List<String> finalizers) throws KubeException {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.put("resourceVersion", ObjectKeys.resourceVersion(subject.object()));
        finalizers.forEach(metadata.putArray("finalizers")::add);
        api.patch(WatchedKinds.CONFIGS, subject.namespace(), subject.name(), PatchType.MERGE, patch, null, false,
                null);
    }

    /** Records a manual request as handled (Flux's lastHandledReconcileAt) with whatever this reconcile wrote. */
    private static Verdict handled(Subject subject, Verdict verdict) {
        String requested = subject.requestedAt();
        return requested == null ? verdict : verdict.withHandledReconcileAt(requested);
    }

    /** Each secret with the newest version and state this process confirmed in the store; names and numbers only. */
    private List<InventoryEntry> inventory(String storeId, DesiredState desired) {
        List<InventoryEntry> entries = new ArrayList<>();
        for (DesiredSecret secret : desired.secrets()) {
            Optional<KnownValues.Known> stored = known.get(storeId, secret.name());
            entries.add(new InventoryEntry(secret.name(), stored.map(KnownValues.Known::version).filter(v -> v > 0)
                    .orElse(null), stored.map(k -> k.state().name()).orElse(null)));
        }
        return entries;
    }

    private static Duration interval(SecretManagerConfig config) {
        return Objects.requireNonNullElse(config.spec().reconcileInterval(),
                SecretManagerConfigSpec.MIN_RECONCILE_INTERVAL);
    }

    /** ±10 %, so that configs created together do not resync in lockstep. */
    private static Duration jittered(Duration interval) {
        long millis = interval.toMillis();
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(-millis / 10, millis / 10 + 1));
    }

    /** The cached object being reconciled, with the few reads every step needs. */
    private record Subject(String namespace, String name, ObjectNode object) {
        String key() {
            return ObjectKeys.of(namespace, name);
        }

        boolean deleting() {
            return object.path("metadata").hasNonNull("deletionTimestamp");
        }

        List<String> finalizers() {
            List<String> finalizers = new ArrayList<>();
            object.path("metadata").path("finalizers").forEach(f -> finalizers.add(f.asText()));
            return finalizers;
        }

        boolean hasFinalizer() {
            return finalizers().contains(FINALIZER);
        }

        /** The value of the manual reconcile request, ours before Flux's; null without one. */
        String requestedAt() {
            String ours = annotation(RECONCILE_REQUEST);
            return ours != null ? ours : annotation(FLUX_RECONCILE_REQUEST);
        }

        /** Whether a manual request is new: not yet recorded as handled in the status. */
        boolean reconcileRequested() {
            String requested = requestedAt();
            return requested != null && !requested.equals(object.path("status").path("lastHandledReconcileAt")
                    .asText(null));
        }

        String annotation(String name) {
            JsonNode value = object.path("metadata").path("annotations").get(name);
            return value == null ? null : value.asText();
        }

        ObjectReference reference() {
            return ObjectReference.of(object);
        }
    }
}
