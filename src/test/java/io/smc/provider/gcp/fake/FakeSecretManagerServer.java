package io.smc.provider.gcp.fake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fake as a process of its own, for scripts that measure the command line against it: starts with the projects
 * given after the first argument, writes {@code grpc=host:port} and {@code rest=host:port} to the file named by the
 * first argument, and serves until its standard input closes.
 */
public final class FakeSecretManagerServer {
    private FakeSecretManagerServer() {
    }

    public static void main(String[] args) throws Exception {
        String[] projects = java.util.Arrays.copyOfRange(args, 1, args.length);
        try (FakeSecretManager fake = FakeSecretManager.start(projects)) {
            Path ports = Path.of(args[0]);
            Files.writeString(ports.resolveSibling(ports.getFileName() + ".tmp"), "grpc=" + fake.target() + "\nrest="
                    + fake.restAddress() + "\n", StandardCharsets.UTF_8);
            Files.move(ports.resolveSibling(ports.getFileName() + ".tmp"), ports,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            while (System.in.read() >= 0) {
                // serve until the script closes our input
            }
        }
    }
}
