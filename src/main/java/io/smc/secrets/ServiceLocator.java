package io.smc.secrets;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the services of a revision: every directory named {@code deployment-configuration} under the base path.
 * Hidden directories (such as {@code .git}) are skipped and symbolic links are not followed, so a link cannot lead
 * the walk outside the revision.
 */
public final class ServiceLocator {
    public static final String SERVICE_DIR = "deployment-configuration";

    private ServiceLocator() {
    }

    /** The located services, sorted by path, and the services without the environment's profile. */
    public record Located(List<ServiceProfile> services, List<Path> withoutProfile) {
    }

    public static Located locate(Path base, String environment) throws IOException {
        List<Path> serviceDirs = new ArrayList<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(base) && name.startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (name.equals(SERVICE_DIR)) {
                    serviceDirs.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        serviceDirs.sort(null);
        List<ServiceProfile> services = new ArrayList<>();
        List<Path> withoutProfile = new ArrayList<>();
        for (Path dir : serviceDirs) {
            Path profile = profileDir(dir, environment);
            if (profile == null) {
                withoutProfile.add(dir);
            } else {
                services.add(new ServiceProfile(serviceName(dir), profile));
            }
        }
        return new Located(List.copyOf(services), List.copyOf(withoutProfile));
    }

    private static Path profileDir(Path serviceDir, String environment) {
        for (Path candidate : List.of(serviceDir.resolve("profiles").resolve(environment),
                serviceDir.resolve(environment))) {
            if (Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        return null;
    }

    private static String serviceName(Path serviceDir) {
        Path parent = serviceDir.toAbsolutePath().getParent();
        return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    }
}
