package io.smc.sops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs the real age and gpg tools for tests; tests that need them are skipped where they are not installed. */
final class Cli {
    private Cli() {
    }

    static void assumeInstalled(String tool) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)), tool + " is not installed");
    }

    static byte[] run(List<String> command, byte[] stdin) throws IOException, InterruptedException {
        return run(command, stdin, Map.of());
    }

    static byte[] run(List<String> command, byte[] stdin, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        int rc = process.waitFor();
        if (rc != 0) {
            throw new IOException(command.get(0) + " exited with " + rc + ": " + new String(err.join()));
        }
        return out.join();
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
