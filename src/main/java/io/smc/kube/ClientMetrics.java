package io.smc.kube;

import java.time.Duration;

/**
 * Where the client reports each request, for controller-runtime's {@code rest_client_requests_total{code,method,host}}
 * and {@code rest_client_request_duration_seconds{verb,host}}.
 */
public interface ClientMetrics {
    ClientMetrics NONE = (method, verb, host, code, elapsed) -> { };

    /**
     * @param method the HTTP method
     * @param verb   the Kubernetes verb (get, list, watch, create, update, patch, delete)
     * @param code   the HTTP status, or {@code "<error>"} when no answer came
     */
    void request(String method, String verb, String host, String code, Duration elapsed);
}
