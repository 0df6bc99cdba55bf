package io.smc.provider.gcp.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.ErrorInfo;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The REST transport: the HTTP/JSON binding of the v1 API on the address given (a loopback port in tests), bodies
 * in protobuf JSON, errors as Google JSON errors with the HTTP status of their code.
 */
final class RestFrontEnd implements AutoCloseable {
    private static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
    // System parameters any Google API takes besides the request's own fields.
    private static final Set<String> SYSTEM_PARAMETERS = Set.of("alt", "prettyPrint", "fields", "key",
            "quotaUser", "accessToken", "callback", "uploadType", "uploadProtocol");
    private static final TypeRegistry DETAILS = TypeRegistry.newBuilder().add(ErrorInfo.getDescriptor()).build();

    private final ObjectMapper mapper = new ObjectMapper();
    private final Dispatcher dispatcher;
    private final CallLog log;
    private final HttpServer server;
    private final ExecutorService threads;

    private RestFrontEnd(Dispatcher dispatcher, CallLog log, InetSocketAddress address) throws IOException {
        this.dispatcher = dispatcher;
        this.log = log;
        server = HttpServer.create(address, 0);
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-secret-manager-rest");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    static RestFrontEnd start(Dispatcher dispatcher, CallLog log, InetSocketAddress address) {
        try {
            RestFrontEnd frontEnd = new RestFrontEnd(dispatcher, log, address);
            frontEnd.server.start();
            return frontEnd;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Secret Manager REST server", e);
        }
    }

    /** {@code http://localhost:port}: the scheme must be given, or the REST client assumes https. */
    String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String override = exchange.getRequestHeaders().getFirst(METHOD_OVERRIDE);
            // The Java REST client sends PATCH as POST with this header, since HttpURLConnection cannot PATCH.
            String effective = method.equals("POST") && override != null ? override.toUpperCase(Locale.ROOT)
                    : method;
            String path = exchange.getRequestURI().getPath();
            Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            for (RestRoute<?, ?> route : RestRoutes.ALL) {
                String name = route.match(effective, path);
                if (name != null) {
                    log.seen(seen(exchange, route.rpc().name()));
                    serve(exchange, route, new RestRequest(name, query, body));
                    return;
                }
            }
            log.seen(seen(exchange, null));
            sendError(exchange, query, RpcError.notFound("The requested URL " + path
                    + " was not found on this server (no " + effective + " binding of Secret Manager v1)."));
        }
    }

    private <Q extends Message, R extends Message> void serve(HttpExchange exchange, RestRoute<Q, R> route,
            RestRequest call) throws IOException {
        R response;
        try {
            response = dispatcher.call(route.rpc(), () -> {
                checkParameters(route, call);
                return route.reader().apply(call);
            });
        } catch (RpcError error) {
            sendError(exchange, call.query(), error);
            return;
        }
        send(exchange, 200, printer(call.query()).print(response));
    }

    /** An unknown query parameter is an error in Google APIs, which catches clients that misname one. */
    private static void checkParameters(RestRoute<?, ?> route, RestRequest call) {
        for (String parameter : call.query().keySet()) {
            if (!route.parameters().contains(parameter) && !parameter.startsWith("$")
                    && !SYSTEM_PARAMETERS.contains(parameter)) {
                throw RpcError.invalidArgument("Invalid JSON payload received. Unknown name \"" + parameter
                        + "\": Cannot bind query parameter. Field '" + parameter
                        + "' could not be found in request message.");
            }
        }
    }

    private void sendError(HttpExchange exchange, Map<String, List<String>> query, RpcError error)
            throws IOException {
        int status = HttpStatuses.of(error.code());
        ObjectNode body = mapper.createObjectNode();
        ObjectNode details = body.putObject("error")
                .put("code", status)
                .put("message", error.getMessage())
                .put("status", error.code().name());
        if (error.info().isPresent()) {
            String detail = JsonFormat.printer().usingTypeRegistry(DETAILS).print(Any.pack(error.info().get()));
            details.putArray("details").add(mapper.readTree(detail));
        }
        send(exchange, status, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The REST client asks for enums as numbers ({@code $alt=json;enum-encoding=int}); others get names. */
    private static JsonFormat.Printer printer(Map<String, List<String>> query) {
        boolean enumsAsInts = query.getOrDefault("$alt", List.of()).stream()
                .anyMatch(alt -> alt.contains("enum-encoding=int"));
        return enumsAsInts ? JsonFormat.printer().printingEnumsAsInts() : JsonFormat.printer();
    }

    /** Query parameters by lowerCamelCase name, as the binding accepts both {@code page_size} and {@code pageSize}. */
    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(lowerCamel(name), key -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String lowerCamel(String name) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static SeenRequest seen(HttpExchange exchange, String method) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                List.copyOf(values)));
        String query = exchange.getRequestURI().getRawQuery();
        return new SeenRequest(Protocol.REST, method, exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query), headers);
    }
}
