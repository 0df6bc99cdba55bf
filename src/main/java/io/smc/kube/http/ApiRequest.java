package io.smc.kube.http;

import java.net.URI;
import java.time.Duration;

/**
 * One call as it goes on the wire. Kept apart from {@link java.net.http.HttpRequest} because a retry needs a fresh
 * request with a fresh token.
 *
 * @param target      what the call acts on, for errors and metrics
 * @param method      the HTTP method
 * @param uri         the full URI
 * @param body        the request body, or null
 * @param contentType the body's type, or null without body
 * @param timeout     how long to wait for the answer (for a watch: for its headers)
 */
record ApiRequest(Target target, String method, URI uri, byte[] body, String contentType, Duration timeout) {
}
