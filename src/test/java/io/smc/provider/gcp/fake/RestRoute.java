package io.smc.provider.gcp.fake;

import com.google.protobuf.Message;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP binding of an RPC, from the {@code google.api.http} annotation of service.proto: the method, the path
 * template (with the resource name as its one capture), the query parameters it takes, and how its request message
 * is built from the call.
 */
record RestRoute<Q extends Message, R extends Message>(
        String httpMethod, Pattern path, Rpc<Q, R> rpc, Set<String> parameters, Function<RestRequest, Q> reader) {

    /** The resource name bound from the path, or null when this route does not take the call. */
    String match(String method, String requestPath) {
        if (!httpMethod.equals(method)) {
            return null;
        }
        Matcher matcher = path.matcher(requestPath);
        return matcher.matches() ? matcher.group(1) : null;
    }
}
