package io.smc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a GitOps repository in the seed system's layout into a directory, for tests. */
public final class GitOpsRepo {
    private final Path root;

    private GitOpsRepo(Path root) {
        this.root = root;
    }

    public static GitOpsRepo at(Path root) {
        return new GitOpsRepo(root);
    }

    public Path root() {
        return root;
    }

    /** {@code <service>/deployment-configuration/profiles/<env>/}, created. */
    public Path profile(String service, String environment) {
        return dir(root.resolve(service).resolve("deployment-configuration").resolve("profiles").resolve(environment));
    }

    public GitOpsRepo env(String service, String environment, String content) {
        return write(profile(service, environment).resolve("application.secrets.env"), content);
    }

    public GitOpsRepo yaml(String service, String environment, String content) {
        return write(profile(service, environment).resolve("application.secrets.yaml"), content);
    }

    public GitOpsRepo properties(String service, String environment, String content) {
        return write(profile(service, environment).resolve("application.properties"), content);
    }

    public GitOpsRepo write(Path file, String content) {
        return write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    public GitOpsRepo write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static Path dir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
