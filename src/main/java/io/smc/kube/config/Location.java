package io.smc.kube.config;

import io.smc.kube.ConfigException;
import java.nio.file.Path;

/**
 * Where a value sits: a file and, inside a kubeconfig, the field path ({@code users[1].user.client-key-data}), so
 * every error says which line of which file to fix without quoting the value.
 */
record Location(Path file, String path) {
    static Location of(Path file) {
        return new Location(file, "");
    }

    Location field(String name) {
        return new Location(file, path.isEmpty() ? name : path + "." + name);
    }

    Location index(int index) {
        return new Location(file, path + "[" + index + "]");
    }

    /** This field, noting the file it refers to ({@code client-key (/home/me/key.pem)}). */
    Location referring(Path referenced) {
        return new Location(file, path + " (" + referenced + ")");
    }

    ConfigException problem(String message) {
        return new ConfigException(this + ": " + message);
    }

    ConfigException problem(String message, Throwable cause) {
        return new ConfigException(this + ": " + message, cause);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? String.valueOf(file) : file + ": " + path;
    }
}
