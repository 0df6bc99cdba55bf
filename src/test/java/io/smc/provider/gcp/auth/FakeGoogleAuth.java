package io.smc.provider.gcp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's OAuth token endpoint and IAM Credentials API on loopback, strict about what they accept: the token endpoint
 * verifies the JWT bearer assertion's RS256 signature against the registered public key and its claims; IAM
 * Credentials checks the bearer token, the scope and the lifetime, and grants only the impersonations allowed.
 * Everything refused is recorded with the reason, so a test can tell a wrong request from a refused one.
 */
final class FakeGoogleAuth implements AutoCloseable {
    static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
    /** The library always signs for Google's token endpoint, whatever the key's token_uri says. */
    static final String ASSERTION_AUDIENCE = "https://oauth2.googleapis.com/token";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "fake-google-auth");
        thread.setDaemon(true);
        return thread;
    });
    /** client_email → the public key the token endpoint checks signatures with. */
    private final Map<String, RSAPublicKey> accounts = new ConcurrentHashMap<>();
    /** access token the token endpoint issued → the account it was issued to. */
    private final Map<String, String> issued = new ConcurrentHashMap<>();
    /** account → the latest access token the token endpoint issued to it. */
    private final Map<String, String> latest = new ConcurrentHashMap<>();
    /** impersonated service account → the latest token IAM Credentials issued for it. */
    private final Map<String, String> impersonated = new ConcurrentHashMap<>();
    /** base account → service accounts it may impersonate. */
    private final Map<String, List<String>> tokenCreators = new ConcurrentHashMap<>();
    private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    private final List<String> secretsSeen = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger iamRequests = new AtomicInteger();

    private FakeGoogleAuth() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/token", this::token);
        server.createContext("/v1/projects/-/serviceAccounts/", this::generateAccessToken);
        server.start();
    }

    static FakeGoogleAuth start() {
        try {
            return new FakeGoogleAuth();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token endpoint, as a key's {@code token_uri}. */
    String tokenUri() {
        return "http://localhost:" + server.getAddress().getPort() + "/token";
    }

    /** The IAM Credentials base URL. */
    URI iamCredentials() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** The token endpoint accepts assertions of {@code account} signed by its key. */
    FakeGoogleAuth register(TestServiceAccount account) {
        accounts.put(account.email, account.publicKey());
        return this;
    }

    /** The token endpoint knows {@code account} by another key than the one it signs with: a deleted key. */
    FakeGoogleAuth registerWithOtherKey(TestServiceAccount account) {
        accounts.put(account.email, ReplacedKey.PUBLIC);
        return this;
    }

    /** {@code base} holds the Token Creator role on {@code target}. */
    FakeGoogleAuth grantTokenCreator(TestServiceAccount base, String target) {
        tokenCreators.computeIfAbsent(base.email, b -> Collections.synchronizedList(new ArrayList<>())).add(target);
        return this;
    }

    List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** Every token issued and every assertion received: none may show up in a message. */
    List<String> secretsSeen() {
        return List.copyOf(secretsSeen);
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    int iamRequests() {
        return iamRequests.get();
    }

    /** The token the token endpoint issued to {@code account} (the latest one). */
    String tokenOf(TestServiceAccount account) {
        return Objects.requireNonNull(latest.get(account.email), "no token issued to " + account.email);
    }

    /** The token IAM Credentials issued for {@code target} (the latest one). */
    String impersonatedTokenOf(String target) {
        return Objects.requireNonNull(impersonated.get(target), "no token issued for " + target);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String assertion = form.getOrDefault("assertion", "");
        secretsSeen.add(assertion);
        String refusal = checkAssertion(exchange.getRequestMethod(), form, assertion);
        if (refusal != null) {
            refusals.add("token: " + refusal);
            respond(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
            return;
        }
        String account = claims(assertion).path("iss").asText();
        String token = "ya29.base-" + UUID.randomUUID();
        issued.put(token, account);
        latest.put(account, token);
        secretsSeen.add(token);
        respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
    }

    private String checkAssertion(String method, Map<String, String> form, String assertion) {
        if (!"POST".equals(method)) {
            return "method " + method;
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return "grant_type " + form.get("grant_type");
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return "not a JWS";
        }
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        if (!"RS256".equals(header.path("alg").asText())) {
            return "alg " + header.path("alg");
        }
        RSAPublicKey key = accounts.get(claims.path("iss").asText());
        if (key == null) {
            return "unknown issuer";
        }
        if (!verifies(key, parts)) {
            return "bad signature";
        }
        if (!CLOUD_PLATFORM.equals(claims.path("scope").asText())) {
            return "scope " + claims.path("scope");
        }
        if (!ASSERTION_AUDIENCE.equals(claims.path("aud").asText())) {
            return "aud " + claims.path("aud");
        }
        long lifetime = claims.path("exp").asLong() - claims.path("iat").asLong();
        if (lifetime <= 0 || lifetime > 3600) {
            return "lifetime " + lifetime;
        }
        return null;
    }

    private void generateAccessToken(HttpExchange exchange) throws IOException {
        iamRequests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        String prefix = "/v1/projects/-/serviceAccounts/";
        String suffix = ":generateAccessToken";
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith(suffix)) {
            refusals.add("iam: " + exchange.getRequestMethod() + " " + path);
            respond(exchange, 404, googleError(404, "NOT_FOUND", "no such method"));
            return;
        }
        String target = path.substring(prefix.length(), path.length() - suffix.length());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String caller = authorization == null || !authorization.startsWith("Bearer ") ? null
                : issued.get(authorization.substring("Bearer ".length()));
        if (caller == null) {
            refusals.add("iam: not a token of the token endpoint");
            respond(exchange, 401, googleError(401, "UNAUTHENTICATED", "Request had invalid authentication"));
            return;
        }
        if (!body.path("scope").equals(JSON.createArrayNode().add(CLOUD_PLATFORM))
                || !"3600s".equals(body.path("lifetime").asText())
                || !body.path("delegates").isArray() || !body.path("delegates").isEmpty()) {
            refusals.add("iam: body " + body);
            respond(exchange, 400, googleError(400, "INVALID_ARGUMENT", "bad request"));
            return;
        }
        if (!tokenCreators.getOrDefault(caller, List.of()).contains(target)) {
            refusals.add("iam: " + caller + " may not impersonate " + target);
            respond(exchange, 403, googleError(403, "PERMISSION_DENIED", "Permission 'iam.serviceAccounts"
                    + ".getAccessToken' denied on resource (or it may not exist)."));
            return;
        }
        String token = "ya29.impersonated-" + UUID.randomUUID();
        secretsSeen.add(token);
        impersonated.put(target, token);
        // IAM answers whole seconds, and the library's date format takes nothing finer.
        String expireTime = DateTimeFormatter.ISO_INSTANT.format(Instant.now().plus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS));
        respond(exchange, 200, "{\"accessToken\":\"" + token + "\",\"expireTime\":\"" + expireTime + "\"}");
    }

    /** Made once, on first use: RSA key generation is slow. */
    private static final class ReplacedKey {
        static final RSAPublicKey PUBLIC = TestServiceAccount.named("replaced").publicKey();
    }

    private static String googleError(int code, String status, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
    }

    private static boolean verifies(RSAPublicKey key, String[] parts) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode claims(String assertion) {
        return decode(assertion.split("\\.")[1]);
    }

    private static JsonNode decode(String part) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException | IllegalArgumentException e) {
            return JSON.createObjectNode();
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
