package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.http.Endpoint;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.Failure;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.FakeApiServerMain;
import io.smc.kube.http.HttpKubeClient;
import io.smc.kube.lease.LeaseRecord;
import io.smc.kube.testing.Eventually;
import io.smc.metrics.MetricsRegistry;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller process in one JVM against the fake API server over HTTP: start order as the probes show it,
 * reconciles of every config, the drain of a stop, and leader election between two replicas.
 */
class ControllerProcessTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final FakeApiServer server = FakeApiServer.start();
    private final List<HttpKubeClient> clients = new ArrayList<>();
    private final List<ControllerProcess> processes = new ArrayList<>();

    @AfterEach
    void stopAll() {
        processes.forEach(ControllerProcess::stop);
        clients.forEach(HttpKubeClient::close);
        server.close();
    }

    private ControllerProcess process(String identity, boolean leaderElect, Reconciler reconciler) {
        return process(identity, leaderElect, reconciler, new MetricsRegistry());
    }

    private ControllerProcess process(String identity, boolean leaderElect, Reconciler reconciler,
            MetricsRegistry registry) {
        HttpKubeClient client = server.client();
        clients.add(client);
        ControllerSettings settings = new ControllerSettings(List.of(), null, 2, null, "127.0.0.1:0", leaderElect,
                "flux-system", "smc-leader", Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(20),
                Duration.ofMinutes(1), Duration.ofMinutes(3));
        ControllerProcess process = new ControllerProcess(settings, client, registry, identity, cache -> reconciler);
        process.tuneLease(config -> config.withDurations(Duration.ofSeconds(2), Duration.ofMillis(1500),
                Duration.ofMillis(200)));
        processes.add(process);
        return process;
    }

    private void seed(int count) {
        for (int i = 0; i < count; i++) {
            server.seed(WatchedKinds.CONFIGS, FakeApiServerMain.config("team-a", "config-" + i));
        }
    }

    private static int status(ControllerProcess process, String path) throws Exception {
        int port = process.servers().orElseThrow().serving(Endpoint.PROBES).orElseThrow().port();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Reconciler recording(List<String> keys) {
        return (namespace, name) -> {
            keys.add(namespace + "/" + name);
            return Result.done();
        };
    }

    @Test
    void livenessAnswersAtOnceAndReadinessOnlyOnceTheCachesAreSynced() throws Exception {
        seed(3);
        // The first lists of configs fail, as an API server still starting answers; the informer backs off.
        server.failNext(3, Failure.internalError("starting"), request -> request.path().endsWith("/secretmanagerconfigs"));
        List<String> reconciled = Collections.synchronizedList(new ArrayList<>());
        ControllerProcess process = process("solo", false, recording(reconciled));
        process.start();
        assertEquals(200, status(process, "/healthz"));
        assertEquals(503, status(process, "/readyz"));
        assertTrue(reconciled.isEmpty(), "nothing is reconciled before the caches are synced");

        Eventually.await("readiness", () -> process.ready());
        assertEquals(200, status(process, "/readyz"));
        Eventually.await("every config reconciled", () -> reconciled.size() >= 3, reconciled::toString);
        assertEquals(List.of("team-a/config-0", "team-a/config-1", "team-a/config-2"),
                reconciled.stream().distinct().sorted().toList());
    }

    @Test
    void aStopDrainsTheReconcileInFlightWhileReadinessSays503() throws Exception {
        seed(1);
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        ControllerProcess process = process("solo", false, (namespace, name) -> {
            inFlight.countDown();
            release.await();
            finished.incrementAndGet();
            return Result.done();
        });
        process.start();
        assertTrue(inFlight.await(30, TimeUnit.SECONDS));

        process.requestStop("test", 0);
        Thread stopper = new Thread(() -> {
            try {
                process.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        Eventually.await("readiness 503 during the stop", () -> {
            try {
                return status(process, "/readyz") == 503;
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(stopper.isAlive(), "the stop waits for the reconcile in flight");
        release.countDown();
        stopper.join(30_000);
        assertFalse(stopper.isAlive());
        assertEquals(1, finished.get(), "the reconcile in flight finished, not interrupted");
    }

    @Test
    void aStandbyIsReadyButOnlyTheLeaderReconcilesAndTheStandbyTakesOverWhenTheLeaderStops() throws Exception {
        seed(2);
        List<String> first = Collections.synchronizedList(new ArrayList<>());
        List<String> second = Collections.synchronizedList(new ArrayList<>());
        MetricsRegistry firstMetrics = new MetricsRegistry();
        ControllerProcess a = process("replica-a", true, recording(first), firstMetrics);
        a.start();
        Eventually.await("replica-a leads and reconciles", () -> first.size() >= 2, first::toString);
        ControllerProcess b = process("replica-b", true, recording(second));
        b.start();
        Eventually.await("replica-b ready", b::ready);
        assertEquals(200, status(b, "/readyz"));
        assertTrue(scrape(firstMetrics).contains("leader_election_master_status{name=\"smc-leader\"} 1"));

        // A new config that both replicas' informers see: only the leader acts on it.
        server.seed(WatchedKinds.CONFIGS, FakeApiServerMain.config("team-a", "config-new"));
        Eventually.await("the leader reconciles the new config", () -> first.contains("team-a/config-new"));
        assertEquals(List.of(), second, "the standby reconciles nothing");

        a.stop();
        assertTrue(lease().holderIdentity() == null || lease().holderIdentity().startsWith("replica-b"),
                "a graceful stop releases the lease");
        Eventually.await("replica-b takes over and reconciles every config", () -> second.size() >= 3,
                second::toString);
        assertEquals("replica-b", lease().holderIdentity());
    }

    @Test
    void aLeaderKilledWithoutReleasingIsReplacedOnlyOnceItsLeaseExpires() throws Exception {
        seed(1);
        List<String> first = Collections.synchronizedList(new ArrayList<>());
        List<String> second = Collections.synchronizedList(new ArrayList<>());
        ControllerProcess a = process("replica-a", true, recording(first));
        a.tuneLease(config -> config.withDurations(Duration.ofSeconds(2), Duration.ofMillis(1500),
                Duration.ofMillis(200)).withReleaseOnStop(false));
        a.start();
        Eventually.await("replica-a leads", () -> !first.isEmpty());
        ControllerProcess b = process("replica-b", true, recording(second));
        b.start();
        Eventually.await("replica-b ready", b::ready);

        a.stop();
        LeaseRecord held = lease();
        assertEquals("replica-a", held.holderIdentity(), "the lease is left as a crash leaves it");
        Eventually.await("replica-b takes over", () -> !second.isEmpty(), second::toString);
        LeaseRecord taken = lease();
        assertEquals("replica-b", taken.holderIdentity());
        assertFalse(taken.acquireTime().isBefore(held.renewTime().plusSeconds(2)),
                "not before the lease expired: " + held + " then " + taken);
        assertEquals(held.leaseTransitions() + 1, taken.leaseTransitions());
    }

    private LeaseRecord lease() {
        return LeaseRecord.fromLease(server.object(ResourceType.LEASES, "flux-system", "smc-leader").orElseThrow());
    }

    private static String scrape(MetricsRegistry registry) throws Exception {
        StringWriter text = new StringWriter();
        registry.writeText(text);
        return text.toString();
    }
}
