package io.smc.provider.gcp.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST transport on the wire, as a client other than the Java library would see it. */
class RestWireTest {
    private static final String PROJECT = "my-proj";
    private static final long NUMBER = FakeSecretManager.projectNumber(PROJECT);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeSecretManager fake;

    private record Answer(int status, JsonNode body) {
    }

    @BeforeEach
    void start() {
        fake = FakeSecretManager.start(PROJECT);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Answer send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer send(String method, String path, String body) {
        return send(method, path, body, Map.of());
    }

    @Test
    void createAddAndAccessSpeakProtobufJson() {
        Answer created = send("POST", "/v1/projects/my-proj/secrets?secretId=wire",
                "{\"replication\": {\"automatic\": {}}, \"labels\": {\"env\": \"prod\"}}");
        assertEquals(200, created.status(), created.body().toString());
        assertEquals("projects/" + NUMBER + "/secrets/wire", created.body().path("name").asText());
        assertTrue(created.body().path("createTime").asText().endsWith("Z"));

        String data = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        Answer added = send("POST", "/v1/projects/my-proj/secrets/wire:addVersion",
                "{\"payload\": {\"data\": \"" + data + "\", \"dataCrc32c\": \"" + crc32c("hello") + "\"}}");
        assertEquals(200, added.status(), added.body().toString());
        assertEquals("ENABLED", added.body().path("state").asText());
        assertTrue(added.body().path("clientSpecifiedPayloadChecksum").asBoolean());

        Answer accessed = send("GET", "/v1/projects/" + NUMBER + "/secrets/wire/versions/latest:access", null);
        assertEquals("projects/" + NUMBER + "/secrets/wire/versions/1", accessed.body().path("name").asText());
        assertEquals(data, accessed.body().path("payload").path("data").asText());
        assertTrue(accessed.body().path("payload").path("dataCrc32c").isTextual(), "int64 travels as a string");
        assertEquals(Long.toString(crc32c("hello")), accessed.body().path("payload").path("dataCrc32c").asText());

        Answer asInts = send("GET", "/v1/projects/my-proj/secrets/wire/versions/1?$alt=json;enum-encoding%3Dint",
                null);
        assertEquals(1, asInts.body().path("state").asInt(), "the Java client asks for enums as numbers");
    }

    @Test
    void errorsAreGoogleJsonErrorsWithTheHttpStatusOfTheirCode() {
        Answer missing = send("GET", "/v1/projects/my-proj/secrets/nope", null);
        assertEquals(404, missing.status());
        assertEquals(404, missing.body().path("error").path("code").asInt());
        assertEquals("NOT_FOUND", missing.body().path("error").path("status").asText());
        assertEquals("Secret [projects/" + NUMBER + "/secrets/nope] not found.",
                missing.body().path("error").path("message").asText());

        fake.createSecretDirectly(PROJECT, "s", Map.of());
        Answer exists = send("POST", "/v1/projects/my-proj/secrets?secretId=s", "{\"replication\":{\"automatic\":{}}}");
        assertEquals(409, exists.status());
        assertEquals("ALREADY_EXISTS", exists.body().path("error").path("status").asText());

        Answer stale = send("DELETE", "/v1/projects/my-proj/secrets/s?etag=%22old%22", null);
        assertEquals(400, stale.status());
        assertEquals("FAILED_PRECONDITION", stale.body().path("error").path("status").asText());

        Answer unknownParameter = send("GET", "/v1/projects/my-proj/secrets?page_size=2&colour=blue", null);
        assertEquals(400, unknownParameter.status());
        assertTrue(unknownParameter.body().path("error").path("message").asText().contains("\"colour\""));

        Answer badJson = send("POST", "/v1/projects/my-proj/secrets/s:addVersion", "{\"payload\": {\"nope\": 1}}");
        assertEquals(400, badJson.status());
        assertTrue(badJson.body().path("error").path("message").asText().startsWith("Invalid JSON payload"));

        Map<String, Integer> before = fake.calls();
        Answer noRoute = send("PUT", "/v1/projects/my-proj/secrets/s", "{}");
        assertEquals(404, noRoute.status());
        assertEquals(before, fake.calls(), "a request no binding takes is no call of an RPC");
        assertNull(fake.lastRequest(Protocol.REST).orElseThrow().method());
    }

    @Test
    void quotaAndPermissionErrorsCarryTheirErrorInfo() {
        fake.createSecretDirectly(PROJECT, "s", Map.of());
        fake.setQuota(CallClass.READ, 60);
        assertEquals(200, send("GET", "/v1/projects/my-proj/secrets/s", null).status());
        Answer exhausted = send("GET", "/v1/projects/my-proj/secrets/s", null);

        assertEquals(429, exhausted.status());
        JsonNode error = exhausted.body().path("error");
        assertEquals("RESOURCE_EXHAUSTED", error.path("status").asText());
        JsonNode info = error.path("details").path(0);
        assertEquals("type.googleapis.com/google.rpc.ErrorInfo", info.path("@type").asText());
        assertEquals("RATE_LIMIT_EXCEEDED", info.path("reason").asText());
        assertEquals("60", info.path("metadata").path("quota_limit_value").asText());

        fake.clearQuota(CallClass.READ);
        fake.denyPermission(PROJECT, "secretmanager.secrets.delete");
        Answer denied = send("DELETE", "/v1/projects/my-proj/secrets/s", null);
        assertEquals(403, denied.status());
        assertEquals("IAM_PERMISSION_DENIED", denied.body().path("error").path("details").path(0).path("reason")
                .asText());
    }

    @Test
    void patchIsTakenDirectlyOrAsAPostWithTheMethodOverride() {
        fake.createSecretDirectly(PROJECT, "p", Map.of("a", "1"));
        Answer patched = send("PATCH", "/v1/projects/my-proj/secrets/p?updateMask=labels",
                "{\"labels\":{\"b\":\"2\"}}");
        assertEquals(200, patched.status(), patched.body().toString());
        assertEquals("2", patched.body().path("labels").path("b").asText());
        assertFalse(patched.body().path("labels").has("a"), "the labels mask replaces the whole map");

        Answer overridden = send("POST", "/v1/projects/my-proj/secrets/p?update_mask=annotations",
                "{\"annotations\":{\"k\":\"v\"}}", Map.of("X-HTTP-Method-Override", "PATCH"));
        assertEquals(200, overridden.status(), overridden.body().toString());
        assertEquals("v", overridden.body().path("annotations").path("k").asText());
        SeenRequest seen = fake.lastRequest(Protocol.REST).orElseThrow();
        assertEquals("UpdateSecret", seen.method());
        assertEquals("POST", seen.httpMethod());
        assertEquals("PATCH", seen.header("x-http-method-override").orElseThrow());
    }

    @Test
    void versionVerbsTakeAnOptionalEtagInTheirBody() {
        fake.createSecretDirectly(PROJECT, "v", Map.of());
        String etag = fake.addVersionDirectly(PROJECT, "v", "x").getEtag();
        String path = "/v1/projects/my-proj/secrets/v/versions/1";

        assertEquals(200, send("POST", path + ":disable", "").status());
        assertEquals(400, send("POST", path + ":enable", "{\"etag\": " + JSON.valueToTree(etag) + "}").status());
        assertEquals(200, send("POST", path + ":enable", "{}").status());
        Answer destroyed = send("POST", path + ":destroy", null);
        assertEquals("DESTROYED", destroyed.body().path("state").asText());
        assertEquals(1, send("GET", "/v1/projects/my-proj/secrets/v/versions?pageSize=5", null)
                .body().path("versions").size());
    }

    private static long crc32c(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
