package io.smc.source.argocd;

import io.smc.process.BoundedProcess;
import io.smc.source.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the {@code git} CLI in a reduced environment: only {@code PATH}, a private empty {@code HOME} (so no user or
 * system configuration or credential helper leaks in), no terminal prompts, a protocol allow-list, and a timeout
 * that kills git and its children. Credentials reach git only through files in a private 0700 directory that is
 * deleted after each run: an askpass script for HTTPS, a 0600 key file and {@code GIT_SSH_COMMAND} for SSH. They
 * never appear in the command line, the URL, logs or exception messages.
 */
public final class GitRunner {
    /** One git command line and the environment it ran with, as an observer sees it (for audits and tests). */
    public record Invocation(List<String> command, Map<String, String> environment) {
    }

    /** What a git run printed. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private static final Pattern USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]*@");
    private static final int SUMMARY_LIMIT = 600;
    private static final int MAX_STDOUT = 1 << 20;
    /** Enough for git's error lines; past it the rest is dropped, as only a summary is ever shown. */
    private static final int MAX_STDERR = 256 << 10;

    private final String git;
    private final Duration timeout;
    private final Path tempRoot;
    private final Consumer<Invocation> observer;
    private final String allowedProtocols;

    private GitRunner(String git, Duration timeout, Path tempRoot, Consumer<Invocation> observer,
            String allowedProtocols) {
        this.git = Objects.requireNonNull(git, "git");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.tempRoot = tempRoot;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.allowedProtocols = Objects.requireNonNull(allowedProtocols, "allowedProtocols");
    }

    /**
     * {@code git} from {@code PATH}, killed after {@code timeout}, private files under the JVM's temp directory,
     * remote protocols {@link #DEFAULT_PROTOCOLS} only: {@code file://} is left out so an Application cannot point
     * the controller at repositories on its own file system.
     */
    public static GitRunner create(Duration timeout) {
        return new GitRunner("git", timeout, null, invocation -> {
        }, DEFAULT_PROTOCOLS);
    }

    /** Remote protocols allowed by default ({@code GIT_ALLOW_PROTOCOL} syntax). */
    public static final String DEFAULT_PROTOCOLS = "https:http:ssh:git";

    /** The same runner, private files under {@code directory} (which must exist). */
    public GitRunner withTempRoot(Path directory) {
        return new GitRunner(git, timeout, directory, observer, allowedProtocols);
    }

    /** The same runner, telling {@code newObserver} each command line and environment before it runs. */
    public GitRunner withObserver(Consumer<Invocation> newObserver) {
        return new GitRunner(git, timeout, tempRoot, newObserver, allowedProtocols);
    }

    /** The same runner, allowing the colon-separated {@code protocols} ({@code "https:ssh:file"}). */
    public GitRunner withAllowedProtocols(String protocols) {
        return new GitRunner(git, timeout, tempRoot, observer, protocols);
    }

    /**
     * Runs {@code git args…}; a non-zero exit is a {@link SourceException} whose message is {@code what} and a
     * summary of git's stderr, stripped of URL userinfo. Timeouts are retryable.
     */
    Result run(String what, GitCredentials credentials, Map<String, String> extraEnvironment, List<String> args)
            throws SourceException {
        Result result = runAllowingFailure(what, credentials, extraEnvironment, args);
        if (result.exitCode() != 0) {
            String summary = summarise(result.stderr(), credentials);
            throw new SourceException(what + " failed: " + summary, retryable(summary), null);
        }
        return result;
    }

    Result runAllowingFailure(String what, GitCredentials credentials, Map<String, String> extraEnvironment,
            List<String> args) throws SourceException {
        Path privateDir;
        try {
            privateDir = tempRoot == null
                    ? Files.createTempDirectory("smc-git-", PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory(tempRoot, "smc-git-", PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new SourceException(what + " failed: cannot create a private temporary directory", true, e);
        }
        try {
            Path home = Files.createDirectory(privateDir.resolve("home"));
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("PATH", Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin:/bin"));
            environment.put("HOME", home.toString());
            environment.put("XDG_CONFIG_HOME", home.toString());
            environment.put("LANG", "C");
            environment.put("LC_ALL", "C");
            environment.put("GIT_TERMINAL_PROMPT", "0");
            environment.put("GIT_CONFIG_NOSYSTEM", "1");
            environment.put("GIT_ALLOW_PROTOCOL", allowedProtocols);
            environment.put("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
            environment.putAll(credentialEnvironment(credentials, privateDir));
            environment.putAll(extraEnvironment);

            List<String> command = new ArrayList<>();
            command.add(git);
            command.addAll(List.of("-c", "gc.auto=0", "-c", "maintenance.auto=false", "-c", "core.symlinks=true",
                    "-c", "credential.helper="));
            command.addAll(args);
            observer.accept(new Invocation(List.copyOf(command), Map.copyOf(environment)));

            BoundedProcess.Outcome outcome;
            try {
                outcome = BoundedProcess.of(command).environment(environment).timeout(timeout)
                        .stdoutCap(MAX_STDOUT).truncateStderrAt(MAX_STDERR).run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException(what + " interrupted", true, null);
            }
            if (outcome.timedOut()) {
                throw new SourceException(what + " timed out after " + timeout.toSeconds() + "s", true, null);
            }
            if (outcome.stdoutOverCap()) {
                // The commands we run print a commit id at most; this much is a broken git, not a busy one.
                throw new SourceException(what + " failed: git printed more than " + (MAX_STDOUT >> 20) + " MiB",
                        false, null);
            }
            return new Result(outcome.exitCode(), new String(outcome.stdout(), StandardCharsets.UTF_8),
                    new String(outcome.stderr(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SourceException(what + " failed: cannot run git (" + e.getClass().getSimpleName() + ")", true,
                    null);
        } finally {
            deleteTree(privateDir);
        }
    }

    private static Map<String, String> credentialEnvironment(GitCredentials credentials, Path privateDir)
            throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        if (credentials instanceof GitCredentials.Https https) {
            Path username = privateFile(privateDir.resolve("username"),
                    https.username().getBytes(StandardCharsets.UTF_8));
            Path password = privateFile(privateDir.resolve("password"), https.password());
            // The script holds file names only; git calls it with the prompt ("Username for …"/"Password for …").
            String script = "#!/bin/sh\ncase \"$1\" in\n  [Uu]sername*) cat " + quote(username) + " ;;\n  *) cat "
                    + quote(password) + " ;;\nesac\n";
            Path askpass = privateDir.resolve("askpass.sh");
            Files.writeString(askpass, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
            environment.put("GIT_ASKPASS", askpass.toString());
        } else if (credentials instanceof GitCredentials.Ssh ssh) {
            byte[] key = ssh.privateKey();
            if (key.length > 0 && key[key.length - 1] != '\n') {
                key = java.util.Arrays.copyOf(key, key.length + 1);
                key[key.length - 1] = '\n';
            }
            Path identity = privateFile(privateDir.resolve("identity"), key);
            Path knownHosts = privateFile(privateDir.resolve("known_hosts"),
                    ssh.knownHosts().getBytes(StandardCharsets.UTF_8));
            environment.put("GIT_SSH_COMMAND", "ssh -i " + quote(identity) + " -o IdentitiesOnly=yes"
                    + " -o UserKnownHostsFile=" + quote(knownHosts) + " -o BatchMode=yes"
                    + " -o StrictHostKeyChecking=" + (ssh.insecureIgnoreHostKey() ? "no" : "yes"));
        }
        return environment;
    }

    private static Path privateFile(Path file, byte[] content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, content);
        return file;
    }

    private static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    /** git's own error lines ({@code fatal:}, {@code error:}), else its last lines, without URL userinfo. */
    static String summarise(String stderr, GitCredentials credentials) {
        List<String> lines = stderr.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> errors = lines.stream()
                .filter(line -> line.startsWith("fatal:") || line.startsWith("error:")).toList();
        List<String> chosen = errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 3), lines.size()) : errors;
        String summary = chosen.isEmpty() ? "no error output" : String.join("; ", chosen);
        summary = redact(summary, credentials);
        return summary.length() > SUMMARY_LIMIT ? summary.substring(0, SUMMARY_LIMIT) + "…" : summary;
    }

    /** Strips {@code user:password@} from URLs, and any verbatim credential, from text meant for humans. */
    static String redact(String text, GitCredentials credentials) {
        String redacted = USERINFO.matcher(text).replaceAll("$1");
        if (credentials instanceof GitCredentials.Https https && https.password().length > 0) {
            redacted = redacted.replace(GitCredentials.utf8(https.password()), "[redacted]");
        }
        return redacted;
    }

    private static boolean retryable(String summary) {
        String lower = summary.toLowerCase(java.util.Locale.ROOT);
        return !(lower.contains("couldn't find remote ref") || lower.contains("not our ref")
                || lower.contains("authentication failed") || lower.contains("invalid username or password")
                || lower.contains("repository not found") || lower.contains("does not appear to be a git repository")
                || lower.contains("host key verification failed") || lower.contains("transport '") || lower.contains("permission denied"));
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
