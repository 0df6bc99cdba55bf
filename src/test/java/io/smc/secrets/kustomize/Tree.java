package io.smc.secrets.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes files of a revision for tests. */
final class Tree {
    private final Path root;

    private Tree(Path root) {
        this.root = root;
    }

    static Tree at(Path root) {
        return new Tree(root);
    }

    Tree file(String path, String content) {
        return bytes(path, content.getBytes(StandardCharsets.UTF_8));
    }

    Tree bytes(String path, byte[] content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Tree link(String path, Path target) {
        try {
            Path link = root.resolve(path);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    static String secret(String name, String body) {
        return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\n" + body;
    }
}
