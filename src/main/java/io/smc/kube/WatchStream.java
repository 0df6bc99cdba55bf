package io.smc.kube;

import java.util.Optional;

/**
 * An open watch. {@link #next()} blocks until the next event; empty means the server closed the stream cleanly
 * (its timeout, or a restart). Closing it from another thread ends a blocked {@link #next()}.
 */
public interface WatchStream extends AutoCloseable {
    /**
     * The next event, or empty at a clean end of stream.
     *
     * @throws TransportException the stream broke (reset, a line that is not JSON, a read timeout)
     */
    Optional<WatchEvent> next() throws KubeException;

    @Override
    void close();
}
