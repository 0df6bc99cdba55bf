package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceIndexTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode config(String sourceRefJson) throws Exception {
        ObjectNode config = JSON.createObjectNode();
        config.putObject("metadata").put("namespace", "team-a").put("name", "app");
        config.putObject("spec").set("sourceRef", JSON.readTree(sourceRefJson));
        return config;
    }

    @Test
    void indexesTheSourceWithTheApiDefaults() throws Exception {
        assertEquals(List.of("GitRepository/team-a/repo"), SourceIndex.of(config("{\"name\":\"repo\"}")));
        assertEquals(List.of("Bucket/flux-system/b"),
                SourceIndex.of(config("{\"kind\":\"Bucket\",\"name\":\"b\",\"namespace\":\"flux-system\"}")));
        assertEquals(List.of("Application/argocd/app"),
                SourceIndex.of(config("{\"kind\":\"Application\",\"name\":\"app\",\"namespace\":\"argocd\"}")));
        assertEquals(List.of(), SourceIndex.of(config("{}")));
    }

    @Test
    void sourceEventsQueueTheConfigsReadingTheSourceOnlyWhenItsStatusChanges() {
        List<String> queued = new ArrayList<>();
        Map<String, List<String>> readers = Map.of("OCIRepository/flux-system/repo", List.of("a/one", "b/two"));
        SourceEvents events = new SourceEvents("OCIRepository", key -> readers.getOrDefault(key, List.of()),
                queued::add);
        ObjectNode source = JSON.createObjectNode();
        source.putObject("metadata").put("namespace", "flux-system").put("name", "repo").put("resourceVersion", "1");
        source.putObject("status").putObject("artifact").put("revision", "main@sha1:aaa");
        ObjectNode specOnly = source.deepCopy();
        specOnly.withObjectProperty("metadata").put("resourceVersion", "2");
        ObjectNode newRevision = source.deepCopy();
        newRevision.withObjectProperty("status").withObjectProperty("artifact").put("revision", "main@sha1:bbb");

        events.onAdd(source);
        events.onUpdate(source, specOnly);
        events.onUpdate(specOnly, newRevision);
        events.onDelete(newRevision);
        assertEquals(List.of("a/one", "b/two", "a/one", "b/two", "a/one", "b/two"), queued);
    }

    @Test
    void trimmingKeepsWhatReconcilesRead() throws Exception {
        ObjectNode source = (ObjectNode) JSON.readTree("""
                {"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"GitRepository",
                 "metadata":{"name":"r","namespace":"n","resourceVersion":"5","managedFields":[{"manager":"x"}],
                   "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},
                 "spec":{"url":"https://example.com/repo.git"},"status":{"artifact":{"revision":"r1"}}}""");
        ObjectNode trimmed = ObjectTrimming.source(source);
        assertEquals(JSON.readTree("""
                {"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"GitRepository",
                 "metadata":{"name":"r","namespace":"n","resourceVersion":"5"},
                 "status":{"artifact":{"revision":"r1"}}}"""), trimmed);

        ObjectNode config = (ObjectNode) JSON.readTree("""
                {"metadata":{"name":"c","managedFields":[{}],"annotations":{"a":"b",
                 "kubectl.kubernetes.io/last-applied-configuration":"{}"}},"spec":{"x":1}}""");
        assertEquals(JSON.readTree("{\"metadata\":{\"name\":\"c\",\"annotations\":{\"a\":\"b\"}},\"spec\":{\"x\":1}}"),
                ObjectTrimming.config(config));
    }
}
