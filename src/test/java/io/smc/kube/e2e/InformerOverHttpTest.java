package io.smc.kube.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ClusterConnection;
import io.smc.kube.CredentialSource;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.Failure;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.WatchFault;
import io.smc.kube.http.ClientOptions;
import io.smc.kube.http.HttpKubeClient;
import io.smc.kube.informer.Informer;
import io.smc.kube.testing.Eventually;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The informer on the real HTTP client against the fake API server, through the faults a real watch meets: clean
 * closes, streams cut mid-line, 410 on open and as an ERROR event, failing requests — with the state changing
 * all along. Its cache must end as the server's.
 */
class InformerOverHttpTest {
    private static final ResourceType CONFIG_MAPS = new ResourceType("", "v1", "configmaps", "ConfigMap", true);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeApiServer server;
    private HttpKubeClient client;
    private Informer informer;

    @BeforeEach
    void start() {
        server = FakeApiServer.start();
        client = HttpKubeClient.create(new ClusterConnection(server.uri(), null, null, CredentialSource.NONE,
                "default", "fake"), ClientOptions.defaults().withRateLimit(1000, 1000));
        informer = Informer.builder(client, CONFIG_MAPS).namespace("apps")
                .backoff(Duration.ofMillis(5), Duration.ofMillis(50)).random(new Random(7)).log(line -> { }).build();
    }

    @AfterEach
    void stop() {
        informer.stop();
        client.close();
        server.close();
    }

    private ObjectNode configMap(String name, int value) {
        ObjectNode map = JSON.createObjectNode();
        map.putObject("metadata").put("name", name).put("namespace", "apps");
        map.putObject("data").put("value", Integer.toString(value));
        return map;
    }

    private Map<String, String> serverState() {
        Map<String, String> state = new TreeMap<>();
        server.objects(CONFIG_MAPS, "apps").forEach(o -> state.put(o.at("/metadata/name").asText(),
                o.at("/metadata/resourceVersion").asText()));
        return state;
    }

    private Map<String, String> cacheState() {
        Map<String, String> state = new TreeMap<>();
        informer.list().forEach(o -> state.put(o.at("/metadata/name").asText(),
                o.at("/metadata/resourceVersion").asText()));
        return state;
    }

    @Test
    void cacheEndsAsTheServerAfterThirtyFaultsWhileObjectsChange() throws Exception {
        for (int i = 0; i < 5; i++) {
            client.create(CONFIG_MAPS, "apps", configMap("cm-" + i, 0));
        }
        informer.start();
        Eventually.await("first sync", informer::hasSynced);
        Random random = new Random(42);
        for (int fault = 0; fault < 30; fault++) {
            String name = "cm-" + random.nextInt(8);
            var existing = server.object(CONFIG_MAPS, "apps", name);
            if (existing.isEmpty()) {
                client.create(CONFIG_MAPS, "apps", configMap(name, fault));
            } else if (random.nextBoolean()) {
                ObjectNode changed = existing.get().deepCopy();
                ((ObjectNode) changed.get("data")).put("value", Integer.toString(fault));
                client.update(CONFIG_MAPS, "apps", changed);
            } else {
                client.delete(CONFIG_MAPS, "apps", name, io.smc.kube.DeleteOptions.NONE);
            }
            switch (random.nextInt(5)) {
                case 0 -> server.closeWatches();
                case 1 -> {
                    server.compact();
                    server.expireWatches();
                }
                case 2 -> {
                    server.nextWatch(WatchFault.closeMidLine(0));
                    server.closeWatches();
                }
                case 3 -> {
                    server.failNext(1, Failure.status(500, "InternalError", "injected"),
                            request -> request.method().equals("GET"));
                    server.closeWatches();
                }
                default -> server.bookmark();
            }
        }

        Eventually.await("cache equal to the server", () -> cacheState().equals(serverState()),
                () -> "cache " + cacheState() + " server " + serverState());
        assertEquals(serverState(), cacheState());
    }
}
