package io.smc.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.provider.SecretStore;
import io.smc.provider.SecretStoreContract;
import io.smc.provider.StoreException;
import io.smc.provider.StoredSecret;
import io.smc.provider.StoredVersion;
import io.smc.provider.VersionState;
import io.smc.provider.local.LocalSecretStore.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalSecretStoreTest extends SecretStoreContract {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    private static final AtomicFiles PLAIN = new AtomicFiles(AtomicFiles.BeforeRename.NONE);

    @TempDir
    Path temp;

    private final List<LocalSecretStore> open = new ArrayList<>();

    @Override
    protected SecretStore newStore() throws Exception {
        return open(dir(), Mode.WRITE);
    }

    @AfterEach
    void closeStores() throws StoreException {
        for (LocalSecretStore s : open) {
            s.close();
        }
        open.clear();
    }

    private Path dir() {
        return temp.resolve("store");
    }

    private LocalSecretStore open(Path dir, Mode mode) throws StoreException {
        return open(dir, mode, PLAIN);
    }

    private LocalSecretStore open(Path dir, Mode mode, AtomicFiles files) throws StoreException {
        LocalSecretStore s = LocalSecretStore.open(dir, mode, files, CLOCK);
        open.add(s);
        return s;
    }

    private void close(SecretStore s) throws StoreException {
        ((LocalSecretStore) s).close();
        open.remove(s);
    }

    /** Closes the current store and opens the same directory again with plain file writes. */
    private LocalSecretStore reopen() throws StoreException {
        close(store);
        LocalSecretStore reopened = open(dir(), Mode.WRITE);
        store = reopened;
        return reopened;
    }

    private static StoreException assertTransient(Executable call) {
        StoreException e = assertThrows(StoreException.class, call);
        assertTrue(e.retryable(), "a transient failure must be retryable");
        return e;
    }

    private List<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private List<String> tempFiles() throws IOException {
        return filesUnder(dir()).stream().filter(f -> f.contains(AtomicFiles.TEMP_MARK)).toList();
    }

    // --- values and metadata --------------------------------------------------------------------------------

    @Test
    void listsEachVersionWithTheSha256OfItsValue() throws Exception {
        secretWith("api-key", "abc", "");

        assertEquals(List.of(
                new StoredVersion(1, VersionState.ENABLED,
                        Optional.of("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")),
                new StoredVersion(2, VersionState.ENABLED,
                        Optional.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))),
                store.versions("api-key"));
    }

    @Test
    void keepsDigestSizeAndClockTimeInMetadataButNeverTheValue() throws Exception {
        store.create("leaky", labelled(Map.of()));
        store.addVersion("leaky", value(LEAK));

        String metadata = Files.readString(dir().resolve("secrets/leaky/secret.json"));
        assertFalse(metadata.contains(LEAK), "secret.json holds the value");
        assertTrue(metadata.contains(value(LEAK).sha256()), "secret.json lacks the digest");
        assertTrue(metadata.contains("\"size\" : " + LEAK.length()), "secret.json lacks the size");
        assertTrue(metadata.contains("\"createTime\" : \"2024-05-01T12:00:00Z\""), "secret.json lacks the time");
    }

    // --- opening --------------------------------------------------------------------------------------------

    @Test
    void readModeOnAMissingDirectoryListsNothingAndCreatesNothing() throws Exception {
        Path missing = temp.resolve("missing");

        LocalSecretStore reader = open(missing, Mode.READ);

        assertEquals(Map.of(), reader.list());
        assertEquals(Optional.empty(), reader.access("api-key", 1));
        assertFalse(Files.exists(missing), "reading created the directory");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readModeRefusesEveryWrite(boolean storeExists) throws Exception {
        Path target = storeExists ? dir() : temp.resolve("missing");
        if (storeExists) {
            secretWith("api-key", "one");
            close(store);
        }
        LocalSecretStore reader = open(target, Mode.READ);
        Map<String, StoredSecret> before = reader.list();

        List<Executable> writes = List.of(
                () -> reader.create("new", labelled(LABELS)),
                () -> reader.addVersion("api-key", value("two")),
                () -> reader.disableVersion("api-key", 1),
                () -> reader.enableVersion("api-key", 1),
                () -> reader.updateMetadata("api-key", Map.of(), Map.of(), null),
                () -> reader.destroyVersion("api-key", 1),
                () -> reader.delete("api-key", null));
        for (Executable write : writes) {
            assertTrue(assertRefused(write).getMessage().contains("reading only"));
        }
        assertEquals(before, reader.list());
        assertEquals(storeExists, Files.exists(target));
    }

    @Test
    void writeModeInitialisesAMissingDirectory() throws Exception {
        Path fresh = temp.resolve("a/b/fresh");

        open(fresh, Mode.WRITE);

        assertStoreLayout(fresh);
    }

    @Test
    void writeModeInitialisesAnEmptyDirectory() throws Exception {
        Path empty = Files.createDirectory(temp.resolve("empty"));

        open(empty, Mode.WRITE);

        assertStoreLayout(empty);
    }

    private void assertStoreLayout(Path dir) throws IOException {
        assertTrue(Files.isRegularFile(dir.resolve("store.json")), "store.json missing");
        assertTrue(Files.isDirectory(dir.resolve("secrets")), "secrets/ missing");
        String marker = Files.readString(dir.resolve("store.json"));
        assertTrue(marker.contains("\"kind\" : \"secret-manager-controller/local-store\""), "marker kind");
        assertTrue(marker.contains("\"format\" : 1"), "marker format");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void refusesADirectoryThatHoldsOtherFiles(Mode mode) throws Exception {
        Path other = Files.createDirectory(temp.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");

        StoreException e = assertRefused(() -> open(other, mode));

        assertTrue(e.getMessage().contains("is not a secret store"), e.getMessage());
        assertEquals(List.of("notes.txt"), filesUnder(other));
        assertEquals("mine", Files.readString(other.resolve("notes.txt")));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void refusesAPathThatIsARegularFile(Mode mode) throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "mine");

        StoreException e = assertRefused(() -> open(file, mode));

        assertTrue(e.getMessage().contains("is not a secret store"), e.getMessage());
        assertEquals("mine", Files.readString(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"kind\": \"someone-else/store\", \"format\": 1}",
            "{\"kind\": \"secret-manager-controller/local-store\", \"format\": 2}",
            "{\"kind\": \"secret-manager-controller/local-store\", \"format\": \"1\"}",
            "{\"kind\": \"secret-manager-controller/local-store\"}",
            "[\"secret-manager-controller/local-store\", 1]",
            "null",
            "not json at all",
            ""})
    void refusesAStoreJsonOfAnotherKindOrFormat(String marker) throws Exception {
        Path other = Files.createDirectory(temp.resolve("other"));
        Files.writeString(other.resolve("store.json"), marker);

        for (Mode mode : Mode.values()) {
            StoreException e = assertRefused(() -> open(other, mode));
            assertTrue(e.getMessage().contains("is not a secret store of a known format"), e.getMessage());
        }
        assertEquals(List.of("store.json"), filesUnder(other));
    }

    @Test
    void refusesACorruptedSecretJsonNamingTheSecret() throws Exception {
        secretWith("api-key", "one");
        Files.writeString(dir().resolve("secrets/api-key/secret.json"), "{\"name\": \"api-key\", \"versions\": [");

        assertTrue(assertRefused(() -> store.list()).getMessage().contains("api-key"));
        assertTrue(assertRefused(() -> store.access("api-key", 1)).getMessage().contains("api-key"));
        assertTrue(assertRefused(() -> store.addVersion("api-key", value("two"))).getMessage().contains("api-key"));
    }

    @Test
    void reopenedStoreSeesEverythingWrittenBefore() throws Exception {
        secretWith("api-key", "one", "two", "three");
        store.disableVersion("api-key", 2);
        store.create("empty", labelled(Map.of("kind", "placeholder")));
        secretWith("gone", "x");
        store.delete("gone", null);
        Map<String, StoredSecret> before = store.list();
        close(store);

        for (Mode mode : Mode.values()) {
            LocalSecretStore again = open(dir(), mode);
            assertEquals(before, again.list());
            assertEquals(Optional.of(value("one")), again.access("api-key", 1));
            assertEquals(Optional.empty(), again.access("api-key", 2));
            assertEquals(Optional.of(value("three")), again.access("api-key", 3));
            close(again);
        }
        LocalSecretStore writer = open(dir(), Mode.WRITE);
        assertEquals(4, writer.addVersion("api-key", value("four")));
        assertEquals(List.of("api-key", "empty"), List.copyOf(before.keySet()));
    }

    @Test
    void secondWriterIsToldTheStoreIsLockedAndMayRetry() throws Exception {
        secretWith("api-key", "one");

        StoreException e = assertTransient(() -> open.add(
                LocalSecretStore.open(dir(), Mode.WRITE, PLAIN, CLOCK, Duration.ofMillis(200))));

        assertTrue(e.getMessage().contains("is locked"), e.getMessage());
        store.addVersion("api-key", value("two"));
        assertEquals(List.of(1L, 2L), numbers("api-key"));
        reopen();
        assertEquals(List.of(1L, 2L), numbers("api-key"));
    }

    @Test
    void failedSecondOpenInTheSameProcessKeepsTheFirstInstancesLockForOtherProcesses() throws Exception {
        secretWith("api-key", "one");
        assertTransient(() -> open.add(LocalSecretStore.open(dir(), Mode.READ, PLAIN, CLOCK, Duration.ofMillis(100))));

        String whileOpen = probeLock();
        close(store);
        String afterClose = probeLock();

        assertEquals("held", whileOpen, "another process must still be kept out");
        assertEquals("free", afterClose);
    }

    /** Asks a separate JVM whether it can take the store's lock file. */
    private String probeLock() throws Exception {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockProbe.class.getName(),
                dir().resolve(StoreLock.FILE).toString()).redirectErrorStream(true).start();
        String answer = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, probe.waitFor(), answer);
        return answer;
    }

    // --- crash safety ---------------------------------------------------------------------------------------

    /**
     * File writes that "die" between the durable temporary write and the rename once armed, for targets named
     * {@code fileName} or ending with it. Like a real crash, the temporary file is left behind.
     */
    private static final class CrashingFiles {
        final AtomicBoolean armed = new AtomicBoolean();
        final AtomicFiles files;

        CrashingFiles(String fileName) {
            files = new AtomicFiles(target -> {
                if (armed.get() && target.getFileName().toString().endsWith(fileName)) {
                    Files.write(target.resolveSibling("." + target.getFileName() + AtomicFiles.TEMP_MARK + "dead"),
                            "half-done".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("simulated crash before renaming " + target.getFileName());
                }
            });
        }
    }

    private LocalSecretStore crashingStore(CrashingFiles crash) throws StoreException {
        close(store);
        LocalSecretStore crashing = open(dir(), Mode.WRITE, crash.files);
        store = crashing;
        return crashing;
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret.json", ".value"})
    void addVersionThatDiesBeforeARenameLeavesTheOldVersions(String dyingFile) throws Exception {
        CrashingFiles crash = new CrashingFiles(dyingFile);
        LocalSecretStore crashing = crashingStore(crash);
        secretWith("api-key", "one", "two");
        crashing.disableVersion("api-key", 1);
        Map<String, StoredSecret> before = crashing.list();

        crash.armed.set(true);
        assertThrows(StoreException.class, () -> crashing.addVersion("api-key", value("lost")));
        assertFalse(tempFiles().isEmpty(), "the simulated crash left no temporary file");

        reopen();
        assertEquals(List.of(), tempFiles());
        assertEquals(before, store.list());
        assertEquals(Optional.empty(), store.access("api-key", 1));
        assertEquals(Optional.of(value("two")), store.access("api-key", 2));
        assertEquals(Optional.empty(), store.access("api-key", 3));
        assertEquals(3, store.addVersion("api-key", value("three")));
        assertEquals(Optional.of(value("three")), store.access("api-key", 3));
        assertEquals(Optional.of(value("three").sha256()), store.versions("api-key").get(2).sha256());
        assertEquals(Optional.of(value("two")), store.access("api-key", 2));
    }

    @Test
    void createThatDiesBeforeItsMetadataIsRenamedLeavesNoSecret() throws Exception {
        CrashingFiles crash = new CrashingFiles("secret.json");
        LocalSecretStore crashing = crashingStore(crash);
        secretWith("kept", "one");
        Map<String, StoredSecret> before = crashing.list();

        crash.armed.set(true);
        assertThrows(StoreException.class, () -> crashing.create("api-key", labelled(LABELS)));

        reopen();
        assertEquals(List.of(), tempFiles());
        assertEquals(before, store.list());
        assertRefused(() -> store.addVersion("api-key", value("one")));
        store.create("api-key", labelled(LABELS));
        assertEquals(LABELS, listed("api-key").labels());
        assertEquals(List.of(), store.versions("api-key"));
        assertEquals(1, store.addVersion("api-key", value("first")));
        assertEquals(Optional.of(value("first")), store.access("api-key", 1));
    }

    @Test
    void deleteLeftBehindIsCleanedOnTheNextWriteOpenAndNeverListed() throws Exception {
        secretWith("gone", "one");
        secretWith("kept", "two");
        close(store);
        Path secrets = dir().resolve("secrets");
        Path leftover = Files.move(secrets.resolve("gone"), secrets.resolve(".gone.deleted-12345"));

        LocalSecretStore reader = open(dir(), Mode.READ);
        assertEquals(List.of("kept"), List.copyOf(reader.list().keySet()));
        assertEquals(Optional.empty(), reader.access("gone", 1));
        close(reader);

        store = open(dir(), Mode.WRITE);
        assertFalse(Files.exists(leftover), "the leftover of the delete is still there");
        assertEquals(List.of("kept"), List.copyOf(store.list().keySet()));
        assertEquals(List.of("kept", "kept/1.value", "kept/secret.json"), filesUnder(secrets));
        store.create("gone", labelled(LABELS));
        assertEquals(1, store.addVersion("gone", value("new")));
    }
}
