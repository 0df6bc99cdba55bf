package io.smc.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.ApiJson;
import io.smc.api.Condition;
import io.smc.api.Conditions;
import io.smc.api.InventoryEntry;
import io.smc.api.SecretManagerConfigStatus;
import io.smc.api.schema.OpenApiSchema;
import io.smc.api.schema.SchemaValidator;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusUpdateTest {
    private static final Instant T0 = Instant.parse("2026-12-07T06:17:35.123456789Z");
    private static final String T0_TEXT = "2026-12-07T06:17:35Z";
    private static final Instant T1 = T0.plus(Duration.ofMinutes(5));
    private static final String T1_TEXT = "2026-12-07T06:22:35Z";
    /** The Condition record's pattern, written out here so a change to either side is noticed. */
    private static final Pattern REASON = Pattern.compile("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");
    private static final ObjectNode SCHEMA = OpenApiSchema.of(SecretManagerConfigStatus.class);
    private static final List<InventoryEntry> INVENTORY = List.of(
            new InventoryEntry("db-password", 3L, "ENABLED"), new InventoryEntry("api-key", 1L, "ENABLED"));
    private static final List<InventoryEntry> SORTED = List.of(INVENTORY.get(1), INVENTORY.get(0));

    private static Verdict ready() {
        return Verdict.ready("2 secrets in step", "main@sha1:abc", 2, INVENTORY, T0.plus(Duration.ofMinutes(10)));
    }

    /** Each kind of verdict, with the phase and condition types (in order, with reasons) it must produce. */
    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of("ready", ready(), "Ready",
                        List.of("Ready=True/ReconciliationSucceeded")),
                Arguments.of("failed, retrying",
                        Verdict.failed(Conditions.REASON_PROVIDER_ERROR, "quota exceeded", true, "main@sha1:def"),
                        "Failed", List.of("Reconciling=True/ProgressingWithRetry", "Ready=False/ProviderError")),
                Arguments.of("failed, waiting",
                        Verdict.failed(Conditions.REASON_SOURCE_NOT_READY, "no artifact yet", false, null),
                        "Failed", List.of("Ready=False/SourceNotReady")),
                Arguments.of("stalled", Verdict.stalled(Conditions.REASON_VALIDATION_FAILED, "spec.secrets: required"),
                        "Failed", List.of("Stalled=True/ValidationFailed", "Ready=False/ValidationFailed")),
                Arguments.of("suspended", Verdict.suspended(), "Suspended", List.of("Ready=Unknown/Suspended")),
                Arguments.of("progressing", Verdict.progressing("publishing 2 secrets"), "Pending",
                        List.of("Reconciling=True/Progressing", "Ready=Unknown/Progressing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void writesTheConditionsAndPhaseOfEachVerdict(String name, Verdict verdict, String phase,
            List<String> conditions) {
        SecretManagerConfigStatus status = StatusUpdate.next(null, 4, T0, verdict);

        assertEquals(conditions, summary(status));
        assertEquals(phase, status.phase());
        assertEquals(verdict.message(), status.description());
        for (Condition condition : status.conditions()) {
            assertEquals(verdict.message(), condition.message(), condition.type());
            assertEquals(T0_TEXT, condition.lastTransitionTime(), condition.type());
        }
        assertEquals(List.of(), SchemaValidator.validate(ApiJson.mapper().valueToTree(status), SCHEMA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void everyConditionFollowsTheGenerationWhileTheTransitionTimeStays(String name, Verdict verdict, String phase,
            List<String> conditions) {
        SecretManagerConfigStatus first = StatusUpdate.next(null, 4, T0, verdict);
        SecretManagerConfigStatus second = StatusUpdate.next(first, 5, T1, verdict);

        assertEquals(4L, first.observedGeneration());
        assertEquals(5L, second.observedGeneration());
        for (Condition condition : second.conditions()) {
            assertEquals(5L, condition.observedGeneration(), condition.type());
            assertEquals(T0_TEXT, condition.lastTransitionTime(), condition.type());
        }
    }

    @Test
    void reconcilingAndStalledComeAndGoWithTheVerdict() {
        SecretManagerConfigStatus progressing = StatusUpdate.next(null, 1, T0, Verdict.progressing("started"));
        SecretManagerConfigStatus stalled = StatusUpdate.next(progressing, 1, T1,
                Verdict.stalled(Conditions.REASON_VALIDATION_FAILED, "bad spec"));
        SecretManagerConfigStatus retrying = StatusUpdate.next(stalled, 2, T1,
                Verdict.failed(Conditions.REASON_PROVIDER_ERROR, "unavailable", true, "r2"));
        SecretManagerConfigStatus ready = StatusUpdate.next(retrying, 2, T1, ready());

        assertEquals(List.of("Reconciling", "Ready"), types(progressing));
        assertEquals(List.of("Stalled", "Ready"), types(stalled));
        assertEquals(List.of("Reconciling", "Ready"), types(retrying));
        assertEquals(List.of("Ready"), types(ready));
    }

    @Test
    void stalledCarriesReadysReasonAndMessage() {
        SecretManagerConfigStatus status = StatusUpdate.next(null, 1, T0,
                Verdict.stalled(Conditions.REASON_PROVIDER_NOT_SUPPORTED, "provider.aws is not supported"));

        Condition stalled = condition(status, Conditions.STALLED);
        Condition ready = condition(status, Conditions.READY);
        assertEquals(Condition.Status.True, stalled.status());
        assertEquals(Condition.Status.False, ready.status());
        assertEquals(ready.reason(), stalled.reason());
        assertEquals(ready.message(), stalled.message());
    }

    /** previous verdict, next verdict, condition type, whether its transition time must move. */
    static Stream<Arguments> transitions() {
        Verdict failedA = Verdict.failed(Conditions.REASON_PROVIDER_ERROR, "3 of 5 failed", false, "r1");
        return Stream.of(
                Arguments.of("message only", failedA,
                        Verdict.failed(Conditions.REASON_PROVIDER_ERROR, "4 of 5 failed", false, "r2"),
                        Conditions.READY, false),
                Arguments.of("status", failedA, ready(), Conditions.READY, true),
                Arguments.of("reason", failedA,
                        Verdict.failed(Conditions.REASON_DECRYPTION_FAILED, "3 of 5 failed", false, "r1"),
                        Conditions.READY, true),
                Arguments.of("status Unknown to False, same reason",
                        Verdict.progressing("working"),
                        new Verdict(Condition.Status.False, Conditions.REASON_PROGRESSING, "working",
                                Verdict.Reconciling.PROGRESSING, false, null, null, null, null, null, null),
                        Conditions.READY, true),
                Arguments.of("reconciling reason", Verdict.progressing("3 of 5 failed"),
                        Verdict.failed(Conditions.REASON_PROVIDER_ERROR, "3 of 5 failed", true, "r1"),
                        Conditions.RECONCILING, true),
                Arguments.of("reconciling message only",
                        Verdict.failed(Conditions.REASON_PROVIDER_ERROR, "timeout", true, "r1"),
                        Verdict.failed(Conditions.REASON_PROVIDER_ERROR, "quota", true, "r1"),
                        Conditions.RECONCILING, false),
                Arguments.of("stalled message only", Verdict.stalled(Conditions.REASON_VALIDATION_FAILED, "a"),
                        Verdict.stalled(Conditions.REASON_VALIDATION_FAILED, "b"), Conditions.STALLED, false),
                Arguments.of("stalled added", failedA, Verdict.stalled(Conditions.REASON_PROVIDER_ERROR, "a"),
                        Conditions.STALLED, true),
                Arguments.of("ready message, revision and inventory", ready(),
                        Verdict.ready("1 secret in step", "r9", 1, INVENTORY.subList(0, 1), null),
                        Conditions.READY, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void transitionTimeMovesOnlyWhenStatusOrReasonChanges(String name, Verdict before, Verdict after, String type,
            boolean moves) {
        SecretManagerConfigStatus previous = StatusUpdate.next(null, 1, T0, before);
        SecretManagerConfigStatus next = StatusUpdate.next(previous, 1, T1, after);

        Condition condition = condition(next, type);
        assertEquals(moves ? T1_TEXT : T0_TEXT, condition.lastTransitionTime());
        assertEquals(after.message(), condition.message(), "the message is always the new one");
    }

    @Test
    void conditionsOfOtherTypesAreDropped() {
        SecretManagerConfigStatus seed = new SecretManagerConfigStatus(1L, List.of(
                new Condition("Synced", Condition.Status.True, 1L, T0_TEXT, "Synced", "from the seed system")),
                "Synced", null, null, null, null, null, null, null, null);

        assertEquals(List.of("Ready"), types(StatusUpdate.next(seed, 1, T1, ready())));
    }

    @Test
    void previousRevisionsCountInventoryAndHandledRequestAreKeptWhenNotGiven() {
        SecretManagerConfigStatus published = StatusUpdate.next(null, 1, T0, ready().withHandledReconcileAt("t-1"));

        SecretManagerConfigStatus failed = StatusUpdate.next(published, 2, T1,
                Verdict.failed(Conditions.REASON_DECRYPTION_FAILED, "no key for age1...", false, "main@sha1:def"));
        SecretManagerConfigStatus stalled = StatusUpdate.next(failed, 3, T1,
                Verdict.stalled(Conditions.REASON_VALIDATION_FAILED, "spec.secrets: required"));

        for (SecretManagerConfigStatus status : List.of(failed, stalled)) {
            assertEquals("main@sha1:abc", status.lastAppliedRevision());
            assertEquals("main@sha1:def", status.lastAttemptedRevision());
            assertEquals(2, status.secretsSynced());
            assertEquals(SORTED, status.inventory());
            assertEquals("t-1", status.lastHandledReconcileAt());
        }
    }

    @Test
    void givenValuesReplaceThePreviousOnes() {
        SecretManagerConfigStatus published = StatusUpdate.next(null, 1, T0, ready().withHandledReconcileAt("t-1"));
        List<InventoryEntry> one = List.of(new InventoryEntry("only", 7L, "ENABLED"));

        SecretManagerConfigStatus next = StatusUpdate.next(published, 1, T1,
                Verdict.ready("1 secret in step", "main@sha1:fed", 1, one, null).withHandledReconcileAt("t-2"));

        assertEquals("main@sha1:fed", next.lastAppliedRevision());
        assertEquals("main@sha1:fed", next.lastAttemptedRevision());
        assertEquals(1, next.secretsSynced());
        assertEquals(one, next.inventory());
        assertEquals("t-2", next.lastHandledReconcileAt());
        assertNull(next.nextReconcileTime());
    }

    @Test
    void aFirstStatusWithoutRevisionLeavesTheRevisionFieldsOut() {
        SecretManagerConfigStatus status = StatusUpdate.next(null, 0, T0, Verdict.progressing("started"));

        assertNull(status.lastAppliedRevision());
        assertNull(status.lastAttemptedRevision());
        assertNull(status.secretsSynced());
        assertNull(status.inventory());
        assertNull(status.lastHandledReconcileAt());
    }

    @Test
    void timesAreRfc3339UtcToTheSecond() {
        SecretManagerConfigStatus status = StatusUpdate.next(null, 1, T0,
                ready().withNextReconcile(Instant.parse("2026-12-07T06:27:35.999Z")));

        assertEquals(T0_TEXT, status.lastReconcileTime());
        assertEquals("2026-12-07T06:27:35Z", status.nextReconcileTime());
        assertEquals(T0_TEXT, status.conditions().get(0).lastTransitionTime());
    }

    @Test
    void inventoryIsSortedByName() {
        List<InventoryEntry> entries = List.of(new InventoryEntry("b", 1L, null),
                new InventoryEntry("c", 1L, null), new InventoryEntry("a", 1L, null));

        SecretManagerConfigStatus status = StatusUpdate.next(null, 1, T0, Verdict.ready("ok", "r", 3, entries, null));

        assertEquals(List.of("a", "b", "c"), status.inventory().stream().map(InventoryEntry::name).toList());
    }

    @Test
    void inventoryOfAThousandIsListedWhole() {
        SecretManagerConfigStatus status = StatusUpdate.next(null, 1, T0,
                Verdict.ready("1000 secrets in step", "r", 1000, entries(1000), null));

        assertEquals(1000, status.inventory().size());
        assertEquals("1000 secrets in step", condition(status, Conditions.READY).message());
    }

    @Test
    void inventoryIsCutAtAThousandByNameAndTheMessageSaysSo() {
        List<InventoryEntry> entries = new ArrayList<>(entries(1001));
        Collections.reverse(entries);

        SecretManagerConfigStatus status = StatusUpdate.next(null, 1, T0,
                Verdict.ready("1001 secrets in step", "r", 1001, entries, null));

        List<String> names = status.inventory().stream().map(InventoryEntry::name).toList();
        assertEquals(1000, names.size());
        assertEquals("secret-00000", names.get(0));
        assertEquals("secret-00999", names.get(999), "the first thousand by name, whatever the order given");
        assertTrue(names.equals(names.stream().sorted().toList()), "sorted by name");
        String message = "1001 secrets in step (inventory lists the first 1000 of 1001)";
        assertEquals(message, condition(status, Conditions.READY).message());
        assertEquals(message, status.description());
        assertEquals(1001, status.secretsSynced());
    }

    @Test
    void longMessagesAreCutToTheSchemaLimit() {
        String huge = "x".repeat(StatusUpdate.MAX_MESSAGE + 10);

        SecretManagerConfigStatus status = StatusUpdate.next(null, 1, T0,
                Verdict.failed(Conditions.REASON_PARTIAL_FAILURE, huge, true, "r"));

        for (Condition condition : status.conditions()) {
            assertEquals(StatusUpdate.MAX_MESSAGE, condition.message().length());
            assertTrue(condition.message().startsWith("xxx") && condition.message().endsWith("…"));
        }
        assertEquals(List.of(), SchemaValidator.validate(ApiJson.mapper().valueToTree(status), SCHEMA));
    }

    @Test
    void aCutMessageKeepsTheInventoryNoteAndWholeCharacters() {
        // U+1F512 is two UTF-16 units but one character to the schema's maxLength.
        String huge = "\uD83D\uDD12".repeat(StatusUpdate.MAX_MESSAGE);

        SecretManagerConfigStatus status = StatusUpdate.next(null, 1, T0,
                Verdict.ready(huge, "r", 1001, entries(1001), null));

        String message = condition(status, Conditions.READY).message();
        assertEquals(StatusUpdate.MAX_MESSAGE, message.codePointCount(0, message.length()));
        assertTrue(message.endsWith("\uD83D\uDD12… (inventory lists the first 1000 of 1001)"), message.substring(
                message.length() - 60));
        assertEquals(List.of(), SchemaValidator.validate(ApiJson.mapper().valueToTree(status), SCHEMA));
    }

    @Test
    void everyReasonWrittenMatchesTheConditionPattern() throws IllegalAccessException {
        List<String> reasons = new ArrayList<>();
        for (Field field : Conditions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().startsWith("REASON_")) {
                reasons.add((String) field.get(null));
            }
        }
        for (Verdict.Reconciling reconciling : Verdict.Reconciling.values()) {
            if (reconciling.reason() != null) {
                reasons.add(reconciling.reason());
            }
        }
        verdicts().forEach(arguments -> StatusUpdate.next(null, 1, T0, (Verdict) arguments.get()[1]).conditions()
                .forEach(condition -> reasons.add(condition.reason())));

        assertTrue(reasons.size() > 15, "reasons: " + reasons);
        for (String reason : reasons) {
            assertTrue(REASON.matcher(reason).matches(), reason);
            assertTrue(Verdict.REASON_PATTERN.matcher(reason).matches(), reason);
        }
    }

    @Test
    void verdictPatternIsTheOneTheCrdEnforces() {
        assertEquals(SCHEMA.at("/properties/conditions/items/properties/reason/pattern").asText(),
                Verdict.REASON_PATTERN.pattern());
        assertEquals(SCHEMA.at("/properties/conditions/items/properties/message/maxLength").asInt(),
                StatusUpdate.MAX_MESSAGE);
    }

    @Test
    void refusesANegativeGeneration() {
        assertThrows(IllegalArgumentException.class, () -> StatusUpdate.next(null, -1, T0, ready()));
    }

    @Test
    void aResyncThatOnlyMovesTheTimestampsIsNotWorthWriting() {
        SecretManagerConfigStatus before = StatusUpdate.next(null, 3, T0, ready());
        SecretManagerConfigStatus after = StatusUpdate.next(before, 3, T1,
                ready().withNextReconcile(T1.plus(Duration.ofMinutes(10))));

        assertNotEquals(before.lastReconcileTime(), after.lastReconcileTime());
        assertNotEquals(before.nextReconcileTime(), after.nextReconcileTime());
        assertFalse(StatusUpdate.differsMeaningfully(before, after));
    }

    /** Changes to a written status, one per field but the two timestamps; each one alone must be written. */
    static Stream<Arguments> meaningfulChanges() {
        return Stream.<Arguments>of(
                change("observedGeneration", 8L),
                change("conditions", List.of()),
                change("phase", "Failed"),
                change("description", "other"),
                change("lastAppliedRevision", "r2"),
                change("lastAttemptedRevision", "r2"),
                change("secretsSynced", 9),
                change("inventory", List.of()),
                change("lastHandledReconcileAt", "t-9"),
                Arguments.of("a condition's transition time", (UnaryOperator<SecretManagerConfigStatus>)
                        s -> copy(s, "conditions", List.of(withTime(s.conditions().get(0), T1_TEXT)))));
    }

    @Test
    void everyFieldButTheTimestampsHasAMeaningfulChange() {
        List<String> covered = new ArrayList<>(meaningfulChanges().map(a -> (String) a.get()[0]).toList());
        covered.add("lastReconcileTime");
        covered.add("nextReconcileTime");

        for (RecordComponent component : SecretManagerConfigStatus.class.getRecordComponents()) {
            assertTrue(covered.contains(component.getName()), component.getName() + " has no case in the table");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("meaningfulChanges")
    void anyOtherChangeIsWorthWriting(String name, UnaryOperator<SecretManagerConfigStatus> change) {
        SecretManagerConfigStatus before = StatusUpdate.next(null, 3, T0, ready().withHandledReconcileAt("t-1"));
        SecretManagerConfigStatus after = change.apply(before);

        assertNotEquals(before, after, "the change must change something");
        assertTrue(StatusUpdate.differsMeaningfully(before, after));
        assertTrue(StatusUpdate.differsMeaningfully(after, before));
    }

    @Test
    void aFirstStatusIsWorthWritingAndNoneTwiceIsNot() {
        SecretManagerConfigStatus status = StatusUpdate.next(null, 1, T0, ready());

        assertTrue(StatusUpdate.differsMeaningfully(null, status));
        assertFalse(StatusUpdate.differsMeaningfully(null, null));
        assertFalse(StatusUpdate.differsMeaningfully(status, status));
    }

    @Test
    void aStatusReadBackFromTheServerComparesEqual() throws Exception {
        SecretManagerConfigStatus written = StatusUpdate.next(null, 1, T0, ready());
        SecretManagerConfigStatus read = ApiJson.mapper().readValue(
                ApiJson.mapper().writeValueAsString(written), SecretManagerConfigStatus.class);

        assertFalse(StatusUpdate.differsMeaningfully(read, StatusUpdate.next(read, 1, T1, ready())));
    }

    private static Arguments change(String field, Object value) {
        return Arguments.of(field, (UnaryOperator<SecretManagerConfigStatus>) s -> copy(s, field, value));
    }

    /** {@code status} with the field {@code field} replaced by {@code value}. */
    private static SecretManagerConfigStatus copy(SecretManagerConfigStatus status, String field, Object value) {
        RecordComponent[] components = SecretManagerConfigStatus.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                found |= components[i].getName().equals(field);
                values[i] = components[i].getName().equals(field) ? value
                        : components[i].getAccessor().invoke(status);
            }
            assertTrue(found, "no field " + field);
            return SecretManagerConfigStatus.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Condition withTime(Condition c, String time) {
        return new Condition(c.type(), c.status(), c.observedGeneration(), time, c.reason(), c.message());
    }

    private static List<InventoryEntry> entries(int count) {
        return IntStream.range(0, count).mapToObj(i -> new InventoryEntry(String.format("secret-%05d", i), 1L,
                "ENABLED")).toList();
    }

    private static List<String> summary(SecretManagerConfigStatus status) {
        return status.conditions().stream().map(c -> c.type() + "=" + c.status() + "/" + c.reason()).toList();
    }

    private static List<String> types(SecretManagerConfigStatus status) {
        return status.conditions().stream().map(Condition::type).toList();
    }

    private static Condition condition(SecretManagerConfigStatus status, String type) {
        return status.conditions().stream().filter(c -> c.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " condition in " + status.conditions()));
    }
}
