package io.smc.http;

import java.util.Properties;

/**
 * Bounds on how long one exchange may hold a worker of the JDK's HTTP server. Its defaults are "forever": a client
 * that opens a connection and trickles its request (or never reads the answer) would hold one of a server's few
 * threads for as long as it likes, and the probes behind it would time out.
 *
 * <p>The JDK reads these system properties once, when its server implementation is first loaded, so they are set
 * before the first server is created, and they then hold for every {@code com.sun.net.httpserver} server in the
 * process. A value already set (an operator's {@code -D}) is left alone.
 */
final class RequestTimeouts {
    /** Seconds from the first byte of a request to its last: a probe or scrape request is a few hundred bytes. */
    static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    /** Seconds from the end of a request to the end of its answer: rendering plus the client reading it. */
    static final String MAX_RESPONSE_TIME = "sun.net.httpserver.maxRspTime";
    static final String REQUEST_SECONDS = "10";
    // Above Prometheus' longest usual scrape timeout, so a slow but live scrape is never cut off by us first.
    static final String RESPONSE_SECONDS = "30";

    private RequestTimeouts() {
    }

    static void applyDefaults(Properties properties) {
        properties.putIfAbsent(MAX_REQUEST_TIME, REQUEST_SECONDS);
        properties.putIfAbsent(MAX_RESPONSE_TIME, RESPONSE_SECONDS);
    }
}
