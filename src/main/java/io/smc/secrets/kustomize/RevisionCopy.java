package io.smc.secrets.kustomize;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A private temporary copy of a revision, where generator inputs are decrypted and kustomize runs, so plaintext is
 * never written into the revision itself. Symbolic links that leave the revision (or lead nowhere) are not copied:
 * kustomize then finds the file missing instead of reading something outside the source. Links within the
 * revision are kept: a link to a file becomes a copy of it, a link to a directory a link to its copy. Closing deletes
 * the copy.
 */
final class RevisionCopy implements AutoCloseable {
    /** Version control data is never input to a build and can be large. */
    private static final String GIT_DIR = ".git";

    private final Path root;

    private RevisionCopy(Path root) {
        this.root = root;
    }

    /**
     * Copies the revision at {@code revision} into a new directory under {@code workDirectory} (the system's
     * temporary directory when null), readable by this user only.
     */
    static RevisionCopy of(Path revision, Path workDirectory) throws IOException {
        Path source = revision.toRealPath();
        Path target = workDirectory == null
                ? Files.createTempDirectory("smc-kustomize-")
                : Files.createTempDirectory(workDirectory, "smc-kustomize-");
        RevisionCopy copy = new RevisionCopy(target.toRealPath());
        try {
            copy.copyFrom(source);
        } catch (IOException | RuntimeException e) {
            copy.close();
            throw e;
        }
        return copy;
    }

    /** The copy's root, a real path. */
    Path root() {
        return root;
    }

    private void copyFrom(Path source) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source) && dir.getFileName().toString().equals(GIT_DIR)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, target(file));
                } else if (attrs.isSymbolicLink()) {
                    copyLink(file);
                }
                return FileVisitResult.CONTINUE; // devices, pipes and sockets are no input to a build
            }

            private void copyLink(Path link) throws IOException {
                Path real;
                try {
                    real = link.toRealPath();
                } catch (IOException e) {
                    return; // broken
                }
                if (!real.startsWith(source)) {
                    return;
                }
                Path copied = target(link);
                if (Files.isDirectory(real)) {
                    Path inCopy = root.resolve(source.relativize(real).toString());
                    Files.createSymbolicLink(copied, copied.getParent().relativize(inCopy));
                } else if (Files.isRegularFile(real)) {
                    Files.copy(real, copied);
                }
            }

            private Path target(Path path) {
                return root.resolve(source.relativize(path).toString());
            }
        });
    }

    /** Deletes the copy; links are deleted, never followed. */
    @Override
    public void close() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
