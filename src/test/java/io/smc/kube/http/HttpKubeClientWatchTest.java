package io.smc.kube.http;

import static io.smc.kube.http.Json.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.DeleteOptions;
import io.smc.kube.KubeException;
import io.smc.kube.ResourceType;
import io.smc.kube.TransportException;
import io.smc.kube.WatchEvent;
import io.smc.kube.WatchOptions;
import io.smc.kube.WatchStream;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.WatchFault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpKubeClientWatchTest {
    private static final ResourceType SECRETS = ResourceType.SECRETS;

    private final FakeTime time = new FakeTime();
    private FakeApiServer server;
    private HttpKubeClient client;

    @BeforeEach
    void start() {
        server = FakeApiServer.start();
        client = HttpKubeClient.create(Clients.connection(server, new StubCredentials("token-one")),
                Clients.options(time));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static ObjectNode secret(String name, String annotation) {
        return object("""
                {"apiVersion": "v1", "kind": "Secret",
                 "metadata": {"name": "%s", "namespace": "apps", "labels": {"app": "web"},
                              "annotations": {"note": "%s"}}}""".formatted(name, annotation));
    }

    private static WatchOptions from(String resourceVersion) {
        return new WatchOptions(null, null, resourceVersion, true, 30);
    }

    private static String describe(WatchEvent event) {
        return event.type() + " " + event.object().path("metadata").path("name").asText();
    }

    @Test
    void deliversChangesSinceTheResourceVersionInOrder() throws KubeException {
        server.seed(SECRETS, secret("a", "one"));
        String version = server.resourceVersion();
        ObjectNode b = client.create(SECRETS, "apps", secret("b", "two"));
        ObjectNode a = client.get(SECRETS, "apps", "a");
        ((ObjectNode) a.path("metadata").path("annotations")).put("note", "changed");
        client.update(SECRETS, "apps", a);
        client.delete(SECRETS, "apps", "b", DeleteOptions.NONE);
        server.clearRequests();

        try (WatchStream watch = client.watch(SECRETS, "apps",
                new WatchOptions("app=web", null, version, true, 30))) {
            assertEquals("ADDED b", describe(watch.next().orElseThrow()));
            assertEquals("MODIFIED a", describe(watch.next().orElseThrow()));
            WatchEvent deleted = watch.next().orElseThrow();
            assertEquals("DELETED b", describe(deleted));
            assertEquals(b.path("metadata").path("uid"), deleted.object().path("metadata").path("uid"));
        }
        assertEquals(List.of("GET /api/v1/namespaces/apps/secrets?watch=1&resourceVersion=" + version
                + "&allowWatchBookmarks=true&timeoutSeconds=30&labelSelector=app%3Dweb"), server.actions());
    }

    @Test
    void passesBookmarksOnWithTheirResourceVersion() throws KubeException {
        try (WatchStream watch = client.watch(SECRETS, "apps", from(server.resourceVersion()))) {
            server.awaitWatches(1);
            server.seed(SECRETS, secret("a", "one"));
            server.bookmark();

            assertEquals("ADDED a", describe(watch.next().orElseThrow()));
            WatchEvent bookmark = watch.next().orElseThrow();
            assertEquals(WatchEvent.Type.BOOKMARK, bookmark.type());
            assertEquals(server.resourceVersion(), bookmark.object().path("metadata").path("resourceVersion")
                    .asText());
        }
    }

    @Test
    void endsEmptyWhenTheServerClosesTheStreamCleanly() throws KubeException {
        server.nextWatch(WatchFault.closeCleanly());

        try (WatchStream watch = client.watch(SECRETS, "apps", from(null))) {
            assertEquals(Optional.empty(), watch.next());
            assertEquals(Optional.empty(), watch.next());
        }
    }

    @Test
    void endsEmptyWhenTheServerEndsAnOpenStream() throws KubeException {
        try (WatchStream watch = client.watch(SECRETS, "apps", from(server.resourceVersion()))) {
            server.awaitWatches(1);
            server.closeWatches();

            assertEquals(Optional.empty(), watch.next());
        }
    }

    @Test
    void aStreamCutOffMidLineIsATransportError() throws KubeException {
        String version = server.resourceVersion();
        server.seed(SECRETS, secret("a", "one"));
        server.nextWatch(WatchFault.closeMidLine(0));

        try (WatchStream watch = client.watch(SECRETS, "apps", from(version))) {
            TransportException broken = assertThrows(TransportException.class, watch::next);
            assertTrue(broken.getMessage().contains("watch secrets in namespace \"apps\" on "
                    + server.uri().getAuthority()), broken.getMessage());
        }
    }

    @Test
    void aLineThatIsNotJsonIsATransportErrorThatDoesNotQuoteTheLine() throws KubeException {
        server.nextWatch(WatchFault.notJsonLine(0));

        try (WatchStream watch = client.watch(SECRETS, "apps", from(server.resourceVersion()))) {
            TransportException malformed = assertThrows(TransportException.class, watch::next);
            assertTrue(malformed.getMessage().contains("not JSON"), malformed.getMessage());
            assertFalse(malformed.getMessage().contains("this line"), malformed.getMessage());
            assertEquals(Optional.empty(), watch.next());
        }
    }

    @Test
    void decodesACharacterSplitAcrossChunksIntact() throws KubeException {
        String version = server.resourceVersion();
        server.seed(SECRETS, secret("a", "prix € — 😀 ü"));
        server.nextWatch(WatchFault.splitUtf8());

        try (WatchStream watch = client.watch(SECRETS, "apps", from(version))) {
            WatchEvent event = watch.next().orElseThrow();
            assertEquals("prix € — 😀 ü", event.object().path("metadata").path("annotations").path("note").asText());
        }
    }

    @Test
    void closingFromAnotherThreadEndsABlockedNext() throws Exception {
        WatchStream watch = client.watch(SECRETS, "apps", from(server.resourceVersion()));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                outcome.set(watch.next());
            } catch (KubeException | RuntimeException e) {
                outcome.set(e);
            }
        });
        reader.start();
        // Close once the reader is parked waiting for data (or after a while, which tests the same contract).
        long patience = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (reader.getState() != Thread.State.WAITING && reader.isAlive() && System.nanoTime() < patience) {
            Thread.onSpinWait();
        }

        watch.close();
        reader.join(Duration.ofSeconds(10).toMillis());

        assertFalse(reader.isAlive(), "next() still blocked after close()");
        assertEquals(Optional.empty(), outcome.get());
    }

    @Test
    void aVersionOlderThanTheCompactedHistoryIsGoneAsHttpStatus() throws KubeException {
        server.seed(SECRETS, secret("a", "one"));
        String old = server.resourceVersion();
        server.seed(SECRETS, secret("b", "two"));
        server.compact();

        ApiException gone = assertThrows(ApiException.class, () -> client.watch(SECRETS, "apps", from(old)));

        assertEquals(ApiException.Reason.GONE, gone.reason());
        assertEquals(410, gone.code());
        assertTrue(gone.retryable());
        assertTrue(gone.getMessage().startsWith("gone: cannot watch secrets in namespace \"apps\": too old"),
                gone.getMessage());
    }

    @Test
    void anExpiredOpenWatchDeliversTheGoneStatusAsAnErrorEvent() throws KubeException {
        try (WatchStream watch = client.watch(SECRETS, "apps", from(server.resourceVersion()))) {
            server.awaitWatches(1);
            server.expireWatches();

            WatchEvent error = watch.next().orElseThrow();
            assertEquals(WatchEvent.Type.ERROR, error.type());
            assertEquals(410, error.object().path("code").asInt());
            assertEquals(Optional.empty(), watch.next());
        }
    }

    @Test
    void aWatchSilentPastItsTimeoutAndMarginIsATransportError() throws KubeException {
        try (HttpKubeClient impatient = HttpKubeClient.create(Clients.connection(server, new StubCredentials("t")),
                Clients.options(time).withWatchIdleMargin(Duration.ZERO))) {
            server.nextWatch(WatchFault.stall());

            try (WatchStream watch = impatient.watch(SECRETS, "apps", new WatchOptions(null, null, null, false, 1))) {
                TransportException silent = assertThrows(TransportException.class, watch::next);
                assertTrue(silent.getMessage().startsWith("watch went silent: watch secrets"), silent.getMessage());
            }
        }
    }

    @Test
    void aWatchWhoseAnswerNeverComesIsATransportError() {
        try (HttpKubeClient impatient = HttpKubeClient.create(Clients.connection(server, new StubCredentials("t")),
                Clients.options(time).withWatchIdleMargin(Duration.ZERO))) {
            server.delayNext(1, Duration.ofSeconds(30));

            TransportException timedOut = assertThrows(TransportException.class,
                    () -> impatient.watch(SECRETS, "apps", new WatchOptions(null, null, null, false, 1)));
            assertTrue(timedOut.getMessage().startsWith("timed out: cannot watch secrets"), timedOut.getMessage());
        }
    }

    @Test
    void refusesAWatchWithoutServerTimeout() {
        assertThrows(IllegalArgumentException.class,
                () -> client.watch(SECRETS, "apps", new WatchOptions(null, null, null, true, 0)));
        assertEquals(List.of(), server.requests());
    }
}
