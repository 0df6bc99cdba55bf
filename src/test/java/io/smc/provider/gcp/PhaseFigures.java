package io.smc.provider.gcp;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one phase of the benchmark cost and how long it took.
 *
 * @param calls                calls the fake received, by RPC name (its own count, failed calls included)
 * @param clientAttempts       attempts the client's metrics counted, by RPC name, answered with any code
 * @param resourceExhausted    RESOURCE_EXHAUSTED answers the fake gave
 * @param failedActions        plan actions the applier could not carry out
 * @param writesPerMinuteQuota the project's write quota the fake enforced
 */
record PhaseFigures(BenchmarkPhase phase, int secrets, Duration elapsed, Map<String, Integer> calls,
        Map<String, Long> clientAttempts, int resourceExhausted, int failedActions, int writesPerMinuteQuota,
        ProcessMemory memory) {
    /** The RPCs charged to the write quota, as the store classifies them. */
    static final Set<String> WRITE_RPCS = Arrays.stream(GcpMethod.values())
            .filter(method -> method.callClass() == CallClass.WRITE)
            .map(GcpMethod::rpc)
            .collect(Collectors.toUnmodifiableSet());

    PhaseFigures {
        calls = Map.copyOf(calls);
        clientAttempts = Map.copyOf(clientAttempts);
    }

    int calls(String rpc) {
        return calls.getOrDefault(rpc, 0);
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    double callsPerSecret(String rpc) {
        return calls(rpc) / (double) secrets;
    }

    int writes() {
        return calls.entrySet().stream().filter(call -> WRITE_RPCS.contains(call.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** Writes a minute over the whole phase. */
    double writesPerMinute() {
        return writes() / (elapsed.toNanos() / 60e9);
    }

    /**
     * Whether the phase wrote at least ten seconds' worth of the quota, so that its write rate says how well the
     * quota is used: the limiter's burst of half a second's worth is then at most a twentieth of the writes. A phase
     * with fewer writes goes through mostly in the burst, faster than the quota's pace.
     */
    boolean quotaBound() {
        return writes() >= writesPerMinuteQuota / 6.0;
    }

    /** The write rate as a share of the write quota: 1.0 uses all of it. */
    double writeShareOfQuota() {
        return writesPerMinute() / writesPerMinuteQuota;
    }

    /** Whether the client's metrics counted every call the fake received, and no other. */
    boolean metricsMatchTheServer() {
        return clientAttempts.equals(calls.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, call -> (long) call.getValue())));
    }

    /** The calls sorted by name, for a stable report. */
    Map<String, Integer> sortedCalls() {
        return new TreeMap<>(calls);
    }
}
