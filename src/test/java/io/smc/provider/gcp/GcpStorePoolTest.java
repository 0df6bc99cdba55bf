package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.provider.NewSecret;
import io.smc.provider.StoreException;
import io.smc.provider.gcp.auth.AuthEndpoints;
import io.smc.provider.gcp.auth.GcpCredentialsFactory;
import io.smc.provider.gcp.auth.GcpIdentity;
import io.smc.provider.gcp.fake.FakeSecretManager;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GcpStorePoolTest {
    private static FakeSecretManager fake;
    /** No Application Default Credentials anywhere: a pool that needs them must say so. */
    private static final GcpCredentialsFactory NO_ADC = new GcpCredentialsFactory(Optional::empty,
            AuthEndpoints.google());

    @BeforeAll
    static void startFake() {
        fake = FakeSecretManager.start("pool-a", "pool-b");
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    private static GcpStorePool pool() {
        return new GcpStorePool(NO_ADC, QuotaSettings.defaults(), RetryPolicy.defaults(), ProviderMetrics.NONE,
                Duration.ofMinutes(5));
    }

    private static GcpStorePool.Key key(String project, GcpIdentity identity) {
        return new GcpStorePool.Key(project, null, GcpTransport.GRPC, new GcpEndpoint(fake.target(), true), identity);
    }

    @Test
    void configsWithTheSameProjectEndpointAndIdentityShareOneClient() throws Exception {
        GcpIdentity other = GcpIdentity.serviceAccountKey(new byte[] {1}, "test");
        try (GcpStorePool pool = pool();
                GcpStorePool.Lease first = pool.acquire(key("pool-a", GcpIdentity.applicationDefault()));
                GcpStorePool.Lease second = pool.acquire(key("pool-a", GcpIdentity.applicationDefault()));
                GcpStorePool.Lease third = pool.acquire(key("pool-a", other));
                GcpStorePool.Lease fourth = pool.acquire(key("pool-b", GcpIdentity.applicationDefault()))) {
            assertSame(first.client().client(), second.client().client());
            assertNotSame(first.client().client(), third.client().client(), "another identity, another client");
            assertNotSame(first.client().client(), fourth.client().client());
            assertSame(pool.limiter("pool-a"), pool.limiter("pool-a"), "one limiter per project");
            assertNotSame(pool.limiter("pool-a"), pool.limiter("pool-b"));

            first.store().create("pooled", NewSecret.labelled(Map.of()));
            assertTrue(second.store().get("pooled").isPresent());
        }
    }

    @Test
    void closingThePoolClosesItsClients() throws Exception {
        GcpStorePool pool = pool();
        GcpStorePool.Lease lease = pool.acquire(key("pool-a", GcpIdentity.applicationDefault()));
        assertFalse(lease.client().client().isShutdown());

        pool.close();

        assertTrue(lease.client().client().isShutdown());
    }

    @Test
    void missingCredentialsAreAClearRefusalAndNothingIsCached() {
        try (GcpStorePool pool = pool()) {
            GcpStorePool.Key real = new GcpStorePool.Key("pool-a", null, GcpTransport.GRPC,
                    new GcpEndpoint(null, false), GcpIdentity.applicationDefault());

            StoreException e = assertThrows(StoreException.class, () -> pool.acquire(real));

            assertFalse(e.retryable());
            assertTrue(e.getMessage().startsWith("no Application Default Credentials found"), e.getMessage());
            assertThrows(StoreException.class, () -> pool.acquire(real), "a failure is not cached as a client");
        }
    }
}
