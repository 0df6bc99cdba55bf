package io.smc.source.argocd;

import io.smc.kube.ClusterConnection;
import io.smc.kube.CredentialSource;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.http.ClientOptions;
import io.smc.kube.http.HttpKubeClient;
import java.time.Duration;

/** A fake API server and a real HTTP client of it. */
final class FakeCluster implements AutoCloseable {
    final FakeApiServer server = FakeApiServer.start();
    final HttpKubeClient client = HttpKubeClient.create(
            new ClusterConnection(server.uri(), null, null, CredentialSource.NONE, "default", "fake API server"),
            ClientOptions.defaults().withRateLimit(1000, 1000).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)));

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
