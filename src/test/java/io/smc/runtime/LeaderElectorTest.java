package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.ApiException;
import io.smc.kube.ResourceType;
import io.smc.kube.lease.LeaseRecord;
import io.smc.kube.testing.Eventually;
import io.smc.kube.testing.MutableClock;
import io.smc.kube.testing.ScriptedKubeApi;
import io.smc.metrics.MetricsRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The election loop in fake time: the clock moves only when the loop sleeps, against an in-memory API whose
 * failures the test scripts, so deadlines are checked to the exact instant they fall on.
 */
class LeaderElectorTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String NAMESPACE = "smc-system";
    private static final String LEASE = LeaderElectionConfig.DEFAULT_NAME;

    private final MutableClock clock = new MutableClock(T0);
    private final SteppingSleeper sleeper = new SteppingSleeper(clock, Duration.ofSeconds(60));
    private final ScriptedKubeApi api = new ScriptedKubeApi();
    private final MetricsRegistry registry = new MetricsRegistry();
    private final LeadershipEvents events = new LeadershipEvents();
    private final List<Instant> stops = Collections.synchronizedList(new ArrayList<>());
    private final List<Instant> starts = Collections.synchronizedList(new ArrayList<>());
    private final CapturedLog log = new CapturedLog(LeaderElector.class);
    private LeaderElector elector;

    @AfterEach
    void tearDown() {
        if (elector != null) {
            elector.stop();
        }
        log.close();
    }

    private LeaderElector elector(LeaderElectionConfig config, LeaderCallbacks callbacks) {
        elector = LeaderElector.builder(api, config, callbacks).clock(clock).sleeper(sleeper).random(new Random(3))
                .metrics(registry).build();
        return elector;
    }

    private LeaderElector elector(LeaderElectionConfig config) {
        return elector(config, events.callbacks("a", event -> {
            if (event.endsWith(" started")) {
                starts.add(clock.instant());
            } else if (event.endsWith(" stopped")) {
                stops.add(clock.instant());
            }
        }));
    }

    private static LeaderElectionConfig config() {
        return LeaderElectionConfig.defaults(NAMESPACE, "pod-a");
    }

    private LeaseRecord lease() {
        return LeaseRecord.fromLease(api.stored(ResourceType.LEASES, NAMESPACE, LEASE).orElseThrow());
    }

    private void putLease(LeaseRecord lease) {
        api.put(ResourceType.LEASES, lease.toLease(NAMESPACE, LEASE));
    }

    private void runUntilTheHorizon(LeaderElector started) {
        started.start();
        Eventually.await("the election to reach the end of fake time", sleeper::parked,
                () -> events.events().toString());
    }

    private String scrape() {
        StringBuilder text = new StringBuilder();
        try {
            registry.writeText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    @Test
    void createsAMissingLeaseLeadsAndRenewsEveryRetryPeriodWithoutReadingItAgain() {
        LeaderElector a = elector(config());
        assertTrue(scrape().contains("leader_election_master_status{name=\"" + LEASE + "\"} 0"), scrape());

        runUntilTheHorizon(a);

        assertEquals(List.of("a sees pod-a", "a started"), events.events());
        assertEquals(List.of(T0), starts);
        LeaseRecord lease = lease();
        assertEquals("pod-a", lease.holderIdentity());
        assertEquals(15, lease.leaseDurationSeconds());
        assertEquals(T0, lease.acquireTime());
        assertEquals(0, lease.leaseTransitions());
        assertEquals(clock.instant(), lease.renewTime());
        assertTrue(sleeper.sleeps().stream().allMatch(Duration.ofSeconds(2)::equals), sleeper.sleeps()::toString);
        List<String> verbs = api.calls().stream().map(ScriptedKubeApi.Call::verb).toList();
        assertEquals(List.of("get", "create"), verbs.subList(0, 2));
        assertEquals(sleeper.sleeps().size(), verbs.subList(2, verbs.size()).stream()
                .filter("update"::equals).count());
        assertTrue(verbs.subList(2, verbs.size()).stream().allMatch("update"::equals), verbs::toString);
        assertTrue(a.isLeader());
        assertEquals("pod-a", a.leaderIdentity().orElseThrow());
        assertTrue(scrape().contains("leader_election_master_status{name=\"" + LEASE + "\"} 1"), scrape());
    }

    @Test
    void stopsLeadingAtTheRenewDeadlineWhenRenewalsKeepFailingBeforeTheLeaseCouldExpireElsewhere() {
        for (int i = 0; i < 200; i++) {
            api.failNext("update", ScriptedKubeApi.apiError(500, ApiException.Reason.OTHER));
        }
        LeaderElector a = elector(config());

        runUntilTheHorizon(a);

        // The last successful write started at T0, so a standby saw it no earlier and may take over at T0 + 15 s.
        assertEquals(List.of(T0.plusSeconds(10)), stops);
        assertTrue(stops.get(0).isBefore(T0.plusSeconds(15)));
        assertEquals(List.of("a sees pod-a", "a started", "a stopped"), events.events());
        assertFalse(a.isLeader());
        assertTrue(scrape().contains("leader_election_master_status{name=\"" + LEASE + "\"} 0"), scrape());
        List<CapturedLog.Line> failures = log.lines("lease call failed");
        assertFalse(failures.isEmpty());
        CapturedLog.Line first = failures.get(0);
        assertEquals(Level.WARNING, first.level());
        assertEquals("update", first.fields().get("verb"));
        assertEquals("leases.coordination.k8s.io", first.fields().get("resource"));
        assertEquals(NAMESPACE, first.fields().get("namespace"));
        assertEquals(LEASE, first.fields().get("name"));
        assertEquals("OTHER (HTTP 500)", first.fields().get("reason"));
        assertEquals(true, first.fields().get("leading"));
    }

    @Test
    void stopsLeadingAtOnceOnSeeingAnotherHolderAndTakesOverOnlyOnceThatLeaseWentUnrenewedForItsDuration() {
        Instant taken = T0.plusSeconds(5);
        sleeper.at(taken, () -> putLease(new LeaseRecord("pod-b", 15, taken, taken, 1, null)));
        LeaderElector a = elector(config());

        runUntilTheHorizon(a);

        assertEquals(List.of("a sees pod-a", "a started", "a sees pod-b", "a stopped", "a sees pod-a", "a started"),
                events.events());
        // The renewal after the change is at T0 + 6 s; it finds pod-b and stops there.
        assertEquals(T0.plusSeconds(6), stops.get(0));
        // Seen at T0 + 6 s and never renewed: free for us from T0 + 21 s on, at the next attempt.
        Instant retaken = starts.get(1);
        assertFalse(retaken.isBefore(T0.plusSeconds(21)), retaken::toString);
        assertTrue(retaken.isBefore(T0.plusSeconds(21).plusMillis(2400)), retaken::toString);
        LeaseRecord lease = lease();
        assertEquals("pod-a", lease.holderIdentity());
        assertEquals(2, lease.leaseTransitions());
        // The lease keeps microseconds.
        assertEquals(retaken.truncatedTo(ChronoUnit.MICROS), lease.acquireTime());
    }

    @Test
    void waitsOutALeaseWhoseHolderClockRunsAheadByItsOwnClock() {
        Instant farFuture = T0.plusSeconds(3600);
        putLease(new LeaseRecord("pod-b", 15, farFuture, farFuture, 4, null));
        LeaderElector a = elector(config());

        runUntilTheHorizon(a);

        assertEquals(List.of("a sees pod-b", "a sees pod-a", "a started"), events.events());
        assertFalse(starts.get(0).isBefore(T0.plusSeconds(15)), starts::toString);
        assertEquals(5, lease().leaseTransitions());
        List<Duration> candidateSleeps = sleeper.sleeps().subList(0, 7);
        assertTrue(candidateSleeps.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(2)) >= 0
                && d.compareTo(Duration.ofMillis(2400)) <= 0), candidateSleeps::toString);
        assertTrue(candidateSleeps.stream().distinct().count() > 1, "jittered: " + candidateSleeps);
    }

    @Test
    void anUnreachableServerIsLoggedOnceAnAttemptAndRetriedUntilItAnswers() {
        for (int i = 0; i < 3; i++) {
            api.failNext("get", ScriptedKubeApi.transportError("connection refused"));
        }
        LeaderElector a = elector(config());

        runUntilTheHorizon(a);

        List<CapturedLog.Line> failures = log.lines("lease call failed");
        assertEquals(3, failures.size(), failures::toString);
        assertTrue(failures.stream().allMatch(line -> line.fields().get("verb").equals("get")
                && line.fields().get("reason").toString().contains("connection refused")
                && line.fields().get("leading").equals(false)));
        assertEquals(List.of("a sees pod-a", "a started"), events.events());
        assertTrue(a.isLeader());
    }

    @Test
    void stopCallsStoppedLeadingWhileTheLeaseIsStillHeldAndThenReleasesIt() {
        AtomicReference<String> holderWhileStopping = new AtomicReference<>();
        LeaderElector a = elector(config(), events.callbacks("a", event -> {
            if (event.endsWith("stopped")) {
                holderWhileStopping.set(lease().holderIdentity());
            }
        }));
        runUntilTheHorizon(a);
        LeaseRecord held = lease();

        a.stop();

        assertEquals("pod-a", holderWhileStopping.get());
        LeaseRecord released = lease();
        assertNull(released.holderIdentity());
        assertEquals(1, released.leaseDurationSeconds());
        assertEquals(held.leaseTransitions(), released.leaseTransitions());
        ScriptedKubeApi.Call release = api.calls("update").get(api.calls("update").size() - 1);
        assertEquals(held.resourceVersion(), release.body().at("/metadata/resourceVersion").asText());
        assertEquals(List.of("a sees pod-a", "a started", "a stopped"), events.events());
        assertFalse(a.isLeader());
        assertTrue(scrape().contains("leader_election_master_status{name=\"" + LEASE + "\"} 0"), scrape());
    }

    @Test
    void stopWithoutReleaseLeavesTheLeaseToExpire() {
        LeaderElector a = elector(config().withReleaseOnStop(false));
        runUntilTheHorizon(a);
        LeaseRecord held = lease();

        a.stop();

        assertEquals(held, lease());
        assertEquals(List.of("a sees pod-a", "a started", "a stopped"), events.events());
    }

    @Test
    void stopNeverThrowsNotBeforeStartNotTwiceNotWhenTheReleaseFails() {
        LeaderElector never = elector(config());
        assertDoesNotThrow(never::stop);

        LeaderElector a = elector(config());
        runUntilTheHorizon(a);
        api.failNext("get", ScriptedKubeApi.transportError("connection refused"));
        assertDoesNotThrow(a::stop);
        assertDoesNotThrow(a::stop);

        assertEquals("pod-a", lease().holderIdentity());
        assertEquals(List.of("a sees pod-a", "a started", "a stopped"), events.events());
        List<CapturedLog.Line> failures = log.lines("could not release the lease");
        assertEquals(1, failures.size(), failures::toString);
        assertEquals("get", failures.get(0).fields().get("verb"));
        assertTrue(failures.get(0).fields().get("reason").toString().contains("connection refused"));
    }

    @Test
    void aSecondStartIsRefused() {
        LeaderElector a = elector(config());
        a.start();

        assertThrows(IllegalStateException.class, a::start);
    }

    @Test
    void aThrowingCallbackIsLoggedAndLeadershipGoesOn() {
        LeaderElector a = elector(config(), LeaderCallbacks.of(() -> {
            throw new IllegalStateException("workers would not start");
        }, () -> { }));

        runUntilTheHorizon(a);

        assertTrue(a.isLeader());
        assertEquals(sleeper.sleeps().size() + 1, api.calls("update").size() + api.calls("create").size());
        CapturedLog.Line error = log.lines("leader election callback failed").get(0);
        assertEquals(Level.SEVERE, error.level());
        assertEquals("onStartedLeading", error.fields().get("callback"));
    }

    @Test
    void stopCalledFromACallbackEndsTheElectionWhenTheCallbackReturns() {
        AtomicReference<LeaderElector> self = new AtomicReference<>();
        LeaderElector a = elector(config(), events.callbacks("a", event -> {
            if (event.endsWith("started")) {
                self.get().stop();
            }
        }));
        self.set(a);

        a.start();

        Eventually.await("the lease released", () -> api.stored(ResourceType.LEASES, NAMESPACE, LEASE)
                .map(lease -> !lease.at("/spec").has("holderIdentity")).orElse(false),
                () -> events.events().toString());
        assertEquals(List.of("a sees pod-a", "a started", "a stopped"), events.events());
        assertFalse(a.isLeader());
    }
}
