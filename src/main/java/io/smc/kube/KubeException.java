package io.smc.kube;

/**
 * A failed call to the API server, or a configuration that cannot reach one. Messages name the resource, verb and
 * namespace, never object contents. Subclasses: {@link ApiException} (the server answered with an error status),
 * {@link TransportException} (no usable answer: I/O, timeout, TLS), {@link ConfigException} (kubeconfig or
 * credentials unusable).
 */
public abstract sealed class KubeException extends Exception
        permits ApiException, TransportException, ConfigException {
    protected KubeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same call may succeed later without any change on our side. */
    public abstract boolean retryable();
}
