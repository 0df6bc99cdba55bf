package io.smc.provider.gcp;

import io.smc.provider.SecretStore;
import io.smc.provider.SecretStoreContract;
import io.smc.provider.gcp.fake.FakeSecretManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The store contract, run against Secret Manager over both transports (the local store runs it too). */
class GcpSecretStoreContractTest {
    private static FakeSecretManager fake;
    private static int projects;

    @BeforeAll
    static void startFake() throws Exception {
        fake = FakeSecretManager.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    /** A fresh project per test, so every test starts from an empty store. */
    abstract static class OverTransport extends SecretStoreContract {
        private FakeBackedStore backed;

        abstract GcpTransport transport();

        @Override
        protected SecretStore newStore() {
            String project = "contract-" + transport().name().toLowerCase() + "-" + (++projects);
            fake.addProject(project);
            backed = new FakeBackedStore(fake, transport(), project, null, ProviderMetrics.NONE);
            return backed.store;
        }

        @AfterEach
        void closeClient() {
            backed.close();
        }
    }

    @Nested
    class Grpc extends OverTransport {
        @Override
        GcpTransport transport() {
            return GcpTransport.GRPC;
        }
    }

    @Nested
    class Rest extends OverTransport {
        @Override
        GcpTransport transport() {
            return GcpTransport.REST;
        }
    }
}
