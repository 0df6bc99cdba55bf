package io.smc.kube.http;

import java.time.Duration;

/** Waits; injected so tests can record the waits the client asks for instead of spending them. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
