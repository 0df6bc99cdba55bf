package io.smc.kube.fake;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a list starts: the list's resourceVersion (so an old token can expire at compaction, as
 * the API server's do) and the key of the last object given.
 */
record ContinueToken(long listVersion, String lastKey) {

    String text() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((listVersion + "\n" + lastKey)
                .getBytes(StandardCharsets.UTF_8));
    }

    static ContinueToken parse(String text) throws StatusError {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", 2);
            if (parts.length == 2) {
                return new ContinueToken(Long.parseLong(parts[0]), parts[1]);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw StatusError.badRequest("invalid continue token");
    }
}
