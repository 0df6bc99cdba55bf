package io.smc.kube.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plain HTTP calls to the fake, so its semantics are tested without the client under test in between.
 */
final class RawApi {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RawApi(URI base) {
        this.base = base;
    }

    record Answer(int code, JsonNode body) {
        ObjectNode object() {
            return (ObjectNode) body;
        }

        String resourceVersion() {
            return body.path("metadata").path("resourceVersion").asText();
        }

        long generation() {
            return body.path("metadata").path("generation").asLong();
        }

        String reason() {
            return body.path("reason").asText();
        }
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Answer get(String path) {
        return send("GET", path, null, null);
    }

    Answer post(String path, JsonNode body) {
        return send("POST", path, "application/json", body.toString());
    }

    Answer put(String path, JsonNode body) {
        return send("PUT", path, "application/json", body.toString());
    }

    Answer patch(String path, String contentType, String body) {
        return send("PATCH", path, contentType, body);
    }

    Answer delete(String path, String body) {
        return send("DELETE", path, "application/json", body);
    }

    Answer send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An open watch, read line by line. */
    final class Watch implements AutoCloseable {
        final int code;
        private final Stream<String> lines;
        private final Iterator<String> iterator;

        private Watch(int code, Stream<String> lines) {
            this.code = code;
            this.lines = lines;
            this.iterator = lines.iterator();
        }

        /** {@code TYPE name} of the next event, {@code BOOKMARK rv} for bookmarks, or null at the end. */
        String next() {
            JsonNode event = nextEvent();
            if (event == null) {
                return null;
            }
            JsonNode object = event.path("object");
            String type = event.path("type").asText();
            return type + " " + switch (type) {
                case "BOOKMARK" -> object.path("metadata").path("resourceVersion").asText();
                case "ERROR" -> object.path("code").asText();
                default -> object.path("metadata").path("name").asText();
            };
        }

        JsonNode nextEvent() {
            try {
                return iterator.hasNext() ? MAPPER.readTree(iterator.next()) : null;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        List<String> rest() {
            List<String> rest = new ArrayList<>();
            for (String event = next(); event != null; event = next()) {
                rest.add(event);
            }
            return rest;
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    Watch watch(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).build();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            return new Watch(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
