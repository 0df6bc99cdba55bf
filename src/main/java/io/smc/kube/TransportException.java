package io.smc.kube;

/** No usable answer from the server: connection refused, reset, TLS failure, timeout, a body that is not JSON. */
public final class TransportException extends KubeException {
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
