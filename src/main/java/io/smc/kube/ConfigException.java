package io.smc.kube;

/**
 * A kubeconfig, in-cluster environment or credential plugin that cannot be used. The message names the file and
 * field (or the plugin and a summary of its error output), never a token or key.
 */
public final class ConfigException extends KubeException {
    public ConfigException(String message) {
        super(message, null);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
