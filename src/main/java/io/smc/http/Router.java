package io.smc.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.smc.log.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The one handler of a server: exact paths to resources, 404 for any other path, 405 for methods other than GET and
 * HEAD, 500 for a resource that fails, and HEAD answered with GET's status and headers but no body.
 */
final class Router implements HttpHandler {
    private static final Log LOG = Log.of(Router.class);
    private static final String ALLOWED = "GET, HEAD";

    private final Map<String, Resource> resources;
    private final BooleanSupplier shedding;

    /** @param shedding true on a thread that only turns requests away, because the workers' queue is full */
    Router(Map<String, Resource> resources, BooleanSupplier shedding) {
        this.resources = Map.copyOf(resources);
        this.shedding = shedding;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            send(exchange, reply(exchange));
        } catch (IOException e) {
            // The client went away or ran out of time mid-answer: there is no one left to tell.
        } finally {
            exchange.close();
        }
    }

    private Reply reply(HttpExchange exchange) {
        if (shedding.getAsBoolean()) {
            return Reply.text(503, "too many requests in flight\n");
        }
        // Matched exactly: the JDK's contexts match by prefix, which would serve /metricsfoo and /healthz/x.
        String path = exchange.getRequestURI().getPath();
        Resource resource = path == null ? null : resources.get(path);
        if (resource == null) {
            return Reply.text(404, "not found\n");
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new Reply(405, Reply.TEXT, "method not allowed\n".getBytes(StandardCharsets.UTF_8),
                    Map.of("Allow", ALLOWED));
        }
        try {
            return resource.get();
        } catch (IOException | RuntimeException | Error e) {
            // An Error too: the probe port must keep answering whatever one resource does. The exception's text may
            // quote something it should not, so only its type is logged and nothing of it is served.
            LOG.warn("request failed", "path", path, "error", e.getClass().getName());
            return Reply.text(500, "internal error\n");
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", reply.contentType());
        reply.headers().forEach(headers::set);
        byte[] body = reply.body();
        // The JDK decides "HEAD" ignoring case, so this must too, or a body would be written where none may go.
        if (exchange.getRequestMethod().equalsIgnoreCase("HEAD")) {
            // The JDK sends no length for HEAD itself; GET's is the one HEAD must show.
            headers.set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        // 0 would mean "chunked" to the JDK; -1 means "no body".
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }
}
