package io.smc.reconcile;

import io.smc.api.SecretManagerConfig;
import io.smc.provider.SecretStore;
import io.smc.provider.StoreException;

/** Opens the secret store a config's {@code spec.provider} names, as the reconciling controller reaches it. */
public interface ConfigStores {
    /** An open store, how many calls it takes at once, and what to close after the reconcile. */
    record Opened(SecretStore store, int parallelism, AutoCloseable lease) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            lease.close();
        }
    }

    /**
     * @throws StoreException the provider cannot be reached as configured (credentials Secret missing, a key that
     *                        is not a key); {@link StoreException#retryable()} tells whether waiting helps
     */
    Opened open(SecretManagerConfig config, String namespace) throws StoreException;
}
