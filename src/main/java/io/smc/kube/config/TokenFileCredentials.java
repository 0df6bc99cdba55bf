package io.smc.kube.config;

import io.smc.kube.ConfigException;
import io.smc.kube.CredentialSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token kept in a file: a kubeconfig's {@code tokenFile} or the service account token mounted in a pod. Bound
 * service-account tokens are rotated by the kubelet (by swapping a symlink) well before they expire, so the file is
 * read again as soon as its modification time or size changes, after {@link #invalidate()}, and at least once a
 * minute in case a change kept both.
 */
final class TokenFileCredentials implements CredentialSource {
    private static final Duration MAX_AGE = Duration.ofMinutes(1);

    private final Path file;
    private final Clock clock;
    private String token;
    private Stamp stamp;
    private Instant readAt;

    TokenFileCredentials(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    private record Stamp(FileTime modified, long size) {
    }

    @Override
    public synchronized Optional<String> token() throws ConfigException {
        Stamp now;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            now = new Stamp(attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            throw new ConfigException(file + ": the token file cannot be read (" + e.getClass().getSimpleName()
                    + ")", e);
        }
        Instant instant = clock.instant();
        if (token == null || !now.equals(stamp) || !instant.isBefore(readAt.plus(MAX_AGE))) {
            token = read();
            stamp = now; // if the file changed again since the stat, the next call sees a new stamp and reads again
            readAt = instant;
        }
        return Optional.of(token);
    }

    private String read() throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException(file + ": the token file cannot be read (" + e.getClass().getSimpleName()
                    + ")", e);
        }
        if (text.isEmpty()) {
            throw new ConfigException(file + ": the token file is empty");
        }
        return text;
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    @Override
    public String toString() {
        return "TokenFileCredentials[" + file + "]";
    }
}
