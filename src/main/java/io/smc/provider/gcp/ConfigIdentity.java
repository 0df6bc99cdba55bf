package io.smc.provider.gcp;

import io.smc.api.GcpAuth;
import io.smc.api.KeyReference;
import io.smc.provider.StoreException;
import io.smc.provider.gcp.auth.GcpIdentity;
import java.util.Optional;

/** Who a config's {@code spec.provider.gcp.auth} says the controller is towards Google Cloud. */
public final class ConfigIdentity {
    /** Reads one key of a Secret in the config's namespace; empty when the Secret or the key is missing. */
    @FunctionalInterface
    public interface SecretKeyReader {
        Optional<byte[]> read(String namespace, String name, String key) throws StoreException;
    }

    private ConfigIdentity() {
    }

    /**
     * Application Default Credentials (Workload Identity) unless {@code authType: JsonCredentials} names a service
     * account key in a Secret; either impersonates {@code serviceAccountEmail} when set.
     */
    public static GcpIdentity resolve(GcpAuth auth, String namespace, SecretKeyReader secrets) throws StoreException {
        GcpIdentity identity = GcpIdentity.applicationDefault();
        if (auth != null && auth.authType() == GcpAuth.AuthType.JsonCredentials) {
            KeyReference ref = auth.secretRef();
            if (ref == null) {
                throw StoreException.refused("auth.authType JsonCredentials needs auth.secretRef");
            }
            String where = "Secret " + namespace + "/" + ref.name() + " key '" + ref.key() + "'";
            byte[] key = secrets.read(namespace, ref.name(), ref.key())
                    .orElseThrow(() -> StoreException.refused(where + " does not exist; it should hold a service "
                            + "account key (JSON)"));
            identity = GcpIdentity.serviceAccountKey(key, where);
        }
        if (auth != null && auth.serviceAccountEmail() != null && !auth.serviceAccountEmail().isBlank()) {
            try {
                identity = identity.impersonating(auth.serviceAccountEmail());
            } catch (IllegalArgumentException e) {
                throw StoreException.refused("auth.serviceAccountEmail: " + e.getMessage());
            }
        }
        return identity;
    }
}
