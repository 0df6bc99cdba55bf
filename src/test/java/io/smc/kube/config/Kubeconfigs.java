package io.smc.kube.config;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kubeconfig files for tests, written from maps so each test states only the fields it is about. */
final class Kubeconfigs {
    private static final YAMLMapper YAML = new YAMLMapper();

    private Kubeconfigs() {
    }

    /** A mapping that keeps the order it was given: {@code map("server", url, "tls-server-name", name)}. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** One context {@code test}, current, joining cluster {@code test} and user {@code tester}. */
    static Map<String, Object> single(Map<String, Object> cluster, Map<String, Object> user) {
        return map(
                "apiVersion", "v1",
                "kind", "Config",
                "current-context", "test",
                "clusters", List.of(map("name", "test", "cluster", cluster)),
                "users", List.of(map("name", "tester", "user", user)),
                "contexts", List.of(map("name", "test", "context", map("cluster", "test", "user", "tester"))));
    }

    static Path write(Path file, Object config) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, YAML.writeValueAsString(config));
        return file;
    }
}
