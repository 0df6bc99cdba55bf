package io.smc.provider.gcp.fake;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The faults a test asked for, shared by both transports and taken call by call. */
final class Faults {
    /** A project denied one permission. */
    record Denial(String projectId, String permission) {
    }

    private final Map<String, Deque<Status>> failBefore = new HashMap<>();
    private final Map<String, Deque<Status>> failAfter = new HashMap<>();
    private final Set<Denial> denials = new HashSet<>();
    private volatile Duration latency = Duration.ZERO;
    private int damagedAccesses;
    private Status outage;

    void latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency cannot be negative: " + latency);
        }
        this.latency = latency;
    }

    Duration latency() {
        return latency;
    }

    synchronized void failNext(String method, Status status, int times) {
        queue(failBefore, method, status, times);
    }

    synchronized void applyThenFail(String method, Status status, int times) {
        queue(failAfter, method, status, times);
    }

    synchronized Optional<Status> takeFailure(String method) {
        return take(failBefore, method);
    }

    synchronized Optional<Status> takeFailureAfterApplying(String method) {
        return take(failAfter, method);
    }

    synchronized void outage(Status status) {
        this.outage = status;
    }

    synchronized Optional<Status> outage() {
        return Optional.ofNullable(outage);
    }

    synchronized void damageNextAccesses(int times) {
        damagedAccesses += times;
    }

    /** Whether this access's payload is to be damaged on the way, its checksum left as the service computed it. */
    synchronized boolean takeDamagedAccess() {
        if (damagedAccesses == 0) {
            return false;
        }
        damagedAccesses--;
        return true;
    }

    synchronized void deny(String projectId, String permission) {
        denials.add(new Denial(projectId, permission));
    }

    synchronized void allow(String projectId, String permission) {
        denials.remove(new Denial(projectId, permission));
    }

    synchronized Set<Denial> denials() {
        return Set.copyOf(denials);
    }

    synchronized void clear() {
        failBefore.clear();
        failAfter.clear();
        denials.clear();
        damagedAccesses = 0;
        outage = null;
        latency = Duration.ZERO;
    }

    private static void queue(Map<String, Deque<Status>> queues, String method, Status status, int times) {
        Rpc.checkName(method);
        if (status.isOk() || times < 1) {
            throw new IllegalArgumentException("a fault is an error status, at least once: " + status + " x"
                    + times);
        }
        Deque<Status> queue = queues.computeIfAbsent(method, name -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(status);
        }
    }

    private static Optional<Status> take(Map<String, Deque<Status>> queues, String method) {
        Deque<Status> queue = queues.get(method);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.poll());
    }
}
