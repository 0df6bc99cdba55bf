package io.smc.time;

/**
 * A monotonic time source in nanoseconds. Rate limiting and latency use it rather than the wall clock, which may
 * jump; tests give a fake one that only moves when they say so.
 */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
