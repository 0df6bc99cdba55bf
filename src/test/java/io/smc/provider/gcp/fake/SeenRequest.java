package io.smc.provider.gcp.fake;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as it arrived, for tests about what the client sends.
 *
 * @param protocol   the transport it came over
 * @param method     the RPC it was routed to, or null when no RPC matched (REST)
 * @param httpMethod the HTTP method on the wire ({@code POST} for every gRPC call, and for a REST PATCH that the
 *                   client sent as POST with {@code X-HTTP-Method-Override})
 * @param path       the HTTP path, with the query for REST
 * @param headers    headers (REST) or ASCII metadata (gRPC), names in lower case
 */
public record SeenRequest(Protocol protocol, String method, String httpMethod, String path,
        Map<String, List<String>> headers) {

    public SeenRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, by name in any case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> authorization() {
        return header("authorization");
    }
}
