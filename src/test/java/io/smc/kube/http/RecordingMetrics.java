package io.smc.kube.http;

import io.smc.kube.ClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Keeps every reported exchange as {@code method verb host code}. */
final class RecordingMetrics implements ClientMetrics {
    private final List<String> exchanges = new ArrayList<>();

    @Override
    public synchronized void request(String method, String verb, String host, String code, Duration elapsed) {
        if (elapsed.isNegative()) {
            throw new AssertionError("negative latency " + elapsed);
        }
        exchanges.add(method + " " + verb + " " + host + " " + code);
    }

    synchronized List<String> exchanges() {
        return List.copyOf(exchanges);
    }
}
