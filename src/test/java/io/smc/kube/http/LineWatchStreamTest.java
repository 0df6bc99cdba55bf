package io.smc.kube.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.KubeException;
import io.smc.kube.ResourceType;
import io.smc.kube.TransportException;
import io.smc.kube.WatchEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineWatchStreamTest {
    private static final Target TARGET = new Target("watch", ResourceType.SECRETS, "apps", null);

    private final IdleWatchdog watchdog = new IdleWatchdog();

    @AfterEach
    void stop() {
        watchdog.close();
    }

    private LineWatchStream stream(Stream<String> lines) {
        return LineWatchStream.open(lines, TARGET, "10.0.0.1:6443", HttpKubeClient.mapper(), watchdog, Duration.ofMinutes(5));
    }

    @Test
    void skipsBlankLinesAndEndsEmptyAtTheEndOfTheBody() throws KubeException {
        LineWatchStream watch = stream(Stream.of("", "{\"type\": \"ADDED\", \"object\": {\"metadata\": {}}}", "  ",
                "{\"type\": \"BOOKMARK\", \"object\": {\"metadata\": {\"resourceVersion\": \"7\"}}}", ""));

        assertEquals(WatchEvent.Type.ADDED, watch.next().orElseThrow().type());
        assertEquals(WatchEvent.Type.BOOKMARK, watch.next().orElseThrow().type());
        assertEquals(Optional.empty(), watch.next());
        assertEquals(Optional.empty(), watch.next());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\": \"ADDED\"}",
        "{\"type\": \"ADDED\", \"object\": \"c2VjcmV0\"}",
        "{\"type\": \"RENAMED\", \"object\": {}}",
        "[\"ADDED\"]",
        "{\"type\": \"ADDED\", \"object\": {}} c2VjcmV0",
        "{\"type\": \"ADDED\", \"object\": {\"data\": \"c2VjcmV0\""
    })
    void aLineThatIsNotAWatchEventEndsTheStreamWithoutQuotingIt(String line) {
        AtomicBoolean released = new AtomicBoolean();
        LineWatchStream watch = stream(Stream.of(line).onClose(() -> released.set(true)));

        TransportException error = assertThrows(TransportException.class, watch::next);

        assertFalse(error.getMessage().contains("c2VjcmV0"), error.getMessage());
        assertTrue(error.getMessage().endsWith("watch secrets in namespace \"apps\" on 10.0.0.1:6443"),
                error.getMessage());
        assertTrue(released.get(), "the body was not released");
    }

    @Test
    void closingReleasesTheBodyAndLeavesNothingToRead() throws KubeException {
        AtomicBoolean released = new AtomicBoolean();
        LineWatchStream watch = stream(Stream.of("{\"type\": \"ADDED\", \"object\": {}}")
                .onClose(() -> released.set(true)));

        watch.close();

        assertTrue(released.get());
        assertEquals(Optional.empty(), watch.next());
    }
}
