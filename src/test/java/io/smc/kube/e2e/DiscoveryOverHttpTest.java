package io.smc.kube.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.ApiException;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.Failure;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.http.HttpKubeClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code serves} asks discovery whether an optional kind (a CRD) is installed, as the controller does for Flux. */
class DiscoveryOverHttpTest {
    private static final ResourceType GIT_REPOSITORIES = new ResourceType("source.toolkit.fluxcd.io", "v1",
            "gitrepositories", "GitRepository", true);
    private static final ResourceType BUCKETS = new ResourceType("source.toolkit.fluxcd.io", "v1", "buckets",
            "Bucket", true);

    private final FakeApiServer server = FakeApiServer.start();
    private final HttpKubeClient client = server.client();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void anUnknownGroupVersionIsNotServed() throws Exception {
        assertFalse(client.serves(GIT_REPOSITORIES));
        assertEquals("GET /apis/source.toolkit.fluxcd.io/v1", server.actions().get(0));
    }

    @Test
    void aKindIsServedOnlyWhenItsGroupVersionListsIt() throws Exception {
        server.serve(GIT_REPOSITORIES);
        assertTrue(client.serves(GIT_REPOSITORIES));
        assertFalse(client.serves(BUCKETS));
    }

    @Test
    void aKindTakenOutOfDiscoveryIsNoLongerServed() throws Exception {
        server.serve(GIT_REPOSITORIES, BUCKETS);
        server.unserve(GIT_REPOSITORIES);
        assertFalse(client.serves(GIT_REPOSITORIES));
        assertTrue(client.serves(BUCKETS));
    }

    @Test
    void coreKindsAreDiscoveredUnderApiV1() throws Exception {
        server.serve(ResourceType.SECRETS);
        assertTrue(client.serves(ResourceType.SECRETS));
        assertEquals("GET /api/v1", server.actions().get(0));
    }

    @Test
    void aForbiddenDiscoveryIsAnErrorNotAnAbsentKind() {
        server.failNext(1, Failure.status(403, "Forbidden", "discovery is forbidden"));
        ApiException error = assertThrows(ApiException.class, () -> client.serves(GIT_REPOSITORIES));
        assertEquals(ApiException.Reason.FORBIDDEN, error.reason());
    }
}
