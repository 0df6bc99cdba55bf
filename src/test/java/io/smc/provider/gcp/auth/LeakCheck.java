package io.smc.provider.gcp.auth;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Asserts that a text or a failure (its whole chain, as a stack trace prints it) holds none of the given secrets, and
 * compares tokens without printing them when the comparison fails.
 */
final class LeakCheck {
    private LeakCheck() {
    }

    static void assertClean(String what, String text, Collection<String> secrets) {
        List<String> list = List.copyOf(secrets);
        for (int i = 0; i < list.size(); i++) {
            String secret = list.get(i);
            if (!secret.isEmpty() && String.valueOf(text).contains(secret)) {
                // Says which secret by position only: the failure report must not leak it either.
                fail(what + " holds secret #" + i + " (" + secret.length() + " characters)");
            }
        }
    }

    static void assertClean(Throwable failure, Collection<String> secrets) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertClean("the failure " + failure.getClass().getSimpleName(), trace.toString(), secrets);
    }

    /** The request metadata authorizes with exactly {@code token}. */
    static void assertBearer(String token, Map<String, List<String>> metadata) {
        List<String> authorization = metadata.get("Authorization");
        if (authorization == null || !authorization.equals(List.of("Bearer " + token))) {
            fail("the Authorization metadata does not carry the expected token ("
                    + (authorization == null ? "none" : authorization.size() + " values") + ")");
        }
    }

    static void assertSameToken(String expected, String actual, String what) {
        if (!expected.equals(actual)) {
            fail(what + ": a different token (" + actual.length() + " characters)");
        }
    }

    static void assertDifferentToken(String unexpected, String actual, String what) {
        if (unexpected.equals(actual)) {
            fail(what + ": the same token again");
        }
    }
}
