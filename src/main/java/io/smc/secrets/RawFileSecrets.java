package io.smc.secrets;

import io.smc.secrets.SecretsSettings.PropertiesMode;
import io.smc.sops.SopsDecryptor;
import io.smc.sops.SopsException;
import io.smc.sops.SopsFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Raw mode: turns the secrets files of one environment in a revision into the desired set.
 *
 * <p>A file that cannot be read as a whole (malformed, not UTF-8, encrypted) keeps its whole service out of the
 * set: publishing the rest of that service could put a {@code .env} value where the unreadable YAML held the real
 * one. A key that cannot be published (bad name, value too large or empty, name collision) keeps only that key out.
 *
 * <p>{@code application.properties} gives one secret holding all its properties as JSON, or, with
 * {@link PropertiesMode#SECRET_PER_PROPERTY}, one secret per property, named like any other key.
 */
public final class RawFileSecrets {
    public static final String ENV_FILE = "application.secrets.env";
    public static final String YAML_FILE = "application.secrets.yaml";
    public static final String PROPERTIES_FILE = "application.properties";
    /** Secret Manager's payload limit. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    /** The problem that says a file could not be decrypted and so nothing at all is published. */
    public static final String WITHHELD = "nothing is published while a file cannot be decrypted";

    /** Larger files are refused before they are read, as Flux does for the files it decrypts. */
    public static final long MAX_FILE_BYTES = 5L * 1024 * 1024;

    private final Path root;
    private final SecretsSettings settings;
    /** Null when no keys were given: encrypted files are then refused rather than published as ciphertext. */
    private final SopsDecryptor decryptor;
    private final List<Problem> problems = new ArrayList<>();

    private RawFileSecrets(Path root, SecretsSettings settings, SopsDecryptor decryptor) {
        this.root = root;
        this.settings = settings;
        this.decryptor = decryptor;
    }

    /**
     * Reads the revision checked out at {@code root}.
     *
     * @throws SourceException when there is nothing to read: no such directory, no service, or no service with a
     *                         profile for the environment
     */
    public static DesiredState read(Path root, SecretsSettings settings) throws SourceException, IOException {
        return read(root, settings, null);
    }

    /**
     * Reads the revision, decrypting SOPS-encrypted files with {@code decryptor}. A config's secrets are all or
     * nothing where decryption is concerned: when any file cannot be decrypted, nothing is published, so a key
     * that stopped matching can never leave half of a config's secrets updated.
     *
     * @throws IllegalArgumentException for settings that {@link SecretsSettings#validated()} refuses: properties in
     *                                  Parameter Manager
     */
    public static DesiredState read(Path root, SecretsSettings settings, SopsDecryptor decryptor)
            throws SourceException, IOException {
        if (settings.properties() == PropertiesMode.PARAMETER_PER_PROPERTY) {
            throw new IllegalArgumentException("properties in Parameter Manager are not supported yet; "
                    + "SecretsSettings.validated() refuses such settings");
        }
        if (!Files.isDirectory(root)) {
            throw new SourceException("source directory " + root + " does not exist or is not a directory");
        }
        Path realRoot = root.toRealPath();
        return new RawFileSecrets(realRoot, settings, decryptor).read();
    }

    private DesiredState read() throws SourceException, IOException {
        Path base = root.resolve(settings.basePath()).normalize();
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            throw new SourceException("base path '" + settings.basePath() + "' is not a directory in " + root);
        }
        ServiceLocator.Located located = ServiceLocator.locate(base, settings.environment());
        if (located.services().isEmpty()) {
            throw new SourceException(located.withoutProfile().isEmpty()
                    ? "no " + ServiceLocator.SERVICE_DIR + " directory under " + base
                    : "no service has a profile for environment '" + settings.environment() + "' (looked for profiles/"
                            + settings.environment() + "/ and " + settings.environment() + "/ in "
                            + located.withoutProfile().size() + " " + ServiceLocator.SERVICE_DIR + " directories)");
        }
        List<String> notes = located.withoutProfile().stream()
                .map(dir -> relative(dir) + ": no profile for environment '" + settings.environment() + "', skipped")
                .collect(Collectors.toList());
        Map<String, List<DesiredSecret>> byName = new TreeMap<>();
        List<ServiceFiles> read = readAll(located.services());
        if (read.stream().anyMatch(ServiceFiles::undecryptable)) {
            read.stream().filter(files -> files.problem() != null).forEach(files -> problems.add(files.problem()));
            problems.add(new Problem(settings.basePath().isEmpty() ? "." : settings.basePath(), WITHHELD));
            return new DesiredState(List.of(), problems, notes, located.services().size());
        }
        for (ServiceFiles files : read) {
            if (files.problem() != null) {
                problems.add(files.problem());
            }
            for (SecretEntry entry : files.entries()) {
                DesiredSecret secret = desired(files.service(), entry);
                if (secret != null) {
                    byName.computeIfAbsent(secret.name(), n -> new ArrayList<>()).add(secret);
                }
            }
        }
        List<DesiredSecret> secrets = new ArrayList<>();
        byName.forEach((name, claimants) -> {
            if (claimants.size() == 1) {
                secrets.add(claimants.get(0));
            } else {
                problems.add(new Problem(name, "name collision, nothing published for it: " + claimants.stream()
                        .map(c -> "key '" + c.key() + "' at " + c.origin()).collect(Collectors.joining(" and "))));
            }
        });
        return new DesiredState(secrets, problems, notes, located.services().size());
    }

    /** A SOPS file that cannot be decrypted, with the label of the file. */
    private static final class UndecryptableFile extends Exception {
        private final String label;

        UndecryptableFile(String label, SopsException cause) {
            super(cause.getMessage(), cause, false, false);
            this.label = label;
        }
    }

    /** What one service's files hold: its entries, or the problem that keeps the whole service out. */
    private record ServiceFiles(ServiceProfile service, List<SecretEntry> entries, Problem problem,
            boolean undecryptable) {
    }

    /** Reads the services' files in parallel (file reads and parsing are most of the work), in service order. */
    private List<ServiceFiles> readAll(List<ServiceProfile> services) throws IOException {
        try {
            return services.parallelStream().map(service -> {
                try {
                    return read(service);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The service's entries sorted by key, YAML keys overriding .env keys. Single properties are kept apart from
     * those: a property that gives the same secret name as a .env or YAML key then meets it as a name collision,
     * reported with both origins, instead of one silently replacing the other.
     */
    private ServiceFiles read(ServiceProfile service) throws IOException {
        Map<String, SecretEntry> entries = new LinkedHashMap<>();
        List<SecretEntry> singleProperties = new ArrayList<>();
        try {
            byte[] env = readFile(service.profileDir().resolve(ENV_FILE));
            if (env != null) {
                String label = label(service, ENV_FILE);
                putAll(entries, EncryptedFiles.refuse(EnvFileParser.parse(label, decrypted(env, ENV_FILE, label))));
            }
            byte[] yaml = readFile(service.profileDir().resolve(YAML_FILE));
            if (yaml != null) {
                String label = label(service, YAML_FILE);
                putAll(entries, EncryptedFiles.refuse(YamlSecretsParser.parse(label,
                        decrypted(yaml, YAML_FILE, label))));
            }
            byte[] properties = readFile(service.profileDir().resolve(PROPERTIES_FILE));
            if (properties != null) {
                String label = label(service, PROPERTIES_FILE);
                byte[] plain = decrypted(properties, PROPERTIES_FILE, label);
                if (settings.properties() == PropertiesMode.SECRET_PER_PROPERTY) {
                    singleProperties.addAll(EncryptedFiles.refuse(PerPropertySecrets.parse(label, plain)));
                } else {
                    SecretEntry entry = PropertiesSecret.parse(label, plain);
                    if (entry != null) {
                        entries.put(PropertiesSecret.KEY, entry);
                    }
                }
            }
        } catch (SecretFileException e) {
            return new ServiceFiles(service, List.of(), new Problem(e.origin().toString(),
                    e.reason() + "; nothing of service '" + service.name() + "' is published"), false);
        } catch (UndecryptableFile e) {
            return new ServiceFiles(service, List.of(), new Problem(e.label, e.getCause().getMessage()), true);
        }
        List<SecretEntry> list = new ArrayList<>(entries.values());
        list.addAll(singleProperties);
        list.sort(Comparator.comparing(SecretEntry::key));
        return new ServiceFiles(service, list, null, false);
    }

    /**
     * The plain content of a secrets file: decrypted when it carries SOPS metadata and keys were given, else as
     * read (an encrypted file without keys is then refused by {@link EncryptedFiles}).
     */
    private byte[] decrypted(byte[] content, String fileName, String label) throws UndecryptableFile {
        SopsFormat format = SopsFormat.forFileName(fileName);
        if (decryptor == null || !decryptor.isEncrypted(content, format)) {
            return content;
        }
        try {
            return decryptor.decrypt(content, format, label);
        } catch (SopsException e) {
            throw new UndecryptableFile(label, e);
        }
    }

    private static void putAll(Map<String, SecretEntry> entries, List<SecretEntry> more) {
        more.forEach(entry -> entries.put(entry.key(), entry));
    }

    private DesiredSecret desired(ServiceProfile service, SecretEntry entry) {
        String prefix = settings.prefix().isEmpty() ? service.name() : settings.prefix();
        String name;
        try {
            name = SecretNaming.name(prefix, entry.key(), settings.suffix());
        } catch (SecretNaming.InvalidNameException e) {
            problems.add(new Problem(entry.origin().toString(), e.getMessage()));
            return null;
        }
        if (entry.value().size() > MAX_VALUE_BYTES) {
            problems.add(new Problem(entry.origin().toString(), "value of key '" + entry.key() + "' is "
                    + entry.value().size() + " bytes; Secret Manager accepts at most " + MAX_VALUE_BYTES));
            return null;
        }
        if (entry.value().isEmpty() && !entry.disabled()) {
            problems.add(new Problem(entry.origin().toString(), "key '" + entry.key() + "' has an empty value"));
            return null;
        }
        return new DesiredSecret(name, service.name(), entry.key(), entry.value(), entry.disabled(), entry.origin());
    }

    /** The file's bytes, or null when it does not exist; refuses links out of the revision and oversized files. */
    private byte[] readFile(Path file) throws SecretFileException, IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        String label = relative(file);
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new SecretFileException(Origin.of(label), "is a broken symbolic link");
        }
        if (!real.startsWith(root)) {
            throw new SecretFileException(Origin.of(label), "is a symbolic link that leads outside the source");
        }
        if (!Files.isRegularFile(real)) {
            throw new SecretFileException(Origin.of(label), "is not a regular file");
        }
        if (Files.size(real) > MAX_FILE_BYTES) {
            throw new SecretFileException(Origin.of(label), "is " + Files.size(real) + " bytes; files over "
                    + MAX_FILE_BYTES + " bytes are refused");
        }
        try {
            return Files.readAllBytes(real);
        } catch (IOException e) {
            throw new SecretFileException(Origin.of(label), "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private String label(ServiceProfile service, String fileName) {
        return relative(service.profileDir().resolve(fileName));
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
