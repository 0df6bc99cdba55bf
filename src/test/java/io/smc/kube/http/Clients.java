package io.smc.kube.http;

import io.smc.kube.ClusterConnection;
import io.smc.kube.CredentialSource;
import io.smc.kube.fake.FakeApiServer;
import java.time.Duration;

/** Clients of a {@link FakeApiServer} for tests: fake time, so rate limiting and retries never really wait. */
final class Clients {
    private Clients() {
    }

    static ClusterConnection connection(FakeApiServer server, CredentialSource credentials) {
        return new ClusterConnection(server.uri(), null, null, credentials, "default", "fake API server");
    }

    static ClientOptions options(FakeTime time) {
        return ClientOptions.defaults()
                .withTime(time, time)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5))
                .withUserAgent("smc-test/1.0");
    }
}
