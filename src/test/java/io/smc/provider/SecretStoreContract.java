package io.smc.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.secrets.SecretValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link SecretStore} must do. An implementation's test extends this class and supplies a fresh, empty,
 * writable store per test.
 */
public abstract class SecretStoreContract {
    protected static final String LEAK = "v4lue-that-must-not-leak";
    protected static final Map<String, String> LABELS = Map.of("team", "payments", "env", "prod");

    protected SecretStore store;

    /** A fresh, empty store open for writing. */
    protected abstract SecretStore newStore() throws Exception;

    @BeforeEach
    void openFreshStore() throws Exception {
        store = newStore();
    }

    protected static SecretValue value(String text) {
        return SecretValue.ofUtf8(text);
    }

    /** Asserts that the call is refused (not retryable) and returns the exception. */
    protected static StoreException assertRefused(Executable call) {
        StoreException e = assertThrows(StoreException.class, call);
        assertFalse(e.retryable(), "a refusal must not be retryable");
        return e;
    }

    protected StoredSecret listed(String name) throws StoreException {
        StoredSecret secret = store.list().get(name);
        assertTrue(secret != null, "secret " + name + " is not listed");
        return secret;
    }

    protected List<VersionState> states(String name) throws StoreException {
        return store.versions(name).stream().map(StoredVersion::state).toList();
    }

    protected List<Long> numbers(String name) throws StoreException {
        return store.versions(name).stream().map(StoredVersion::number).toList();
    }

    protected static NewSecret labelled(Map<String, String> labels) {
        return NewSecret.labelled(labels);
    }

    /** A secret with one enabled version per value. */
    protected void secretWith(String name, String... values) throws StoreException {
        store.create(name, labelled(LABELS));
        for (String v : values) {
            store.addVersion(name, value(v));
        }
    }

    @Test
    void listsNothingWhenEmpty() throws Exception {
        assertEquals(Map.of(), store.list());
    }

    @Test
    void listsACreatedSecretWithItsLabelsAnnotationsAndNoVersions() throws Exception {
        store.create("db-password", new NewSecret(LABELS, Map.of("owner-team", "payments"), null));

        StoredSecret listed = listed("db-password");
        assertEquals(List.of("db-password"), List.copyOf(store.list().keySet()));
        assertEquals(LABELS, listed.labels());
        assertEquals(Map.of("owner-team", "payments"), listed.annotations());
        assertEquals(Optional.of(listed), store.get("db-password"));
        assertEquals(List.of(), store.versions("db-password"));
        assertEquals(new LatestVersion.None(), store.accessLatest("db-password"));
    }

    @Test
    void listsExactlyTheSelectedSecretsByNameOrLabel() throws Exception {
        store.create("db", labelled(LABELS));
        store.create("db-replica", labelled(LABELS));
        store.create("owned", labelled(Map.of("smc-name", "web")));
        store.create("owned-elsewhere", labelled(Map.of("smc-name", "web-2")));
        store.create("other", labelled(Map.of()));

        SecretSelection byName = SecretSelection.named(Set.of("db", "missing"));
        assertEquals(List.of("db"), List.copyOf(store.list(byName).keySet()));
        Map<String, StoredSecret> selected = store.list(byName.orLabelled("smc-name", "web"));
        assertEquals(List.of("db", "owned"), List.copyOf(selected.keySet()));
        assertEquals(store.list().get("owned"), selected.get("owned"));
        assertEquals(Map.of(), store.list(SecretSelection.named(Set.of())));
    }

    @Test
    void getsNothingForAMissingSecret() throws Exception {
        assertEquals(Optional.empty(), store.get("missing"));
        assertRefused(() -> store.versions("missing"));
    }

    @Test
    void latestIsTheNewestVersionReadableOnlyWhenEnabled() throws Exception {
        secretWith("api-key", "one", "two");
        assertEquals(new LatestVersion.Readable(2, value("two")), store.accessLatest("api-key"));

        store.disableVersion("api-key", 2);
        LatestVersion latest = store.accessLatest("api-key");
        assertTrue(latest instanceof LatestVersion.Unreadable u && u.number() == 2
                && u.state() == VersionState.DISABLED, "the alias does not skip a disabled version: " + latest);

        store.destroyVersion("api-key", 2);
        latest = store.accessLatest("api-key");
        assertTrue(latest instanceof LatestVersion.Unreadable u && u.number() == 2
                && u.state() == VersionState.DESTROYED, "nor a destroyed one: " + latest);
        assertEquals(Optional.of(value("one")), store.access("api-key", 1));
    }

    @Test
    void destroyWipesTheValueForGoodAndKeepsTheNumber() throws Exception {
        secretWith("api-key", "one", "two");

        store.destroyVersion("api-key", 1);

        assertEquals(List.of(VersionState.DESTROYED, VersionState.ENABLED), states("api-key"));
        assertEquals(Optional.empty(), store.access("api-key", 1));
        assertRefused(() -> store.enableVersion("api-key", 1));
        assertEquals(3, store.addVersion("api-key", value("three")));
    }

    @Test
    void updatesLabelsAndAnnotationsUnderAnEtagPrecondition() throws Exception {
        secretWith("api-key", "one");
        String etag = listed("api-key").etag();

        store.updateMetadata("api-key", Map.of("owner", "search"), Map.of("note", "rotated"), etag);

        StoredSecret updated = listed("api-key");
        assertEquals(Map.of("owner", "search"), updated.labels());
        assertEquals(Map.of("note", "rotated"), updated.annotations());
        assertFalse(etag.equals(updated.etag()), "the etag changes with the metadata");
        StoreException stale = assertThrows(StoreException.class,
                () -> store.updateMetadata("api-key", Map.of(), Map.of(), etag));
        assertTrue(stale.stale() && !stale.retryable(), "an outdated etag is a stale precondition");
        assertEquals(updated, listed("api-key"), "a stale update changes nothing");
        store.updateMetadata("api-key", Map.of(), Map.of(), null);
        assertEquals(Map.of(), listed("api-key").labels());
    }

    @Test
    void deleteUnderAnOutdatedEtagChangesNothing() throws Exception {
        secretWith("api-key", "one");
        String etag = listed("api-key").etag();
        store.updateMetadata("api-key", Map.of("owner", "search"), Map.of(), etag);

        StoreException stale = assertThrows(StoreException.class, () -> store.delete("api-key", etag));

        assertTrue(stale.stale(), "an outdated etag is a stale precondition");
        assertEquals(Optional.of(value("one")), store.access("api-key", 1));
        store.delete("api-key", listed("api-key").etag());
        assertEquals(Optional.empty(), store.get("api-key"));
    }

    @Test
    void refusesToCreateAnExistingSecretAndChangesNothing() throws Exception {
        secretWith("db-password", "first");
        Map<String, StoredSecret> before = store.list();

        StoreException e = assertRefused(() -> store.create("db-password", labelled(Map.of("other", "labels"))));

        assertTrue(e.getMessage().contains("db-password"), "the message names the secret");
        assertEquals(before, store.list());
        assertEquals(Optional.of(value("first")), store.access("db-password", 1));
    }

    @Test
    void numbersVersionsFromOneUpwards() throws Exception {
        store.create("api-key", labelled(LABELS));

        assertEquals(1, store.addVersion("api-key", value("one")));
        assertEquals(2, store.addVersion("api-key", value("two")));
        assertEquals(3, store.addVersion("api-key", value("three")));
        assertEquals(List.of(1L, 2L, 3L), numbers("api-key"));
        assertEquals(List.of(VersionState.ENABLED, VersionState.ENABLED, VersionState.ENABLED), states("api-key"));
    }

    @Test
    void keepsNumberingUpwardsWhenTheNewestVersionIsDisabled() throws Exception {
        secretWith("api-key", "one", "two");
        store.disableVersion("api-key", 2);

        assertEquals(3, store.addVersion("api-key", value("three")));
    }

    @Test
    void returnsTheExactBytesOfEachEnabledVersion() throws Exception {
        byte[] binary = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, '\n', '\r', 0};
        store.create("mixed", labelled(LABELS));
        store.addVersion("mixed", SecretValue.of(binary));
        store.addVersion("mixed", value("pässwörd ✓\n"));
        store.addVersion("mixed", value(" "));

        assertEquals(Optional.of(SecretValue.of(binary)), store.access("mixed", 1));
        assertEquals(Optional.of(value("pässwörd ✓\n")), store.access("mixed", 2));
        assertEquals(Optional.of(value(" ")), store.access("mixed", 3));
        assertEquals(Optional.empty(), store.access("mixed", 4));
    }

    @Test
    void returnsNothingForADisabledVersion() throws Exception {
        secretWith("api-key", "one", "two");

        store.disableVersion("api-key", 1);

        assertEquals(Optional.empty(), store.access("api-key", 1));
        assertEquals(Optional.of(value("two")), store.access("api-key", 2));
    }

    @Test
    void disableAndEnableFlipTheStateOfOneVersion() throws Exception {
        secretWith("api-key", "one", "two");

        store.disableVersion("api-key", 2);
        assertEquals(List.of(VersionState.ENABLED, VersionState.DISABLED), states("api-key"));

        store.enableVersion("api-key", 2);
        assertEquals(List.of(VersionState.ENABLED, VersionState.ENABLED), states("api-key"));
        assertEquals(Optional.of(value("two")), store.access("api-key", 2));
    }

    @Test
    void refusesToChangeTheStateOfAnUnknownVersionOrSecret() throws Exception {
        secretWith("api-key", "one");
        Map<String, StoredSecret> before = store.list();

        assertTrue(assertRefused(() -> store.disableVersion("api-key", 2)).getMessage().contains("api-key"));
        assertTrue(assertRefused(() -> store.enableVersion("api-key", 0)).getMessage().contains("api-key"));
        assertTrue(assertRefused(() -> store.disableVersion("missing", 1)).getMessage().contains("missing"));
        assertTrue(assertRefused(() -> store.enableVersion("missing", 1)).getMessage().contains("missing"));
        assertEquals(before, store.list());
    }

    @Test
    void refusesToAddAVersionToAMissingSecret() throws Exception {
        StoreException e = assertRefused(() -> store.addVersion("missing", value("one")));

        assertTrue(e.getMessage().contains("missing"), "the message names the secret");
        assertEquals(Map.of(), store.list());
    }

    @Test
    void refusesToLabelAMissingSecret() throws Exception {
        assertRefused(() -> store.updateMetadata("missing", LABELS, Map.of(), null));

        assertEquals(Map.of(), store.list());
    }

    @Test
    void replacesTheLabelsAndKeepsTheVersions() throws Exception {
        secretWith("api-key", "one");

        store.updateMetadata("api-key", Map.of("owner", "search"), Map.of(), null);

        assertEquals(Map.of("owner", "search"), listed("api-key").labels());
        assertEquals(List.of(1L), numbers("api-key"));
        store.updateMetadata("api-key", Map.of(), Map.of(), null);
        assertEquals(Map.of(), listed("api-key").labels());
    }

    @Test
    void deleteRemovesTheSecretWithItsVersions() throws Exception {
        secretWith("api-key", "one", "two");
        secretWith("other", "kept");

        store.delete("api-key", null);

        assertEquals(List.of("other"), List.copyOf(store.list().keySet()));
        assertEquals(Optional.empty(), store.access("api-key", 1));
        assertEquals(Optional.empty(), store.access("api-key", 2));
        assertEquals(Optional.of(value("kept")), store.access("other", 1));
        assertRefused(() -> store.delete("api-key", null));
    }

    @Test
    void recreatedSecretStartsAtVersionOneAgain() throws Exception {
        secretWith("api-key", "one", "two");
        store.delete("api-key", null);

        store.create("api-key", labelled(Map.of("round", "two")));

        assertEquals(Map.of("round", "two"), listed("api-key").labels());
        assertEquals(List.of(), store.versions("api-key"));
        assertEquals(1, store.addVersion("api-key", value("fresh")));
        assertEquals(Optional.of(value("fresh")), store.access("api-key", 1));
        assertEquals(Optional.empty(), store.access("api-key", 2));
    }

    @Test
    void acceptsNamesOfLettersDigitsDashesAndUnderscoresUpTo255Characters() throws Exception {
        String longest = "n".repeat(255);
        for (String name : List.of("A-z_0-9", "_", "-", longest)) {
            store.create(name, labelled(LABELS));
            assertEquals(1, store.addVersion(name, value("for " + name.length())));
            store.disableVersion(name, 1);
            store.enableVersion(name, 1);
            store.updateMetadata(name, Map.of(), Map.of(), null);
            assertEquals(Optional.of(value("for " + name.length())), store.access(name, 1));
        }
        assertEquals(4, store.list().size());
        for (String name : List.of("A-z_0-9", "_", "-", longest)) {
            store.delete(name, null);
        }
        assertEquals(Map.of(), store.list());
    }

    static Stream<String> invalidNames() {
        return Stream.of("a/b", "..", ".", "", "n".repeat(256), "a b", "a.b", "../escape", "/abs");
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void refusesInvalidNames(String name) throws Exception {
        assertRefused(() -> store.create(name, labelled(LABELS)));
        assertRefused(() -> store.addVersion(name, value("one")));
        assertRefused(() -> store.access(name, 1));
        assertRefused(() -> store.disableVersion(name, 1));
        assertRefused(() -> store.enableVersion(name, 1));
        assertRefused(() -> store.destroyVersion(name, 1));
        assertRefused(() -> store.updateMetadata(name, LABELS, Map.of(), null));
        assertRefused(() -> store.delete(name, null));
        assertEquals(Map.of(), store.list());
    }

    @Test
    void neverShowsAValueInMessagesOrResults() throws Exception {
        SecretValue secret = value(LEAK);
        store.create("leaky", labelled(LABELS));
        store.addVersion("leaky", secret);
        store.addVersion("leaky", secret);
        store.disableVersion("leaky", 2);

        List<Object> seen = new ArrayList<>();
        seen.add(store.list());
        seen.add(store.access("leaky", 1));
        seen.add(store.access("leaky", 2));
        seen.add(store.versions("leaky"));
        seen.add(store.accessLatest("leaky"));
        seen.add(assertThrows(StoreException.class, () -> store.create("leaky", labelled(LABELS))));
        seen.add(assertThrows(StoreException.class, () -> store.addVersion("missing", secret)));
        seen.add(assertThrows(StoreException.class, () -> store.addVersion("bad/name", secret)));
        seen.add(assertThrows(StoreException.class, () -> store.disableVersion("leaky", 9)));
        seen.add(assertThrows(StoreException.class, () -> store.enableVersion("leaky", 9)));
        seen.add(assertThrows(StoreException.class, () -> store.access("bad/name", 1)));

        for (Object o : seen) {
            assertFalse(o.toString().contains(LEAK), "a result or exception shows the value");
            if (o instanceof Throwable t) {
                for (Throwable c = t; c != null; c = c.getCause()) {
                    assertFalse(String.valueOf(c.getMessage()).contains(LEAK), "an exception message shows the value");
                }
            }
        }
        assertEquals(Optional.of(secret), store.access("leaky", 1));
    }
}
