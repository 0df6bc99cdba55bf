package io.smc.http;

import java.util.Properties;

/**
 * Turns Nagle's algorithm off for the JDK's HTTP server, as Go's net/http (the kubelet's and Prometheus' side) does
 * for every connection. The server writes an answer's headers and its body separately; with Nagle on, the body waits
 * for the client to acknowledge the headers, and a client on a kept-alive connection delays that acknowledgement by
 * up to 40 ms. So every probe and scrape answered on a reused connection came ~40 ms late, readiness included.
 *
 * <p>Like {@link RequestTimeouts}, the JDK reads this once, when its server is first loaded, so it is set before the
 * first server is created and holds for every {@code com.sun.net.httpserver} server in the process; an operator's
 * {@code -D} is left alone.
 */
final class TcpNoDelay {
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private TcpNoDelay() {
    }

    static void applyDefault(Properties properties) {
        properties.putIfAbsent(NO_DELAY, "true");
    }
}
