package io.smc.reconcile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.api.Condition;
import io.smc.api.Conditions;
import io.smc.api.InventoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerdictTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "1Failed", "Has Space", "Trailing,", "Trailing:", "Dash-ed", "Dotted.Reason",
        "_Leading"})
    void refusesReasonsTheCrdWouldRefuse(String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Verdict.failed(reason, "m", false, null));
        assertTrue(e.getMessage().startsWith("'" + reason + "' is not a condition reason"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "ProviderFailed", "Quota_Exceeded", "Scope:Project,Region", "V2"})
    void acceptsReasonsTheCrdAccepts(String reason) {
        assertEquals(reason, Verdict.failed(reason, "m", false, null).reason());
    }

    @Test
    void refusesAReasonLongerThanTheSchemaAllows() {
        assertDoesNotThrow(() -> Verdict.stalled("R".repeat(Verdict.MAX_REASON_LENGTH), "m"));
        assertThrows(IllegalArgumentException.class,
                () -> Verdict.stalled("R".repeat(Verdict.MAX_REASON_LENGTH + 1), "m"));
    }

    static Stream<Arguments> illegalCombinations() {
        return Stream.of(
                Arguments.of("stalled yet progressing", (Supplier<Verdict>) () -> new Verdict(
                        Condition.Status.False, "ValidationFailed", "m", Verdict.Reconciling.PROGRESSING, true, null, null,
                        null, null, null, null)),
                Arguments.of("stalled yet ready", (Supplier<Verdict>) () -> new Verdict(
                        Condition.Status.True, "ValidationFailed", "m", Verdict.Reconciling.NONE, true, null, null, null,
                        null, null, null)),
                Arguments.of("stalled yet unknown", (Supplier<Verdict>) () -> new Verdict(
                        Condition.Status.Unknown, "ValidationFailed", "m", Verdict.Reconciling.NONE, true, null, null,
                        null, null, null, null)),
                Arguments.of("a negative count", (Supplier<Verdict>) () -> Verdict.ready("m", "r", -1, List.of(),
                        null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("illegalCombinations")
    void refusesCombinationsKstatusGivesNoMeaningTo(String name, Supplier<Verdict> verdict) {
        assertThrows(IllegalArgumentException.class, verdict::get);
    }

    @Test
    void refusesAMissingMessageOrRevision() {
        assertThrows(NullPointerException.class, () -> Verdict.progressing(null));
        assertThrows(NullPointerException.class, () -> Verdict.ready("m", null, 0, List.of(), null));
        assertThrows(NullPointerException.class, () -> Verdict.ready("m", "r", 0, null, null));
    }

    @Test
    void readyPublishesTheRevisionItAttempted() {
        Instant next = Instant.parse("2026-12-07T06:27:35Z");
        Verdict verdict = Verdict.ready("ok", "main@sha1:abc", 2, List.of(), next);

        assertEquals(Condition.Status.True, verdict.ready());
        assertEquals(Conditions.REASON_SUCCEEDED, verdict.reason());
        assertEquals("main@sha1:abc", verdict.attemptedRevision());
        assertEquals("main@sha1:abc", verdict.appliedRevision());
        assertEquals(2, verdict.secretsSynced());
        assertEquals(next, verdict.nextReconcile());
        assertEquals(Verdict.Reconciling.NONE, verdict.reconciling());
        assertFalse(verdict.stalled());
    }

    @Test
    void failuresAndStallsLeaveThePublishedStateUnsaid() {
        for (Verdict verdict : List.of(Verdict.failed("ProviderFailed", "m", true, "r"), Verdict.stalled("X", "m"),
                Verdict.suspended(), Verdict.progressing("m"))) {
            assertNull(verdict.appliedRevision(), verdict.toString());
            assertNull(verdict.secretsSynced(), verdict.toString());
            assertNull(verdict.inventory(), verdict.toString());
            assertNull(verdict.nextReconcile(), verdict.toString());
            assertNull(verdict.handledReconcileAt(), verdict.toString());
        }
    }

    @Test
    void retryingDecidesTheReconcilingState() {
        assertEquals(Verdict.Reconciling.PROGRESSING_WITH_RETRY,
                Verdict.failed("ProviderFailed", "m", true, null).reconciling());
        assertEquals(Verdict.Reconciling.NONE, Verdict.failed("ProviderFailed", "m", false, null).reconciling());
    }

    @Test
    void withersChangeOnlyTheirField() {
        Verdict verdict = Verdict.failed("ProviderFailed", "m", true, "r");
        Instant next = Instant.parse("2026-12-07T06:27:35Z");

        Verdict changed = verdict.withNextReconcile(next).withHandledReconcileAt("t-1");

        assertEquals(new Verdict(verdict.ready(), verdict.reason(), verdict.message(), verdict.reconciling(),
                verdict.stalled(), verdict.attemptedRevision(), verdict.appliedRevision(), verdict.secretsSynced(),
                verdict.inventory(), next, "t-1"), changed);
    }

    @Test
    void inventoryIsCopiedSoLaterChangesDoNotLeakIn() {
        List<InventoryEntry> entries = new ArrayList<>(List.of(new InventoryEntry("a", 1L, "ENABLED")));
        Verdict verdict = Verdict.ready("ok", "r", 1, entries, null);

        entries.add(new InventoryEntry("b", 1L, "ENABLED"));

        assertEquals(1, verdict.inventory().size());
    }
}
