package io.smc.reconcile;

import io.smc.api.SecretManagerConfig;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.SecretData;
import io.smc.sops.SopsException;
import io.smc.sops.SopsKeys;
import java.util.Objects;

/**
 * The SOPS keys a config decrypts with: the Secret its {@code spec.decryption.secretRef} names in its namespace, else
 * the controller-wide Secret ({@code --decryption-secret NAMESPACE/NAME}), else none. Read with a GET each time they
 * are needed and held in memory only for the reconcile.
 */
public final class DecryptionKeys {
    /** A Secret that holds keys: where it is, and its resourceVersion, so a change of the keys can be told. */
    public record Found(SopsKeys keys, String secret, String resourceVersion) {
        static final Found NONE = new Found(SopsKeys.none(), null, null);
    }

    /** The keys cannot be had: the Secret is missing or holds nothing usable. The message names the Secret. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final KubeApi api;
    private final String controllerNamespace;
    private final String controllerSecret;

    /** @param controllerSecret {@code NAMESPACE/NAME} of the controller-wide keys, or null */
    public DecryptionKeys(KubeApi api, String controllerSecret) {
        this.api = Objects.requireNonNull(api, "api");
        if (controllerSecret == null || controllerSecret.isEmpty()) {
            this.controllerNamespace = null;
            this.controllerSecret = null;
        } else {
            int slash = controllerSecret.indexOf('/');
            if (slash <= 0 || slash == controllerSecret.length() - 1) {
                throw new IllegalArgumentException("the decryption Secret is NAMESPACE/NAME, not '" + controllerSecret
                        + "'");
            }
            this.controllerNamespace = controllerSecret.substring(0, slash);
            this.controllerSecret = controllerSecret.substring(slash + 1);
        }
    }

    /**
     * @throws Unavailable  the Secret named is missing, or none of its entries is a key
     * @throws KubeException the Secret could not be read (forbidden, unreachable)
     */
    public Found of(SecretManagerConfig config, String namespace) throws Unavailable, KubeException {
        if (config.spec().decryption() != null) {
            return read(namespace, config.spec().decryption().secretRef().name());
        }
        if (controllerSecret != null) {
            return read(controllerNamespace, controllerSecret);
        }
        return Found.NONE;
    }

    private Found read(String namespace, String name) throws Unavailable, KubeException {
        String where = "Secret " + namespace + "/" + name;
        SecretData secret = SecretData.get(api, namespace, name)
                .orElseThrow(() -> new Unavailable("the decryption keys' " + where + " does not exist"));
        if (!secret.undecodable().isEmpty()) {
            throw new Unavailable(where + " key '" + secret.undecodable().get(0) + "' is not base64");
        }
        try {
            SopsKeys keys = SopsKeys.fromSecretData(secret.data());
            if (keys.isEmpty()) {
                throw new Unavailable(where + " holds no key: name age identities *.agekey and armored OpenPGP "
                        + "secret keys *.asc");
            }
            return new Found(keys, where, secret.resourceVersion());
        } catch (SopsException e) {
            throw new Unavailable(where + ": " + e.getMessage());
        }
    }
}
