package io.smc.kube.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The faults a test asked for and has not used up yet, taken request by request. */
final class Faults {
    private static final class PendingFailure {
        final Failure failure;
        final Predicate<RecordedRequest> when;
        int remaining;

        PendingFailure(int remaining, Failure failure, Predicate<RecordedRequest> when) {
            this.remaining = remaining;
            this.failure = failure;
            this.when = when;
        }
    }

    private final List<PendingFailure> failures = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<WatchFault> watchFaults = new ArrayList<>();

    synchronized void failNext(int times, Failure failure, Predicate<RecordedRequest> when) {
        failures.add(new PendingFailure(times, failure, when));
    }

    synchronized void delayNext(int times, Duration delay) {
        for (int i = 0; i < times; i++) {
            delays.add(delay);
        }
    }

    synchronized void nextWatch(WatchFault fault) {
        watchFaults.add(fault);
    }

    synchronized Optional<Duration> takeDelay() {
        return delays.isEmpty() ? Optional.empty() : Optional.of(delays.remove(0));
    }

    synchronized Optional<Failure> takeFailure(RecordedRequest request) {
        for (Iterator<PendingFailure> pending = failures.iterator(); pending.hasNext(); ) {
            PendingFailure candidate = pending.next();
            if (candidate.when.test(request)) {
                if (--candidate.remaining <= 0) {
                    pending.remove();
                }
                return Optional.of(candidate.failure);
            }
        }
        return Optional.empty();
    }

    synchronized Optional<WatchFault> takeWatchFault() {
        return watchFaults.isEmpty() ? Optional.empty() : Optional.of(watchFaults.remove(0));
    }
}
