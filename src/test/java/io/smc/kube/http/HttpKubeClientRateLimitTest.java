package io.smc.kube.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smc.kube.KubeException;
import io.smc.kube.ListOptions;
import io.smc.kube.ResourceType;
import io.smc.kube.WatchOptions;
import io.smc.kube.WatchStream;
import io.smc.kube.fake.Failure;
import io.smc.kube.fake.FakeApiServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpKubeClientRateLimitTest {
    private final FakeTime time = new FakeTime();
    private FakeApiServer server;
    private HttpKubeClient client;

    @BeforeEach
    void start() {
        server = FakeApiServer.start();
        client = HttpKubeClient.create(Clients.connection(server, new StubCredentials("t")),
                Clients.options(time).withRateLimit(1, 1));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void everyCallAndEveryWatchOpenedTakesOneToken() throws KubeException {
        client.list(ResourceType.SECRETS, "apps", ListOptions.ALL);
        WatchStream watch = client.watch(ResourceType.SECRETS, "apps", new WatchOptions(null, null, null, false, 30));
        watch.close();
        client.list(ResourceType.SECRETS, "apps", ListOptions.ALL);

        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), time.sleeps());
    }

    @Test
    void aRetryTakesATokenLikeAnyRequest() throws KubeException {
        server.failNext(1, Failure.tooManyRequests(2));

        client.list(ResourceType.SECRETS, "apps", ListOptions.ALL);

        // Retry-After 2 s, after which the bucket has refilled: no further wait.
        assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
        server.failNext(1, Failure.unauthorized());
        client.list(ResourceType.SECRETS, "apps", ListOptions.ALL);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)), time.sleeps());
    }
}
