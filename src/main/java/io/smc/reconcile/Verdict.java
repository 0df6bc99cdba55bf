package io.smc.reconcile;

import io.smc.api.Condition;
import io.smc.api.Conditions;
import io.smc.api.InventoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one reconcile concluded, as {@link StatusUpdate} turns it into a status. Build it with the named factories
 * ({@link #ready}, {@link #failed}, {@link #stalled}, {@link #suspended()}, {@link #progressing}) and the
 * {@code with…} methods; the constructor refuses combinations kstatus gives no meaning to, so a reconciler cannot
 * write a status that says two things at once.
 *
 * <p>A null in a "keep" field means "this reconcile learnt nothing new about it": the previous status's value
 * stays. A failure before the source was read, for instance, must not blank the revision that is published.
 *
 * @param ready              the Ready condition's status
 * @param reason             the Ready condition's reason (and Stalled's, when stalled); CamelCase, matching
 *                           {@link #REASON_PATTERN}
 * @param message            the Ready condition's message: names and counts, never a secret value
 * @param reconciling        whether work goes on, and so whether a {@code Reconciling} condition is written
 * @param stalled            whether no progress is possible without a change to the config or its inputs
 * @param attemptedRevision  the source revision this reconcile tried; null keeps the previous one
 * @param appliedRevision    the source revision now published; null keeps the previous one
 * @param secretsSynced      how many secrets are in step; null keeps the previous count
 * @param inventory          the secrets this config manages; null keeps the previous inventory
 * @param nextReconcile      when the next reconcile is due; null when none is scheduled
 * @param handledReconcileAt the value of the {@code reconcile.fluxcd.io/requestedAt} annotation this reconcile
 *                           answered; null keeps the previous one
 */
public record Verdict(Condition.Status ready, String reason, String message, Reconciling reconciling,
        boolean stalled, String attemptedRevision, String appliedRevision, Integer secretsSynced,
        List<InventoryEntry> inventory, Instant nextReconcile, String handledReconcileAt) {

    /** The pattern and length the CRD gives a condition's reason; the API server refuses any other. */
    public static final Pattern REASON_PATTERN = Pattern.compile("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");
    public static final int MAX_REASON_LENGTH = 1024;
    static final String SUSPENDED_MESSAGE = "Reconciliation is suspended";

    /** Whether work goes on after this reconcile, as Flux's {@code Reconciling} condition says it. */
    public enum Reconciling {
        /** Nothing more to do until the next interval or change; no {@code Reconciling} condition. */
        NONE(null),
        /** Work is under way. */
        PROGRESSING(Conditions.REASON_PROGRESSING),
        /** The last attempt failed and will be tried again with backoff. */
        PROGRESSING_WITH_RETRY("ProgressingWithRetry");

        private final String reason;

        Reconciling(String reason) {
            this.reason = reason;
        }

        /** The {@code Reconciling} condition's reason; null for {@link #NONE}. */
        public String reason() {
            return reason;
        }
    }

    /**
     * @throws NullPointerException     when ready, reason, message or reconciling is null
     * @throws IllegalArgumentException for a reason the CRD would refuse, a negative count, or a combination
     *                                  kstatus gives no meaning to (stalled yet reconciling, stalled yet not False)
     */
    public Verdict {
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reconciling, "reconciling");
        if (reason.length() > MAX_REASON_LENGTH || !REASON_PATTERN.matcher(reason).matches()) {
            throw new IllegalArgumentException("'" + reason + "' is not a condition reason: CamelCase letters,"
                    + " digits, '_', ',' or ':', starting with a letter, at most " + MAX_REASON_LENGTH);
        }
        if (stalled && reconciling != Reconciling.NONE) {
            throw new IllegalArgumentException("a stalled config cannot also be " + reconciling);
        }
        if (stalled && ready != Condition.Status.False) {
            throw new IllegalArgumentException("a stalled config cannot be Ready " + ready);
        }
        if (secretsSynced != null && secretsSynced < 0) {
            throw new IllegalArgumentException("secretsSynced cannot be negative: " + secretsSynced);
        }
        inventory = inventory == null ? null : List.copyOf(inventory);
    }

    /** Every secret is in step with {@code revision}; the next resync is due at {@code next} (null for none). */
    public static Verdict ready(String message, String revision, int secretsSynced, List<InventoryEntry> inventory,
            Instant next) {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(inventory, "inventory");
        return new Verdict(Condition.Status.True, Conditions.REASON_SUCCEEDED, message, Reconciling.NONE, false,
                revision, revision, secretsSynced, inventory, next, null);
    }

    /**
     * This reconcile failed; {@code retrying} says whether the loop tries again with backoff (a transient error)
     * or waits for the next interval. The published revision, count and inventory stay as they were.
     *
     * @param attemptedRevision the revision tried, or null when the failure came before a revision was known
     */
    public static Verdict failed(String reason, String message, boolean retrying, String attemptedRevision) {
        return new Verdict(Condition.Status.False, reason, message,
                retrying ? Reconciling.PROGRESSING_WITH_RETRY : Reconciling.NONE, false, attemptedRevision, null,
                null, null, null, null);
    }

    /** Nothing will change until the config or its inputs do (an invalid spec, an unsupported provider). */
    public static Verdict stalled(String reason, String message) {
        return new Verdict(Condition.Status.False, reason, message, Reconciling.NONE, true, null, null, null, null,
                null, null);
    }

    /**
     * The config's {@code spec.suspend} is true. Ready is Unknown: nothing is checked, so whether the secrets are in
     * step is not known; the published revision and inventory stay, as they still describe what the provider holds.
     */
    public static Verdict suspended() {
        return new Verdict(Condition.Status.Unknown, Conditions.REASON_SUSPENDED, SUSPENDED_MESSAGE,
                Reconciling.NONE, false, null, null, null, null, null, null);
    }

    /** Work has started and its outcome is not known yet: Ready is Unknown. */
    public static Verdict progressing(String message) {
        return new Verdict(Condition.Status.Unknown, Conditions.REASON_PROGRESSING, message,
                Reconciling.PROGRESSING, false, null, null, null, null, null, null);
    }

    /** This verdict, with the next reconcile due at {@code next} (null for none). */
    public Verdict withNextReconcile(Instant next) {
        return new Verdict(ready, reason, message, reconciling, stalled, attemptedRevision, appliedRevision,
                secretsSynced, inventory, next, handledReconcileAt);
    }

    /** This verdict, recording that the manual reconcile request {@code requestedAt} was handled. */
    public Verdict withHandledReconcileAt(String requestedAt) {
        return new Verdict(ready, reason, message, reconciling, stalled, attemptedRevision, appliedRevision,
                secretsSynced, inventory, nextReconcile, requestedAt);
    }
}
