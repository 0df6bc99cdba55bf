package io.smc.reconcile;

import io.smc.api.Condition;
import io.smc.api.Conditions;
import io.smc.api.InventoryEntry;
import io.smc.api.SecretManagerConfigStatus;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Computes a config's next status from its previous one and a {@link Verdict}, the way Flux's reconcilers write
 * kstatus conditions. Pure: the time comes in as an argument, so the same inputs always give the same status.
 *
 * <ul>
 *   <li>Conditions are {@code Stalled} (only while stalled; Ready's reason and message), {@code Reconciling} (only
 *       while work goes on) and {@code Ready} (always), in Flux's order. Each carries the object's generation. A
 *       condition's {@code lastTransitionTime} moves only when its status or reason changes; a new message alone
 *       keeps it, so messages that carry counts do not make the condition look as if it had just changed.
 *       Conditions of other types (the seed system's, say) are dropped: this controller owns the whole status.</li>
 *   <li>{@code lastAttemptedRevision}, {@code lastAppliedRevision}, {@code secretsSynced}, {@code inventory} and
 *       {@code lastHandledReconcileAt} keep their previous values unless the verdict gives new ones.</li>
 *   <li>The inventory is sorted by name and cut at {@value #MAX_INVENTORY} entries, so a config that manages very
 *       many secrets cannot push the object past etcd's size limit; the Ready message says when it was cut.</li>
 *   <li>Messages are cut to the schema's {@value #MAX_MESSAGE} characters.</li>
 *   <li>{@code phase} and {@code description} mirror Ready for the seed system's printer columns.</li>
 * </ul>
 */
public final class StatusUpdate {
    /** The most inventory entries a status lists. */
    public static final int MAX_INVENTORY = 1000;
    /** The schema's {@code maxLength} of a condition message, in characters (code points). */
    public static final int MAX_MESSAGE = 32768;

    public static final String PHASE_READY = "Ready";
    public static final String PHASE_FAILED = "Failed";
    public static final String PHASE_PENDING = "Pending";
    public static final String PHASE_SUSPENDED = "Suspended";

    private static final String ELLIPSIS = "…";

    private StatusUpdate() {
    }

    /**
     * The status to write after a reconcile.
     *
     * @param previous   the status as read from the object; null when it has none yet
     * @param generation the object's {@code metadata.generation}
     * @param now        when the reconcile ended; written with second precision
     * @throws IllegalArgumentException for a negative generation
     */
    public static SecretManagerConfigStatus next(SecretManagerConfigStatus previous, long generation, Instant now,
            Verdict verdict) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(verdict, "verdict");
        if (generation < 0) {
            throw new IllegalArgumentException("generation cannot be negative: " + generation);
        }
        String time = rfc3339(now);
        List<Condition> before = previous == null || previous.conditions() == null ? List.of()
                : previous.conditions();

        String message;
        List<InventoryEntry> inventory;
        if (verdict.inventory() == null) {
            message = truncate(verdict.message(), MAX_MESSAGE);
            inventory = previous == null ? null : previous.inventory();
        } else {
            List<InventoryEntry> sorted = new ArrayList<>(verdict.inventory());
            sorted.sort(Comparator.comparing(InventoryEntry::name));
            if (sorted.size() > MAX_INVENTORY) {
                String cut = " (inventory lists the first " + MAX_INVENTORY + " of " + sorted.size() + ")";
                message = truncate(verdict.message(), MAX_MESSAGE - cut.length()) + cut;
                inventory = List.copyOf(sorted.subList(0, MAX_INVENTORY));
            } else {
                message = truncate(verdict.message(), MAX_MESSAGE);
                inventory = List.copyOf(sorted);
            }
        }

        List<Condition> conditions = new ArrayList<>(3);
        if (verdict.stalled()) {
            conditions.add(condition(before, Conditions.STALLED, Condition.Status.True, verdict.reason(), message,
                    generation, time));
        }
        if (verdict.reconciling() != Verdict.Reconciling.NONE) {
            conditions.add(condition(before, Conditions.RECONCILING, Condition.Status.True,
                    verdict.reconciling().reason(), message, generation, time));
        }
        conditions.add(condition(before, Conditions.READY, verdict.ready(), verdict.reason(), message, generation,
                time));

        return new SecretManagerConfigStatus(
                generation,
                List.copyOf(conditions),
                phase(verdict),
                message,
                keep(verdict.appliedRevision(), previous == null ? null : previous.lastAppliedRevision()),
                keep(verdict.attemptedRevision(), previous == null ? null : previous.lastAttemptedRevision()),
                time,
                verdict.nextReconcile() == null ? null : rfc3339(verdict.nextReconcile()),
                keep(verdict.secretsSynced(), previous == null ? null : previous.secretsSynced()),
                inventory,
                keep(verdict.handledReconcileAt(), previous == null ? null : previous.lastHandledReconcileAt()));
    }

    /**
     * Whether {@code after} must be written over {@code before}: true when anything but {@code lastReconcileTime}
     * and {@code nextReconcileTime} differs. An unchanged periodic resync thus writes nothing, which spares the API
     * server a write and every watcher an event per config per interval; the price is that those two timestamps
     * are refreshed only along with a real change, so they say when the status last changed, not when the config
     * was last looked at.
     */
    public static boolean differsMeaningfully(SecretManagerConfigStatus before, SecretManagerConfigStatus after) {
        if (before == null || after == null) {
            return before != after;
        }
        return !withoutTimes(before).equals(withoutTimes(after));
    }

    /** {@code instant} as RFC 3339 in UTC with second precision, such as {@code 2026-12-07T06:17:35Z}. */
    static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static Condition condition(List<Condition> before, String type, Condition.Status status, String reason,
            String message, long generation, String now) {
        Condition previous = before.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
        boolean same = previous != null && previous.status() == status && reason.equals(previous.reason())
                && previous.lastTransitionTime() != null;
        return new Condition(type, status, generation, same ? previous.lastTransitionTime() : now, reason, message);
    }

    private static String phase(Verdict verdict) {
        if (Conditions.REASON_SUSPENDED.equals(verdict.reason())) {
            return PHASE_SUSPENDED;
        }
        return switch (verdict.ready()) {
            case True -> PHASE_READY;
            case False -> PHASE_FAILED;
            case Unknown -> PHASE_PENDING;
        };
    }

    /** At most {@code max} code points (the unit of the schema's maxLength), never splitting a surrogate pair. */
    static String truncate(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - ELLIPSIS.length())) + ELLIPSIS;
    }

    private static <T> T keep(T given, T previous) {
        return given != null ? given : previous;
    }

    private static SecretManagerConfigStatus withoutTimes(SecretManagerConfigStatus status) {
        return new SecretManagerConfigStatus(status.observedGeneration(), status.conditions(), status.phase(),
                status.description(), status.lastAppliedRevision(), status.lastAttemptedRevision(), null, null,
                status.secretsSynced(), status.inventory(), status.lastHandledReconcileAt());
    }
}
