package io.smc.provider.gcp.fake;

import io.grpc.Status;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the fake was asked and what it answered with, counted across both transports. */
final class CallLog {
    private record Failure(String method, Status.Code code) {
    }

    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<Failure, Integer> errors = new HashMap<>();
    private final Map<Protocol, SeenRequest> lastRequests = new EnumMap<>(Protocol.class);
    private int resourceExhausted;

    synchronized void seen(SeenRequest request) {
        lastRequests.put(request.protocol(), request);
    }

    synchronized void called(String method) {
        calls.merge(method, 1, Integer::sum);
    }

    synchronized void failed(String method, Status.Code code) {
        errors.merge(new Failure(method, code), 1, Integer::sum);
        if (code == Status.Code.RESOURCE_EXHAUSTED) {
            resourceExhausted++;
        }
    }

    synchronized int calls(String method) {
        return calls.getOrDefault(method, 0);
    }

    synchronized Map<String, Integer> calls() {
        return new TreeMap<>(calls);
    }

    synchronized int errors(String method, Status.Code code) {
        return errors.getOrDefault(new Failure(method, code), 0);
    }

    synchronized int errors(String method) {
        return errors.entrySet().stream()
                .filter(entry -> entry.getKey().method().equals(method))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    synchronized int resourceExhausted() {
        return resourceExhausted;
    }

    synchronized Optional<SeenRequest> lastRequest(Protocol protocol) {
        return Optional.ofNullable(lastRequests.get(protocol));
    }

    synchronized void reset() {
        calls.clear();
        errors.clear();
        lastRequests.clear();
        resourceExhausted = 0;
    }
}
