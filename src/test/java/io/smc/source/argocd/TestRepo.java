package io.smc.source.argocd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real Git repository made with the git CLI, served to the fetcher as a {@code file://} URL. */
public final class TestRepo {
    private final Path dir;

    private TestRepo(Path dir) {
        this.dir = dir;
    }

    public static TestRepo init(Path dir) {
        TestRepo repo = new TestRepo(dir);
        git("init", "-q", "-b", "main", dir.toString());
        return repo;
    }

    /** A runner that may also fetch {@code file://} URLs, as these tests do. */
    public static GitRunner runner() {
        return GitRunner.create(java.time.Duration.ofSeconds(60)).withAllowedProtocols("file:https:http:ssh");
    }

    public String url() {
        return dir.toUri().toString();
    }

    public TestRepo write(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestRepo symlink(String path, String target) {
        try {
            Path link = dir.resolve(path);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits everything; returns the new commit's SHA. */
    public String commit(String message) {
        git("-C", dir.toString(), "add", "-A");
        git("-C", dir.toString(), "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
                "commit", "-q", "-m", message);
        return git("-C", dir.toString(), "rev-parse", "HEAD").strip();
    }

    void tag(String name) {
        git("-C", dir.toString(), "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
                "tag", "-a", "-m", name, name);
    }

    void branch(String name) {
        git("-C", dir.toString(), "checkout", "-q", "-b", name);
    }

    void checkout(String name) {
        git("-C", dir.toString(), "checkout", "-q", name);
    }

    static String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Path home = Files.createTempDirectory("test-git-home");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("HOME", home.toString());
            builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
