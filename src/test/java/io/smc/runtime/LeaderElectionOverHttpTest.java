package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smc.kube.ClusterConnection;
import io.smc.kube.CredentialSource;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.Failure;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.RecordedRequest;
import io.smc.kube.http.ClientOptions;
import io.smc.kube.http.HttpKubeClient;
import io.smc.kube.lease.LeaseRecord;
import io.smc.kube.testing.Eventually;
import io.smc.metrics.MetricsRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replicas electing a leader over real HTTP: each with its own {@link HttpKubeClient}, against the in-process fake
 * API server, in real (short) time. Assertions are on the lease, the requests and the order of callbacks, never on
 * how long something took; where a test must show that nobody waited for a lease to expire, the lease is longer than
 * the test's patience.
 */
class LeaderElectionOverHttpTest {
    private static final String NAMESPACE = "smc-system";
    private static final String LEASE = LeaderElectionConfig.DEFAULT_NAME;
    private static final String LEASE_PATH = ResourceType.LEASES.path(NAMESPACE, LEASE, null);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One controller process: its client, its metrics, its elector. */
    private record Replica(String identity, HttpKubeClient client, MetricsRegistry metrics, LeaderElector elector) {
        double status() {
            return metrics.gauge("leader_election_master_status", "status", "name").labels(LEASE).value();
        }
    }

    private final FakeApiServer server = FakeApiServer.start();
    private final LeadershipEvents events = new LeadershipEvents();
    private final List<Replica> replicas = new ArrayList<>();

    @AfterEach
    void tearDown() {
        replicas.forEach(replica -> replica.elector().stop());
        replicas.forEach(replica -> replica.client().close());
        server.close();
    }

    private static LeaderElectionConfig config(String identity, int leaseSeconds, int renewMillis) {
        return LeaderElectionConfig.defaults(NAMESPACE, identity).withDurations(Duration.ofSeconds(leaseSeconds),
                Duration.ofMillis(renewMillis), Duration.ofMillis(200));
    }

    private Replica replica(LeaderElectionConfig config) {
        return replica(config, ClientOptions.defaults(), event -> { });
    }

    private Replica replica(LeaderElectionConfig config, ClientOptions options, Consumer<String> observer) {
        HttpKubeClient client = HttpKubeClient.create(new ClusterConnection(server.uri(), null, null,
                CredentialSource.NONE, "default", "fake"), options.withRateLimit(1000, 1000));
        MetricsRegistry metrics = new MetricsRegistry();
        String name = config.identity().substring("pod-".length());
        LeaderElector elector = LeaderElector.builder(client, config, events.callbacks(name, observer))
                .metrics(metrics).build();
        Replica replica = new Replica(config.identity(), client, metrics, elector);
        replicas.add(replica);
        return replica;
    }

    private Optional<LeaseRecord> lease() {
        return server.object(ResourceType.LEASES, NAMESPACE, LEASE).map(LeaseRecord::fromLease);
    }

    private static boolean writesLease(RecordedRequest request) {
        return request.method().equals("PUT") && request.path().equals(LEASE_PATH);
    }

    private static JsonNode spec(RecordedRequest request) {
        try {
            return JSON.readTree(request.body()).path("spec");
        } catch (JsonProcessingException e) {
            throw new AssertionError("a lease body that is not JSON: " + request, e);
        }
    }

    private static boolean writtenBy(RecordedRequest request, String identity) {
        return writesLease(request) && identity.equals(spec(request).path("holderIdentity").asText());
    }

    private int indexOfRequest(Predicate<RecordedRequest> which) {
        List<RecordedRequest> requests = server.requests();
        for (int i = 0; i < requests.size(); i++) {
            if (which.test(requests.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such request in " + requests);
    }

    private void awaitLeader(Replica replica) {
        // Leading, and told so: the flag is set just before the callback runs.
        Eventually.await(replica.identity() + " leading", () -> replica.elector().isLeader()
                && events.leadingNow(replica.identity().substring("pod-".length())),
                () -> events.events() + " lease " + lease());
    }

    private void awaitSees(Replica replica, String holder) {
        Eventually.await(replica.identity() + " seeing " + holder,
                () -> replica.elector().leaderIdentity().equals(Optional.of(holder)), () -> events.events().toString());
    }

    @Test
    void oneReplicaCreatesTheMissingLeaseAndLeads() {
        Replica a = replica(config("pod-a", 10, 8000));
        assertEquals(0.0, a.status());

        a.elector().start();
        awaitLeader(a);

        LeaseRecord lease = lease().orElseThrow();
        assertEquals("pod-a", lease.holderIdentity());
        assertEquals(10, lease.leaseDurationSeconds());
        assertEquals(0, lease.leaseTransitions());
        assertEquals(List.of("GET " + LEASE_PATH, "POST " + ResourceType.LEASES.path(NAMESPACE, null, null)),
                server.actions().subList(0, 2));
        assertEquals(1.0, a.status());
        assertEquals(Optional.of("pod-a"), a.elector().leaderIdentity());
        assertEquals(List.of("a sees pod-a", "a started"), events.events());
    }

    @Test
    void ofTwoReplicasOnOneLeaseExactlyOneLeadsAndTheOtherSeesIt() {
        Replica a = replica(config("pod-a", 10, 8000));
        Replica b = replica(config("pod-b", 10, 8000));

        a.elector().start();
        b.elector().start();
        Eventually.await("a leader", () -> events.leadingNow("a") || events.leadingNow("b"),
                () -> events.events().toString());
        Replica leader = a.elector().isLeader() ? a : b;
        Replica follower = leader == a ? b : a;
        awaitSees(follower, leader.identity());
        // Let the leader renew a few times while the follower keeps trying.
        Eventually.await("five renewals", () -> server.requests().stream()
                .filter(request -> writtenBy(request, leader.identity())).count() >= 5, server::toString);

        assertTrue(leader.elector().isLeader());
        assertFalse(follower.elector().isLeader());
        assertEquals(1.0, leader.status());
        assertEquals(0.0, follower.status());
        assertEquals(1, events.events().stream().filter(event -> event.endsWith(" started")).count(),
                events.events()::toString);
        assertEquals(1, events.mostAtOnce());
        assertEquals(leader.identity(), lease().orElseThrow().holderIdentity());
        assertEquals(0, lease().orElseThrow().leaseTransitions());
        assertTrue(server.requests().stream().noneMatch(request -> writtenBy(request, follower.identity())));
    }

    @Test
    void aLeaderStoppedGracefullyReleasesTheLeaseAndTheStandbyTakesOverWithoutWaitingForItToExpire() {
        // A lease of 60 s: longer than Eventually waits, so a takeover seen here cannot have waited for expiry.
        Replica a = replica(config("pod-a", 60, 40000));
        Replica b = replica(config("pod-b", 60, 40000));
        a.elector().start();
        awaitLeader(a);
        b.elector().start();
        awaitSees(b, "pod-a");

        a.elector().stop();
        awaitLeader(b);

        int release = indexOfRequest(request -> writesLease(request) && !spec(request).has("holderIdentity"));
        JsonNode released = spec(server.requests().get(release));
        assertEquals(1, released.path("leaseDurationSeconds").intValue());
        assertTrue(release < indexOfRequest(request -> writtenBy(request, "pod-b")));
        assertTrue(events.indexOf("a stopped") < events.indexOf("b started"), events.events()::toString);
        LeaseRecord lease = lease().orElseThrow();
        assertEquals("pod-b", lease.holderIdentity());
        assertEquals(1, lease.leaseTransitions());
        assertEquals(0.0, a.status());
        assertEquals(1.0, b.status());
        assertEquals(1, events.mostAtOnce());
    }

    @Test
    void aLeaderThatVanishesWithoutReleaseIsReplacedOnlyAfterTheLeaseDuration() {
        Replica a = replica(config("pod-a", 3, 2000).withReleaseOnStop(false));
        Replica b = replica(config("pod-b", 3, 2000));
        a.elector().start();
        awaitLeader(a);
        b.elector().start();
        awaitSees(b, "pod-a");

        a.elector().stop();
        LeaseRecord abandoned = lease().orElseThrow();
        assertEquals("pod-a", abandoned.holderIdentity());
        awaitLeader(b);

        LeaseRecord taken = lease().orElseThrow();
        assertEquals("pod-b", taken.holderIdentity());
        assertEquals(abandoned.leaseTransitions() + 1, taken.leaseTransitions());
        // b saw a's last renewal no earlier than a started it, and then waited the whole lease duration.
        assertFalse(taken.acquireTime().isBefore(abandoned.renewTime().plusSeconds(3)),
                () -> "taken at " + taken.acquireTime() + ", last renewed at " + abandoned.renewTime());
        assertTrue(server.requests().stream().noneMatch(request -> writesLease(request)
                && !spec(request).has("holderIdentity")), "nothing released the lease");
        assertTrue(events.indexOf("a stopped") < events.indexOf("b started"), events.events()::toString);
    }

    @Test
    void aLeaderWhoseRenewalsFailStopsLeadingBeforeTheStandbyCanTakeOver() {
        AtomicReference<String> standbyStartedWhile = new AtomicReference<>();
        Replica a = replica(config("pod-a", 5, 1000));
        Replica b = replica(config("pod-b", 5, 1000), ClientOptions.defaults(), event -> {
            if (event.equals("b started")) {
                standbyStartedWhile.set("a leading " + a.elector().isLeader() + ", status " + a.status());
            }
        });
        a.elector().start();
        awaitLeader(a);
        b.elector().start();
        awaitSees(b, "pod-a");

        server.failNext(Integer.MAX_VALUE, Failure.internalError("etcd leader changed"),
                request -> writtenBy(request, "pod-a"));
        Eventually.await("b started", () -> standbyStartedWhile.get() != null, () -> events.events().toString());

        assertTrue(events.indexOf("a stopped") < events.indexOf("b started"), events.events()::toString);
        assertEquals("a leading false, status 0.0", standbyStartedWhile.get());
        assertEquals(1, events.mostAtOnce());
        awaitSees(a, "pod-b");
        assertFalse(a.elector().isLeader());
        assertEquals(1, lease().orElseThrow().leaseTransitions());
    }

    @Test
    void aRenewalThatHangsIsCutOffAtTheRenewDeadline() {
        // The client would wait two minutes and the server answers in five: only the elector's deadline ends it.
        ClientOptions patient = ClientOptions.defaults().withTimeouts(Duration.ofMinutes(2), Duration.ofSeconds(10));
        Replica a = replica(config("pod-a", 5, 1000), patient, event -> { });
        a.elector().start();
        awaitLeader(a);

        server.delayNext(1, Duration.ofMinutes(5));
        Eventually.await("a stopped", () -> events.contains("a stopped"), () -> events.events().toString());

        assertEquals(List.of("a sees pod-a", "a started", "a stopped"), events.events().subList(0, 3));
        // Nobody else wanted the lease: a takes it back as the holder it still is.
        awaitLeader(a);
        assertEquals(0, lease().orElseThrow().leaseTransitions());
    }

    @Test
    void aForbiddenAnswerIsLoggedAndRetriedAndTheElectionGoesOn() {
        server.failNext(3, Failure.forbidden("leases.coordination.k8s.io \"" + LEASE + "\" is forbidden"),
                request -> request.method().equals("GET") && request.path().equals(LEASE_PATH));
        try (CapturedLog log = new CapturedLog(LeaderElector.class)) {
            Replica a = replica(config("pod-a", 10, 8000));
            a.elector().start();
            awaitLeader(a);

            List<CapturedLog.Line> failures = log.lines("lease call failed");
            assertEquals(3, failures.size(), failures::toString);
            for (CapturedLog.Line line : failures) {
                assertEquals(Level.WARNING, line.level());
                assertEquals("get", line.fields().get("verb"));
                assertEquals("leases.coordination.k8s.io", line.fields().get("resource"));
                assertEquals(NAMESPACE, line.fields().get("namespace"));
                assertEquals(LEASE, line.fields().get("name"));
                assertEquals("FORBIDDEN (HTTP 403)", line.fields().get("reason"));
            }
            assertEquals(4, server.actions().stream().filter(("GET " + LEASE_PATH)::equals).count());
            assertNotEquals(Optional.empty(), lease());
        }
    }
}
