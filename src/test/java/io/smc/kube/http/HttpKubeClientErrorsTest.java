package io.smc.kube.http;

import static io.smc.kube.http.Json.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.ApiException.Reason;
import io.smc.kube.ClusterConnection;
import io.smc.kube.CredentialSource;
import io.smc.kube.KubeException;
import io.smc.kube.ListOptions;
import io.smc.kube.ResourceType;
import io.smc.kube.TransportException;
import io.smc.kube.fake.Failure;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpKubeClientErrorsTest {
    private static final ResourceType SECRETS = ResourceType.SECRETS;

    private final FakeTime time = new FakeTime();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private FakeApiServer server;
    private HttpKubeClient client;

    @BeforeEach
    void start() {
        server = FakeApiServer.start();
        client = client(new StubCredentials("token-one"), Clients.options(time));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private HttpKubeClient client(CredentialSource credentials, ClientOptions options) {
        return HttpKubeClient.create(Clients.connection(server, credentials), options.withMetrics(metrics));
    }

    private String host() {
        return server.uri().getAuthority();
    }

    private static ObjectNode secret(String name) {
        return object("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "%s", "namespace": "apps"},
                 "data": {"password": "aHVudGVyMg=="}}""".formatted(name));
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource({
        "404, NotFound, NOT_FOUND",
        "409, AlreadyExists, ALREADY_EXISTS",
        "409, Conflict, CONFLICT",
        "410, Gone, GONE",
        "410, Expired, GONE",
        "403, Forbidden, FORBIDDEN",
        "422, Invalid, INVALID",
        "504, ServerTimeout, SERVER_TIMEOUT",
        "504, Timeout, SERVER_TIMEOUT",
        "500, InternalError, OTHER",
        "400, BadRequest, OTHER"
    })
    void typesAnErrorByTheReasonOfItsStatus(int code, String reason, Reason expected) {
        server.failNext(1, Failure.status(code, reason, "the server says why"));

        ApiException error = assertThrows(ApiException.class, () -> client.get(SECRETS, "apps", "db"));

        assertEquals(expected, error.reason());
        assertEquals(code, error.code());
        assertTrue(error.getMessage().endsWith(": cannot get secrets \"db\" in namespace \"apps\": the server says"
                + " why"), error.getMessage());
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "401, UNAUTHORIZED", "403, FORBIDDEN", "404, NOT_FOUND", "409, CONFLICT", "410, GONE", "422, INVALID",
        "429, TOO_MANY_REQUESTS", "504, SERVER_TIMEOUT", "502, OTHER"
    })
    void typesAnErrorWithoutStatusBodyByItsHttpCode(int code, Reason expected) {
        // Twice: a 401 is asked once more with a fresh token.
        server.failNext(2, Failure.plain(code));

        ApiException error = assertThrows(ApiException.class, () -> client.get(SECRETS, "apps", "db"));

        assertEquals(expected, error.reason());
        assertTrue(error.getMessage().endsWith("(the answer was not a Kubernetes Status)"), error.getMessage());
    }

    @Test
    void forbiddenNamesTheVerbResourceNamespaceAndTheServersMessage() {
        String denial = "secrets is forbidden: User \"system:serviceaccount:smc:controller\" cannot list resource"
                + " \"secrets\" in API group \"\" in the namespace \"flux-system\"";
        server.failNext(1, Failure.forbidden(denial));

        ApiException error = assertThrows(ApiException.class,
                () -> client.list(SECRETS, "flux-system", ListOptions.ALL));

        assertEquals(Reason.FORBIDDEN, error.reason());
        assertFalse(error.retryable());
        assertEquals("forbidden: cannot list secrets in namespace \"flux-system\": " + denial, error.getMessage());
    }

    @Test
    void aMissingObjectIsNotFoundNamingIt() {
        ApiException error = assertThrows(ApiException.class, () -> client.get(SECRETS, "apps", "nope"));

        assertEquals(Reason.NOT_FOUND, error.reason());
        assertEquals("not found: cannot get secrets \"nope\" in namespace \"apps\": secrets \"nope\" not found",
                error.getMessage());
    }

    @Test
    void anInvalidObjectCarriesTheFieldCauses() {
        ObjectNode nameless = object("{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {}}");

        ApiException error = assertThrows(ApiException.class, () -> client.create(SECRETS, "apps", nameless));

        assertEquals(Reason.INVALID, error.reason());
        assertEquals(List.of(new ApiException.Cause("metadata.name", "FieldValueRequired",
                "Required value: name or generateName is required")), error.causes());
    }

    @Test
    void creatingAnExistingNameIsAlreadyExistsAndAStaleUpdateIsAConflict() throws KubeException {
        ObjectNode created = client.create(SECRETS, "apps", secret("db"));
        ObjectNode stale = created.deepCopy();
        client.update(SECRETS, "apps", created.put("type", "Opaque"));

        ApiException exists = assertThrows(ApiException.class, () -> client.create(SECRETS, "apps", secret("db")));
        ApiException conflict = assertThrows(ApiException.class,
                () -> client.update(SECRETS, "apps", stale.put("type", "other")));

        assertEquals(Reason.ALREADY_EXISTS, exists.reason());
        assertEquals(Reason.CONFLICT, conflict.reason());
        assertTrue(conflict.retryable());
        assertTrue(conflict.getMessage().startsWith("conflict: cannot update secrets \"db\" in namespace \"apps\""),
                conflict.getMessage());
    }

    @Test
    void unauthorizedInvalidatesTheTokenAndRetriesOnceWithAFreshOne() throws KubeException {
        StubCredentials credentials = new StubCredentials("expired-token", "fresh-token");
        server.seed(SECRETS, secret("db"));
        server.clearRequests();
        server.failNext(1, Failure.unauthorized());

        try (HttpKubeClient rotating = client(credentials, Clients.options(time))) {
            rotating.get(SECRETS, "apps", "db");
        }

        assertEquals(1, credentials.invalidations());
        assertEquals(List.of(Optional.of("Bearer expired-token"), Optional.of("Bearer fresh-token")),
                server.requests().stream().map(request -> request.header("Authorization")).toList());
    }

    @Test
    void aSecondUnauthorizedIsSurfaced() {
        StubCredentials credentials = new StubCredentials("expired-token", "also-refused");
        server.failNext(2, Failure.unauthorized());

        try (HttpKubeClient rotating = client(credentials, Clients.options(time))) {
            ApiException error = assertThrows(ApiException.class, () -> rotating.get(SECRETS, "apps", "db"));
            assertEquals(Reason.UNAUTHORIZED, error.reason());
        }
        assertEquals(1, credentials.invalidations());
        assertEquals(2, server.requests().size());
    }

    @Test
    void unauthorizedWithoutATokenIsNotRetried() {
        server.failNext(1, Failure.unauthorized());

        try (HttpKubeClient anonymous = client(CredentialSource.NONE, Clients.options(time))) {
            assertThrows(ApiException.class, () -> anonymous.get(SECRETS, "apps", "db"));
        }
        assertEquals(1, server.requests().size());
    }

    @Test
    void throttlingIsRetriedAfterTheWaitTheServerAsks() throws KubeException {
        server.seed(SECRETS, secret("db"));
        server.clearRequests();
        server.failNext(2, Failure.tooManyRequests(3));

        client.get(SECRETS, "apps", "db");

        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(3)), time.sleeps());
        assertEquals(3, server.requests().size());
    }

    @Test
    void throttlingRetriesAreBoundedThenSurfacedWithTheWait() {
        server.failNext(10, Failure.tooManyRequests(1));

        ApiException error = assertThrows(ApiException.class, () -> client.get(SECRETS, "apps", "db"));

        assertEquals(Reason.TOO_MANY_REQUESTS, error.reason());
        assertEquals(Optional.of(Duration.ofSeconds(1)), error.retryAfter());
        assertEquals(4, server.requests().size());
        assertEquals(3, time.sleeps().size());
    }

    @Test
    void aWaitLongerThanTheLimitIsSurfacedAtOnce() {
        server.failNext(1, Failure.tooManyRequests(120));

        ApiException error = assertThrows(ApiException.class, () -> client.get(SECRETS, "apps", "db"));

        assertEquals(Optional.of(Duration.ofSeconds(120)), error.retryAfter());
        assertEquals(List.of(), time.sleeps());
        assertEquals(1, server.requests().size());
    }

    @Test
    void unavailableWithRetryAfterIsRetriedButAServerErrorWithoutIsNot() throws KubeException {
        server.seed(SECRETS, secret("db"));
        server.failNext(1, Failure.unavailable(2));
        client.get(SECRETS, "apps", "db");
        assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());

        server.failNext(1, Failure.internalError("etcd is away"));
        ApiException error = assertThrows(ApiException.class, () -> client.get(SECRETS, "apps", "db"));

        assertEquals(Reason.OTHER, error.reason());
        assertTrue(error.retryable());
        assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
    }

    @Test
    void aServerThatNeverAnswersIsATransportErrorNamingVerbAndHost() {
        server.delayNext(1, Duration.ofSeconds(30));

        try (HttpKubeClient impatient = client(new StubCredentials("t"),
                Clients.options(time).withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(5)))) {
            TransportException error = assertThrows(TransportException.class,
                    () -> impatient.get(SECRETS, "apps", "db"));
            assertEquals("timed out: cannot get secrets \"db\" in namespace \"apps\" on " + host()
                    + ": no answer within 200 ms", error.getMessage());
            assertTrue(error.retryable());
        }
    }

    @Test
    void anUnreachableServerIsATransportErrorNamingVerbAndHost() {
        FakeApiServer gone = FakeApiServer.start();
        URI address = gone.uri();
        gone.close();
        ClusterConnection connection = new ClusterConnection(address, null, null, CredentialSource.NONE, "default",
                "a closed port");

        try (HttpKubeClient unreachable = HttpKubeClient.create(connection, Clients.options(time))) {
            TransportException error = assertThrows(TransportException.class,
                    () -> unreachable.list(SECRETS, "apps", ListOptions.ALL));
            assertTrue(error.getMessage().startsWith("cannot list secrets in namespace \"apps\" on "
                    + address.getAuthority() + ": "), error.getMessage());
        }
    }

    @Test
    void aSuccessfulAnswerThatIsNotJsonIsATransportError() {
        server.failNext(1, Failure.plain(200));

        TransportException error = assertThrows(TransportException.class, () -> client.get(SECRETS, "apps", "db"));

        assertEquals("the answer was not a JSON object: get secrets \"db\" in namespace \"apps\" on " + host(),
                error.getMessage());
    }

    @Test
    void reportsOneMetricPerExchangeIncludingRetriesAndFailures() throws KubeException {
        server.seed(SECRETS, secret("db"));
        server.failNext(1, Failure.tooManyRequests(1));
        client.get(SECRETS, "apps", "db");
        assertThrows(ApiException.class, () -> client.delete(SECRETS, "apps", "missing",
                io.smc.kube.DeleteOptions.NONE));
        server.delayNext(1, Duration.ofSeconds(30));
        try (HttpKubeClient impatient = client(new StubCredentials("t"),
                Clients.options(time).withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(5)))) {
            assertThrows(TransportException.class, () -> impatient.list(SECRETS, null, ListOptions.ALL));
        }

        assertEquals(List.of("GET get " + host() + " 429", "GET get " + host() + " 200",
                "DELETE delete " + host() + " 404", "GET list " + host() + " <error>"), metrics.exchanges());
    }

    @Test
    void noErrorMessageCarriesTheTokenOrSecretData() throws KubeException {
        String token = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu";
        String data = "aHVudGVyMg==";
        StubCredentials credentials = new StubCredentials(token, token);
        List<Exception> errors = new java.util.ArrayList<>();
        try (HttpKubeClient leaky = client(credentials, Clients.options(time))) {
            ObjectNode created = leaky.create(SECRETS, "apps", secret("db"));
            errors.add(assertThrows(ApiException.class, () -> leaky.create(SECRETS, "apps", secret("db"))));
            leaky.update(SECRETS, "apps", created.deepCopy().put("type", "changed"));
            errors.add(assertThrows(ApiException.class, () -> leaky.update(SECRETS, "apps", created)));
            ObjectNode nameless = secret("");
            errors.add(assertThrows(ApiException.class, () -> leaky.create(SECRETS, "apps", nameless)));
            server.failNext(2, Failure.unauthorized());
            errors.add(assertThrows(ApiException.class, () -> leaky.get(SECRETS, "apps", "db")));
            server.failNext(1, Failure.plain(500));
            errors.add(assertThrows(ApiException.class, () -> leaky.get(SECRETS, "apps", "db")));
            server.failNext(1, Failure.plain(200));
            errors.add(assertThrows(TransportException.class, () -> leaky.get(SECRETS, "apps", "db")));
        }

        assertEquals(6, errors.size());
        for (Exception error : errors) {
            for (Throwable link = error; link != null; link = link.getCause()) {
                assertFalse(String.valueOf(link).contains(token), "token in " + link.getClass().getSimpleName());
                assertFalse(String.valueOf(link).contains(data), "data in " + link.getClass().getSimpleName());
            }
        }
        for (RecordedRequest request : server.requests()) {
            assertFalse(request.toString().contains(token));
        }
    }
}
