package io.smc.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A whole answer, built before anything is sent so that its status and length are known up front. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String TEXT = "text/plain; charset=utf-8";

    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply text(int status, String body) {
        return new Reply(status, TEXT, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
