package io.smc.provider.gcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.ComputeEngineCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Application Default Credentials as on GKE: the library's real {@code ComputeEngineCredentials} asking a metadata
 * server, here a loopback fake that the HTTP transport is pointed at instead of {@code metadata.google.internal}.
 */
class MetadataServerTest {
    private static final URI ANY_URI = URI.create("https://secretmanager.googleapis.com/");
    private static final String TOKEN_PATH = "/computeMetadata/v1/instance/service-accounts/default/token";

    private final HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile int status = 200;
    private volatile String body;

    MetadataServerTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theMetadataServersTokenForTheCloudPlatformScopeIsUsed() throws Exception {
        String token = "ya29.gke-" + UUID.randomUUID();
        body = "{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}";

        GoogleCredentials credentials = factory().create(GcpIdentity.applicationDefault());

        LeakCheck.assertBearer(token, credentials.getRequestMetadata(ANY_URI));
        assertEquals(List.of("GET " + TOKEN_PATH + "?scopes=" + FakeGoogleAuth.CLOUD_PLATFORM + " (Metadata-Flavor: "
                + "Google)"), requests);
        LeakCheck.assertClean("toString", credentials.toString(), List.of(token));
    }

    @Test
    void aRefusalByTheMetadataServerPointsAtTheWorkloadIdentityBinding() throws Exception {
        status = 403;
        String iamText = "Unable to generate access token; IAM returned 403 Forbidden: Permission "
                + "'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist). canary-4f1e9b";
        body = iamText;

        GoogleCredentials credentials = factory().create(GcpIdentity.applicationDefault());
        GcpAuthException e = assertThrows(GcpAuthException.class, () -> credentials.getRequestMetadata(ANY_URI));

        assertEquals("Application Default Credentials: no access token: the metadata server answered HTTP 403 (on "
                + "GKE, check the Workload Identity binding: the Google service account named by the Kubernetes "
                + "service account's iam.gke.io/gcp-service-account annotation must grant it "
                + "roles/iam.workloadIdentityUser)", e.getMessage());
        LeakCheck.assertClean(e, List.of("canary-4f1e9b"));
    }

    private GcpCredentialsFactory factory() {
        int port = server.getAddress().getPort();
        // Every request the transport makes goes to the fake, whatever host the library names.
        NetHttpTransport toFake = new NetHttpTransport.Builder()
                .setConnectionFactory(url -> (HttpURLConnection) new URL("http", "127.0.0.1", port, url.getFile())
                        .openConnection())
                .build();
        ComputeEngineCredentials onGke = ComputeEngineCredentials.newBuilder()
                .setHttpTransportFactory(() -> toFake)
                .build();
        return new GcpCredentialsFactory(() -> Optional.of(onGke), AuthEndpoints.google());
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " (Metadata-Flavor: "
                + exchange.getRequestHeaders().getFirst("Metadata-Flavor") + ")");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
