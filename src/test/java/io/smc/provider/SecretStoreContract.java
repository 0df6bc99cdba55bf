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
        return listed(name).versions().stream().map(StoredVersion::state).toList();
    }

    protected List<Long> numbers(String name) throws StoreException {
        return listed(name).versions().stream().map(StoredVersion::number).toList();
    }

    /** A secret with one enabled version per value. */
    protected void secretWith(String name, String... values) throws StoreException {
        store.create(name, LABELS);
        for (String v : values) {
            store.addVersion(name, value(v));
        }
    }

    @Test
    void listsNothingWhenEmpty() throws Exception {
        assertEquals(Map.of(), store.list());
    }

    @Test
    void listsACreatedSecretWithItsLabelsAndNoVersions() throws Exception {
        store.create("db-password", LABELS);

        assertEquals(Map.of("db-password", new StoredSecret("db-password", LABELS, List.of())), store.list());
        assertEquals(Optional.empty(), listed("db-password").newestLiveVersion());
    }

    @Test
    void refusesToCreateAnExistingSecretAndChangesNothing() throws Exception {
        secretWith("db-password", "first");
        Map<String, StoredSecret> before = store.list();

        StoreException e = assertRefused(() -> store.create("db-password", Map.of("other", "labels")));

        assertTrue(e.getMessage().contains("db-password"), "the message names the secret");
        assertEquals(before, store.list());
        assertEquals(Optional.of(value("first")), store.access("db-password", 1));
    }

    @Test
    void numbersVersionsFromOneUpwards() throws Exception {
        store.create("api-key", LABELS);

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
        store.create("mixed", LABELS);
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
        assertEquals(Optional.of(new StoredVersion(2, VersionState.DISABLED, version("api-key", 2).sha256())),
                listed("api-key").newestLiveVersion());

        store.enableVersion("api-key", 2);
        assertEquals(List.of(VersionState.ENABLED, VersionState.ENABLED), states("api-key"));
        assertEquals(Optional.of(new StoredVersion(2, VersionState.ENABLED, version("api-key", 2).sha256())),
                listed("api-key").newestLiveVersion());
        assertEquals(Optional.of(value("two")), store.access("api-key", 2));
    }

    private StoredVersion version(String name, long number) throws StoreException {
        return listed(name).versions().stream().filter(v -> v.number() == number).findFirst().orElseThrow();
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
        assertRefused(() -> store.setLabels("missing", LABELS));

        assertEquals(Map.of(), store.list());
    }

    @Test
    void replacesTheLabelsAndKeepsTheVersions() throws Exception {
        secretWith("api-key", "one");

        store.setLabels("api-key", Map.of("owner", "search"));

        assertEquals(Map.of("owner", "search"), listed("api-key").labels());
        assertEquals(List.of(1L), numbers("api-key"));
        store.setLabels("api-key", Map.of());
        assertEquals(Map.of(), listed("api-key").labels());
    }

    @Test
    void deleteRemovesTheSecretWithItsVersions() throws Exception {
        secretWith("api-key", "one", "two");
        secretWith("other", "kept");

        store.delete("api-key");

        assertEquals(List.of("other"), List.copyOf(store.list().keySet()));
        assertEquals(Optional.empty(), store.access("api-key", 1));
        assertEquals(Optional.empty(), store.access("api-key", 2));
        assertEquals(Optional.of(value("kept")), store.access("other", 1));
        assertRefused(() -> store.delete("api-key"));
    }

    @Test
    void recreatedSecretStartsAtVersionOneAgain() throws Exception {
        secretWith("api-key", "one", "two");
        store.delete("api-key");

        store.create("api-key", Map.of("round", "two"));

        assertEquals(new StoredSecret("api-key", Map.of("round", "two"), List.of()), listed("api-key"));
        assertEquals(1, store.addVersion("api-key", value("fresh")));
        assertEquals(Optional.of(value("fresh")), store.access("api-key", 1));
        assertEquals(Optional.empty(), store.access("api-key", 2));
    }

    @Test
    void acceptsNamesOfLettersDigitsDashesAndUnderscoresUpTo255Characters() throws Exception {
        String longest = "n".repeat(255);
        for (String name : List.of("A-z_0-9", "_", "-", longest)) {
            store.create(name, LABELS);
            assertEquals(1, store.addVersion(name, value("for " + name.length())));
            store.disableVersion(name, 1);
            store.enableVersion(name, 1);
            store.setLabels(name, Map.of());
            assertEquals(Optional.of(value("for " + name.length())), store.access(name, 1));
        }
        assertEquals(4, store.list().size());
        for (String name : List.of("A-z_0-9", "_", "-", longest)) {
            store.delete(name);
        }
        assertEquals(Map.of(), store.list());
    }

    static Stream<String> invalidNames() {
        return Stream.of("a/b", "..", ".", "", "n".repeat(256), "a b", "a.b", "../escape", "/abs");
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void refusesInvalidNames(String name) throws Exception {
        assertRefused(() -> store.create(name, LABELS));
        assertRefused(() -> store.addVersion(name, value("one")));
        assertRefused(() -> store.access(name, 1));
        assertRefused(() -> store.disableVersion(name, 1));
        assertRefused(() -> store.enableVersion(name, 1));
        assertRefused(() -> store.setLabels(name, LABELS));
        assertRefused(() -> store.delete(name));
        assertEquals(Map.of(), store.list());
    }

    @Test
    void neverShowsAValueInMessagesOrResults() throws Exception {
        SecretValue secret = value(LEAK);
        store.create("leaky", LABELS);
        store.addVersion("leaky", secret);
        store.addVersion("leaky", secret);
        store.disableVersion("leaky", 2);

        List<Object> seen = new ArrayList<>();
        seen.add(store.list());
        seen.add(store.access("leaky", 1));
        seen.add(store.access("leaky", 2));
        seen.add(listed("leaky").newestLiveVersion());
        seen.add(assertThrows(StoreException.class, () -> store.create("leaky", LABELS)));
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
