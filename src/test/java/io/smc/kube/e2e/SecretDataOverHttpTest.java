package io.smc.kube.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.ApiException;
import io.smc.kube.ResourceType;
import io.smc.kube.SecretData;
import io.smc.kube.fake.Failure;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.http.HttpKubeClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One Secret read with a GET, as reconciles read keys and credentials: decoded, and never printed. */
class SecretDataOverHttpTest {
    private final FakeApiServer server = FakeApiServer.start();
    private final HttpKubeClient client = server.client();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void decodesTheDataAndNamesEntriesThatAreNotBase64WithoutPrintingValues() throws Exception {
        server.seed(ResourceType.SECRETS, """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"namespace": "team-a", "name": "keys"},
                 "data": {"identity.agekey": "c2VjcmV0LXZhbHVl", "broken": "%%%", "empty": ""}}""");

        SecretData secret = SecretData.get(client, "team-a", "keys").orElseThrow();

        assertArrayEquals("secret-value".getBytes(StandardCharsets.UTF_8), secret.entry("identity.agekey")
                .orElseThrow());
        assertEquals(List.of("broken"), secret.undecodable());
        assertTrue(secret.entry("empty").isEmpty());
        assertTrue(secret.entry("missing").isEmpty());
        assertFalse(secret.toString().contains("secret-value"), secret.toString());
        assertEquals(server.object(ResourceType.SECRETS, "team-a", "keys").orElseThrow().path("metadata")
                .path("resourceVersion").asText(), secret.resourceVersion());
    }

    @Test
    void aMissingSecretIsEmptyAndAForbiddenOneAnError() throws Exception {
        assertTrue(SecretData.get(client, "team-a", "absent").isEmpty());

        server.failNext(1, Failure.forbidden("secrets \"keys\" is forbidden"));
        ApiException error = assertThrows(ApiException.class, () -> SecretData.get(client, "team-a", "keys"));
        assertEquals(ApiException.Reason.FORBIDDEN, error.reason());
    }
}
