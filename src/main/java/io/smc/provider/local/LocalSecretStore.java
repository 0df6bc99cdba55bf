package io.smc.provider.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smc.provider.LatestVersion;
import io.smc.provider.NewSecret;
import io.smc.provider.SecretStore;
import io.smc.provider.StoreException;
import io.smc.provider.StoredSecret;
import io.smc.provider.StoredVersion;
import io.smc.provider.VersionState;
import io.smc.secrets.SecretValue;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link SecretStore} in a directory: the embedded default and the reference implementation of the contract.
 *
 * <pre>
 * store.json                      marks the directory as a store (format 1)
 * .lock                           held shared by readers and exclusively by a writer, across processes
 * secrets/NAME/secret.json        labels and versions (state, SHA-256, size), never values
 * secrets/NAME/N.value            the bytes of version N; removed when destroyed
 * </pre>
 *
 * Every file is written whole through {@link AtomicFiles}. A version's value is written before the metadata that
 * lists it, so a crash between the two leaves an unlisted file that the next version number overwrites.
 */
public final class LocalSecretStore implements SecretStore, AutoCloseable {
    /** How a store is opened: reading takes a shared lock and never creates anything. */
    public enum Mode { READ, WRITE }

    static final String MARKER = "store.json";
    static final String SECRETS = "secrets";
    static final String METADATA = "secret.json";
    private static final String DELETED_MARK = ".deleted-";
    private static final String MARKER_KIND = "secret-manager-controller/local-store";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader METADATA_READER = JSON.readerFor(SecretMetadata.class);

    private final Path dir;
    private final Mode mode;
    private final boolean exists;
    private final AtomicFiles files;
    private final Clock clock;
    /** Null for a store that does not exist yet, read as empty. */
    private final StoreLock lock;

    private LocalSecretStore(Path dir, Mode mode, boolean exists, AtomicFiles files, Clock clock,
            StoreLock lock) {
        this.dir = dir;
        this.mode = mode;
        this.exists = exists;
        this.files = files;
        this.clock = clock;
        this.lock = lock;
    }

    /**
     * Opens the store in {@code dir}. For {@link Mode#WRITE} a missing or empty directory becomes a new store; for
     * {@link Mode#READ} it reads as an empty store and nothing is created.
     *
     * @throws StoreException refused when {@code dir} holds something that is not a store; transient when another
     *                        process holds the lock for longer than ten seconds
     */
    public static LocalSecretStore open(Path dir, Mode mode) throws StoreException {
        return open(dir, mode, new AtomicFiles(AtomicFiles.BeforeRename.NONE), Clock.systemUTC());
    }

    static LocalSecretStore open(Path dir, Mode mode, AtomicFiles files, Clock clock) throws StoreException {
        return open(dir, mode, files, clock, LOCK_WAIT);
    }

    static LocalSecretStore open(Path dir, Mode mode, AtomicFiles files, Clock clock, Duration lockWait)
            throws StoreException {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            boolean initialised = checkLayout(absolute);
            if (!initialised && mode == Mode.READ) {
                return new LocalSecretStore(absolute, mode, false, files, clock, null);
            }
            if (!initialised) {
                Files.createDirectories(absolute.resolve(SECRETS));
                files.write(absolute.resolve(MARKER), JSON.writeValueAsBytes(Map.of("kind", MARKER_KIND,
                        "format", 1)));
            }
            StoreLock lock = StoreLock.acquire(absolute, mode == Mode.READ, lockWait);
            LocalSecretStore store = new LocalSecretStore(absolute, mode, true, files, clock, lock);
            if (mode == Mode.WRITE) {
                store.removeLeftovers();
            }
            return store;
        } catch (IOException e) {
            throw StoreException.transientFailure("local store " + absolute + " cannot be opened: " + e, e);
        }
    }

    /** True when {@code dir} is a store, false when there is nothing yet; refuses anything else. */
    private static boolean checkLayout(Path dir) throws IOException, StoreException {
        if (!Files.exists(dir)) {
            return false;
        }
        if (!Files.isDirectory(dir)) {
            throw StoreException.refused(dir + " is not a secret store: it is a file, not a directory");
        }
        Path marker = dir.resolve(MARKER);
        if (Files.isRegularFile(marker)) {
            Map<?, ?> content;
            try {
                content = JSON.readValue(marker.toFile(), Map.class);
            } catch (JsonProcessingException e) {
                content = Map.of();
            }
            if (content == null || !MARKER_KIND.equals(content.get("kind"))
                    || !Integer.valueOf(1).equals(content.get("format"))) {
                throw StoreException.refused(dir + " is not a secret store of a known format: " + MARKER
                        + " does not describe a format-1 local store");
            }
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw StoreException.refused(dir + " is not a secret store: it holds files but no " + MARKER
                        + "; name an empty or new directory");
            }
        }
        return false;
    }

    /** Temporary files of writes that died before their rename, and secrets whose deletion died halfway. */
    private void removeLeftovers() throws IOException {
        List<Path> leftovers;
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            leftovers = walk.filter(path -> {
                String name = path.getFileName().toString();
                return name.startsWith(".") && (name.contains(AtomicFiles.TEMP_MARK) || name.contains(DELETED_MARK));
            }).toList();
        }
        for (Path leftover : leftovers) {
            deleteRecursively(leftover);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    @Override
    public String id() {
        return "local:" + dir;
    }

    @Override
    public synchronized Map<String, StoredSecret> list() throws StoreException {
        Map<String, StoredSecret> secrets = new TreeMap<>();
        if (!exists) {
            return secrets;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dir.resolve(SECRETS))) {
            dirs.forEach(secretDir -> names.add(secretDir.getFileName().toString()));
        } catch (IOException e) {
            throw StoreException.transientFailure("local store " + dir + " cannot be listed: " + e, e);
        }
        // Reading thousands of small metadata files is most of a plan's time: spread it over the cores.
        List<Optional<SecretMetadata>> read;
        try {
            read = names.parallelStream().filter(name -> !name.startsWith(".")).map(name -> {
                try {
                    return readMetadata(name);
                } catch (StoreException e) {
                    throw new StoreFailure(e);
                }
            }).toList();
        } catch (StoreFailure e) {
            throw e.failure;
        }
        read.forEach(metadata -> metadata.ifPresent(m -> secrets.put(m.name(), toStored(m))));
        return secrets;
    }

    /** Carries a {@link StoreException} out of a stream pipeline. */
    private static final class StoreFailure extends RuntimeException {
        private final StoreException failure;

        StoreFailure(StoreException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    @Override
    public synchronized Optional<StoredSecret> get(String name) throws StoreException {
        return readMetadata(checkName(name)).map(LocalSecretStore::toStored);
    }

    @Override
    public synchronized List<StoredVersion> versions(String name) throws StoreException {
        return existing(name).versions().stream()
                .map(v -> new StoredVersion(v.version(), v.state(), Optional.ofNullable(v.sha256())))
                .sorted(Comparator.comparingLong(StoredVersion::number))
                .toList();
    }

    @Override
    public synchronized LatestVersion accessLatest(String name) throws StoreException {
        Optional<SecretMetadata> metadata = readMetadata(checkName(name));
        Optional<SecretMetadata.Version> newest = metadata.flatMap(m -> m.versions().stream()
                .max(Comparator.comparingLong(SecretMetadata.Version::version)));
        if (newest.isEmpty()) {
            return new LatestVersion.None();
        }
        SecretMetadata.Version version = newest.get();
        if (version.state() != VersionState.ENABLED) {
            return new LatestVersion.Unreadable(version.version(), version.state(),
                    Optional.ofNullable(version.sha256()));
        }
        return new LatestVersion.Readable(version.version(), readValue(name, version.version()));
    }

    @Override
    public synchronized Optional<SecretValue> access(String name, long version) throws StoreException {
        Optional<SecretMetadata> metadata = readMetadata(checkName(name));
        if (metadata.isEmpty()) {
            return Optional.empty();
        }
        Optional<SecretMetadata.Version> found = metadata.get().versions().stream()
                .filter(v -> v.version() == version && v.state() == VersionState.ENABLED).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(readValue(name, version));
    }

    private SecretValue readValue(String name, long version) throws StoreException {
        try {
            return SecretValue.of(Files.readAllBytes(valueFile(name, version)));
        } catch (IOException e) {
            throw StoreException.transientFailure("version " + version + " of secret " + name
                    + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public synchronized void create(String name, NewSecret secret) throws StoreException {
        checkWritable();
        if (readMetadata(checkName(name)).isPresent()) {
            throw StoreException.refused("secret " + name + " already exists");
        }
        try {
            Path secretDir = dir.resolve(SECRETS).resolve(name);
            Files.createDirectories(secretDir);
            AtomicFiles.forceDirectory(secretDir.getParent());
        } catch (IOException e) {
            throw failure("create secret " + name, e);
        }
        writeMetadata(new SecretMetadata(name, new TreeMap<>(secret.labels()), new TreeMap<>(secret.annotations()), 1,
                secret.replication(), now(), List.of()));
    }

    @Override
    public synchronized long addVersion(String name, SecretValue value) throws StoreException {
        checkWritable();
        SecretMetadata metadata = existing(name);
        long number = metadata.versions().stream().mapToLong(SecretMetadata.Version::version).max().orElse(0) + 1;
        try {
            files.write(valueFile(name, number), value.bytes());
        } catch (IOException e) {
            throw failure("add a version to secret " + name, e);
        }
        List<SecretMetadata.Version> versions = new ArrayList<>(metadata.versions());
        versions.add(new SecretMetadata.Version(number, VersionState.ENABLED, value.sha256(), value.size(), now()));
        writeMetadata(metadata.withVersions(versions));
        return number;
    }

    @Override
    public synchronized void disableVersion(String name, long version) throws StoreException {
        changeState(name, version, VersionState.DISABLED);
    }

    @Override
    public synchronized void enableVersion(String name, long version) throws StoreException {
        changeState(name, version, VersionState.ENABLED);
    }

    @Override
    public synchronized void destroyVersion(String name, long version) throws StoreException {
        changeState(name, version, VersionState.DESTROYED);
        try {
            Files.deleteIfExists(valueFile(name, version));
        } catch (IOException e) {
            // The metadata already says destroyed, so the value can no longer be read; the file goes at the next try.
            throw failure("remove the value of destroyed version " + version + " of secret " + name, e);
        }
    }

    private void changeState(String name, long version, VersionState state) throws StoreException {
        checkWritable();
        SecretMetadata metadata = existing(name);
        List<SecretMetadata.Version> versions = new ArrayList<>();
        boolean found = false;
        for (SecretMetadata.Version v : metadata.versions()) {
            if (v.version() == version) {
                if (v.state() == VersionState.DESTROYED) {
                    throw StoreException.refused("version " + version + " of secret " + name + " is destroyed");
                }
                found = true;
                versions.add(v.withState(state));
            } else {
                versions.add(v);
            }
        }
        if (!found) {
            throw StoreException.refused("secret " + name + " has no version " + version);
        }
        writeMetadata(metadata.withVersions(versions));
    }

    @Override
    public synchronized void updateMetadata(String name, Map<String, String> labels, Map<String, String> annotations,
            String etag) throws StoreException {
        checkWritable();
        SecretMetadata metadata = existing(name);
        checkEtag(metadata, etag, "update");
        writeMetadata(new SecretMetadata(name, new TreeMap<>(labels), new TreeMap<>(annotations),
                metadata.generation() + 1, metadata.replication(), metadata.createTime(), metadata.versions()));
    }

    private static void checkEtag(SecretMetadata metadata, String etag, String what) throws StoreException {
        if (etag != null && !etag.equals(metadata.etag())) {
            throw StoreException.stale("secret " + metadata.name() + " changed since it was read (etag " + etag
                    + ", now " + metadata.etag() + "); not " + what + "d", null);
        }
    }

    @Override
    public synchronized void delete(String name, String etag) throws StoreException {
        checkWritable();
        checkEtag(existing(name), etag, "delete");
        Path secretDir = dir.resolve(SECRETS).resolve(name);
        // A hidden name is ignored by list(), so the rename is the atomic step; the files go afterwards.
        // The name is shortened so the hidden name stays within the 255-byte file name limit.
        Path doomed = secretDir.resolveSibling("." + name.substring(0, Math.min(name.length(), 200))
                + DELETED_MARK + System.nanoTime());
        try {
            Files.move(secretDir, doomed, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.forceDirectory(secretDir.getParent());
            deleteRecursively(doomed);
        } catch (IOException e) {
            throw failure("delete secret " + name, e);
        }
    }

    @Override
    public synchronized void close() throws StoreException {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (IOException e) {
            throw StoreException.transientFailure("local store " + dir + " cannot release its lock", e);
        }
    }

    private SecretMetadata existing(String name) throws StoreException {
        return readMetadata(checkName(name))
                .orElseThrow(() -> StoreException.refused("secret " + name + " does not exist"));
    }

    private Optional<SecretMetadata> readMetadata(String name) throws StoreException {
        if (!exists) {
            return Optional.empty();
        }
        Path file = dir.resolve(SECRETS).resolve(name).resolve(METADATA);
        try {
            return Optional.of(METADATA_READER.readValue(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // never created, or a create that died before its metadata
        } catch (JsonProcessingException e) {
            throw StoreException.refused("metadata of secret " + name + " in " + dir + " is corrupt (" + METADATA
                    + " was changed by hand?)");
        } catch (IOException e) {
            throw StoreException.transientFailure("metadata of secret " + name + " cannot be read: " + e, e);
        }
    }

    private void writeMetadata(SecretMetadata metadata) throws StoreException {
        try {
            files.write(dir.resolve(SECRETS).resolve(metadata.name()).resolve(METADATA),
                    JSON.writeValueAsBytes(metadata));
        } catch (IOException e) {
            throw failure("write the metadata of secret " + metadata.name(), e);
        }
    }

    private static StoredSecret toStored(SecretMetadata metadata) {
        return new StoredSecret(metadata.name(), metadata.labels(), metadata.annotations(), metadata.etag(),
                metadata.replication());
    }

    private Path valueFile(String name, long version) {
        return dir.resolve(SECRETS).resolve(name).resolve(version + ".value");
    }

    private void checkWritable() throws StoreException {
        if (mode != Mode.WRITE) {
            throw StoreException.refused("local store " + dir + " is open for reading only");
        }
    }

    private static String checkName(String name) throws StoreException {
        if (!NAME.matcher(name).matches()) {
            throw StoreException.refused("'" + name + "' is not a valid secret name");
        }
        return name;
    }

    private String now() {
        return clock.instant().toString();
    }

    private StoreException failure(String what, IOException e) {
        return StoreException.transientFailure("local store " + dir + " could not " + what + ": " + e, e);
    }
}
