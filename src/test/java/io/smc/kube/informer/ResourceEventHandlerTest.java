package io.smc.kube.informer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceEventHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void changesNameEachEventAsKubectlWatchDoesWithTheObjectAsItNowIs() {
        List<String> seen = new ArrayList<>();
        ResourceEventHandler handler = ResourceEventHandler.changes((change, object) ->
                seen.add(change + " " + object.path("metadata").path("resourceVersion").asText()));

        handler.onAdd(object("1"));
        handler.onUpdate(object("1"), object("2"));
        handler.onDelete(object("2"));

        assertEquals(List.of("ADDED 1", "MODIFIED 2", "DELETED 2"), seen);
    }

    private static ObjectNode object(String resourceVersion) {
        ObjectNode object = JSON.createObjectNode();
        object.putObject("metadata").put("name", "a").put("resourceVersion", resourceVersion);
        return object;
    }
}
