package io.smc.secrets.kustomize;

import io.smc.process.BoundedProcess;
import io.smc.sops.SopsDecryptor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders {@code kustomize build <path>} of a revision, as Flux's kustomize-controller would: in a private copy of
 * the revision with SOPS-encrypted {@code secretGenerator} inputs decrypted ({@link EncryptedInputs}), load
 * restrictions on ({@code LoadRestrictionsRootOnly}), and no plugins, exec functions or Helm (none of their flags is
 * passed, and they are off by default). The {@code kustomize} binary is used when configured or on {@code PATH},
 * else {@code kubectl kustomize}. The process sees only {@code PATH} and {@code HOME}, is killed with its children
 * when it runs past the timeout or writes more than the output limit, and the copy is deleted afterwards, also on
 * failure.
 */
public final class KustomizeRenderer {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 16L * 1024 * 1024;
    /** Lines of kustomize's error output kept in an error message, and characters kept of each. */
    static final int ERROR_LINES = 5;
    static final int ERROR_LINE_CHARS = 300;
    private static final int STDERR_BYTES = 64 * 1024;
    /** kustomize quotes a line of an env file that is not UTF-8 as its bytes, in decimal, and as text: both go. */
    private static final Pattern BYTE_LIST = Pattern.compile("\\[(\\d{1,3} )+\\d{1,3}\\]");
    private static final Pattern INVALID_UTF8_TAIL = Pattern.compile("(has invalid utf8 bytes)\\s*:.*");

    private final SopsDecryptor decryptor;
    private final Path binary;
    private final Duration timeout;
    private final long maxOutputBytes;
    private final Path workDirectory;

    private KustomizeRenderer(SopsDecryptor decryptor, Path binary, Duration timeout, long maxOutputBytes,
            Path workDirectory) {
        this.decryptor = Objects.requireNonNull(decryptor, "decryptor");
        this.binary = binary;
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
        this.workDirectory = workDirectory;
    }

    /** A renderer that finds {@code kustomize} or {@code kubectl} on {@code PATH}, with the default limits. */
    public static KustomizeRenderer using(SopsDecryptor decryptor) {
        return new KustomizeRenderer(decryptor, null, DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT_BYTES, null);
    }

    /** This renderer running the {@code kustomize} binary at {@code kustomize} ({@code kustomize build ...}). */
    public KustomizeRenderer withBinary(Path kustomize) {
        return new KustomizeRenderer(decryptor, Objects.requireNonNull(kustomize), timeout, maxOutputBytes,
                workDirectory);
    }

    public KustomizeRenderer withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return new KustomizeRenderer(decryptor, binary, timeout, maxOutputBytes, workDirectory);
    }

    public KustomizeRenderer withMaxOutputBytes(long maxOutputBytes) {
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("output limit must be positive");
        }
        return new KustomizeRenderer(decryptor, binary, timeout, maxOutputBytes, workDirectory);
    }

    /** Where the temporary copies go (the system's temporary directory by default). */
    public KustomizeRenderer withWorkDirectory(Path directory) {
        return new KustomizeRenderer(decryptor, binary, timeout, maxOutputBytes, Objects.requireNonNull(directory));
    }

    SopsDecryptor decryptor() {
        return decryptor;
    }

    /**
     * The build's output: a stream of YAML documents.
     *
     * @param revision      the revision's root
     * @param kustomizePath the kustomization's directory, relative to the root; checked by the caller to stay inside
     * @throws KustomizeException when no kustomize is found, the build fails, times out or writes too much, or an
     *                            input cannot be decrypted
     * @throws IOException        when the copy cannot be made
     */
    public byte[] render(Path revision, String kustomizePath) throws KustomizeException, IOException {
        List<String> command = command();
        try (RevisionCopy copy = RevisionCopy.of(revision, workDirectory)) {
            Path dir = copy.root().resolve(kustomizePath).normalize();
            if (!dir.startsWith(copy.root()) || !Files.isDirectory(dir)) {
                throw new KustomizeException("kustomize path '" + kustomizePath + "' is not a directory in the revision");
            }
            Set<String> plaintext = EncryptedInputs.decrypt(copy.root(), dir, decryptor);
            command.add(dir.toString());
            command.add("--load-restrictor");
            command.add("LoadRestrictionsRootOnly");
            return run(command, copy.root(), kustomizePath, plaintext);
        }
    }

    private List<String> command() throws KustomizeException {
        List<String> command = new ArrayList<>();
        if (binary != null) {
            command.add(binary.toString());
            command.add("build");
            return command;
        }
        Path kustomize = onPath("kustomize");
        if (kustomize != null) {
            command.add(kustomize.toString());
            command.add("build");
            return command;
        }
        Path kubectl = onPath("kubectl");
        if (kubectl != null) {
            command.add(kubectl.toString());
            command.add("kustomize");
            return command;
        }
        throw new KustomizeException("neither kustomize nor kubectl is on PATH; kustomize mode needs one of them");
    }

    /** The executable {@code name} in a {@code PATH} directory, or null. */
    static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private byte[] run(List<String> command, Path copyRoot, String kustomizePath, Set<String> plaintext)
            throws KustomizeException, IOException {
        Map<String, String> environment = new HashMap<>();
        for (String name : List.of("PATH", "HOME")) {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        String what = "kustomize build of '" + kustomizePath + "'";
        BoundedProcess.Outcome outcome;
        try {
            outcome = BoundedProcess.of(command).directory(copyRoot).environment(environment).timeout(timeout)
                    .stdoutCap(maxOutputBytes).truncateStderrAt(STDERR_BYTES).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KustomizeException(what + " was interrupted");
        }
        if (outcome.timedOut()) {
            throw new KustomizeException(what + " timed out after " + describe(timeout) + " and was stopped");
        }
        if (outcome.stdoutOverCap()) {
            throw new KustomizeException(what + " wrote more than " + maxOutputBytes + " bytes and was stopped");
        }
        if (outcome.exitCode() != 0) {
            String errors = firstLines(new String(outcome.stderr(), StandardCharsets.UTF_8), copyRoot, plaintext);
            throw new KustomizeException(what + " failed (exit code " + outcome.exitCode() + ")"
                    + (errors.isEmpty() ? "" : ": " + errors));
        }
        return outcome.stdout();
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /**
     * The first lines of kustomize's error output: the copy's location replaced by the revision's relative paths,
     * decrypted text redacted, each line and their number cut short.
     */
    static String firstLines(String stderr, Path copyRoot, Set<String> plaintext) {
        List<String> lines = new ArrayList<>();
        for (String line : stderr.split("\\R")) {
            String cleaned = line.replace(copyRoot + File.separator, "").replace(copyRoot.toString(), ".").strip();
            cleaned = BYTE_LIST.matcher(cleaned).replaceAll("[...]");
            cleaned = INVALID_UTF8_TAIL.matcher(cleaned).replaceAll("$1");
            for (String secret : plaintext) {
                cleaned = cleaned.replace(secret, "[redacted]");
            }
            if (cleaned.isEmpty()) {
                continue;
            }
            if (lines.size() == ERROR_LINES) {
                lines.add("...");
                break;
            }
            lines.add(cleaned.length() > ERROR_LINE_CHARS ? cleaned.substring(0, ERROR_LINE_CHARS) + "..." : cleaned);
        }
        return String.join(" | ", lines);
    }
}
