package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.smc.kube.lease.LeaseRecord;
import io.smc.kube.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaseDecisionTest {
    private static final String ME = "pod-a_x2z4b";
    private static final Instant ACQUIRED = Instant.parse("2026-03-01T11:00:00Z");
    private static final Instant SEEN = Instant.parse("2026-03-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(SEEN);

    private static LeaseRecord lease(String holder, Integer seconds, Instant renewed, int transitions) {
        return new LeaseRecord(holder, seconds, ACQUIRED, renewed, transitions, "41");
    }

    private LeaseDecision decide(LeaseRecord current) {
        return LeaseDecision.decide(ME, 15, Optional.of(new LeaseObservation(current, SEEN)), clock.instant());
    }

    @ParameterizedTest(name = "holder {0}, {1}s lease, {2} ms after it was seen: {3}")
    @CsvSource(nullValues = "none", value = {
        "pod-a_x2z4b, 15,     0, Renew",
        "pod-a_x2z4b, 15, 60000, Renew",
        "pod-b_q7r5t, 15,     0, Wait",
        "pod-b_q7r5t, 15, 14999, Wait",
        "pod-b_q7r5t, 15, 15000, Acquire",
        "pod-b_q7r5t, 30, 15000, Wait",
        "pod-b_q7r5t, 30, 30000, Acquire",
        "pod-b_q7r5t,  1,  1000, Acquire",
        "pod-b_q7r5t, none,   0, Acquire",
        "none,        15,     0, Acquire",
        "none,        1,      0, Acquire",
    })
    void decidesFromTheHolderAndHowLongTheLeaseWentUnchanged(String holder, Integer seconds, long afterMillis,
            String expected) {
        clock.advance(Duration.ofMillis(afterMillis));

        LeaseDecision decision = decide(lease(holder, seconds, SEEN, 3));

        assertEquals(expected, decision.getClass().getSimpleName());
    }

    @Test
    void createsTheLeaseWhenThereIsNoneHeldByItself() {
        LeaseDecision decision = LeaseDecision.decide(ME, 15, Optional.empty(), SEEN);

        assertEquals(new LeaseDecision.Create(new LeaseRecord(ME, 15, SEEN, SEEN, 0, null)), decision);
    }

    @Test
    void renewsItsOwnLeaseKeepingTheAcquireTimeAndTransitionsAtTheVersionItRead() {
        clock.advance(Duration.ofSeconds(2));

        LeaseDecision decision = decide(lease(ME, 15, SEEN, 3));

        assertEquals(new LeaseDecision.Renew(new LeaseRecord(ME, 15, ACQUIRED, SEEN.plusSeconds(2), 3, "41")),
                decision);
    }

    @Test
    void takingOverCountsATransitionAndStartsANewAcquireTime() {
        clock.advance(Duration.ofSeconds(20));

        LeaseDecision decision = decide(lease("pod-b_q7r5t", 15, SEEN, 3));

        Instant now = SEEN.plusSeconds(20);
        assertEquals(new LeaseDecision.Acquire(new LeaseRecord(ME, 15, now, now, 4, "41")), decision);
    }

    @Test
    void takesAReleasedLeaseAtOnceCountingATransition() {
        LeaseDecision decision = decide(new LeaseRecord(null, 1, SEEN, SEEN, 7, "41"));

        assertEquals(new LeaseDecision.Acquire(new LeaseRecord(ME, 15, SEEN, SEEN, 8, "41")), decision);
    }

    @Test
    void waitingSaysWhoHoldsTheLeaseAndUntilWhen() {
        assertEquals(new LeaseDecision.Wait("pod-b_q7r5t", SEEN.plusSeconds(15)),
                decide(lease("pod-b_q7r5t", 15, SEEN, 0)));
    }

    @Test
    void judgesExpiryByWhenTheRecordWasSeenNotByTheHoldersRenewTime() {
        // The holder's clock runs an hour behind ours: by its renewTime the lease expired long ago, yet we saw it
        // renewed just now.
        assertInstanceOf(LeaseDecision.Wait.class, decide(lease("pod-b_q7r5t", 15, SEEN.minusSeconds(3600), 0)));

        // The holder's clock runs an hour ahead: by its renewTime the lease is valid for an hour, yet it has not
        // changed for the lease duration by our clock.
        clock.advance(Duration.ofSeconds(15));
        assertInstanceOf(LeaseDecision.Acquire.class,
                decide(lease("pod-b_q7r5t", 15, SEEN.plusSeconds(3600), 0)));
    }

    @Test
    void anUnchangedReadKeepsTheFirstSightAndAnyChangeRestartsIt() {
        LeaseObservation first = new LeaseObservation(lease("pod-b_q7r5t", 15, SEEN, 0), SEEN);
        Instant later = SEEN.plusSeconds(10);

        assertSame(first, first.next(lease("pod-b_q7r5t", 15, SEEN, 0), later));
        LeaseObservation renewed = first.next(lease("pod-b_q7r5t", 15, SEEN.plusSeconds(2), 0), later);
        assertEquals(later, renewed.observedAt());
        LeaseRecord relabelled = new LeaseRecord("pod-b_q7r5t", 15, ACQUIRED, SEEN, 0, "42");
        assertEquals(later, first.next(relabelled, later).observedAt());
        assertEquals(later.plusSeconds(15), renewed.expiresAt());
    }
}
