package io.smc.runtime;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * The process's answer to SIGTERM, SIGINT and SIGHUP, in place of the JVM's (which runs shutdown hooks and exits,
 * with no way to drain first): the first signal starts a graceful stop; a second one, of any of them, ends the
 * process at once — the usual contract of a controller, so an impatient operator is never stuck behind a drain.
 *
 * <p>SIGHUP stops the same way: under the image's launcher, which restarts the JVM from the jar on disk, that is
 * how a SIGHUP restarts the controller with new code (the launcher, not the JVM, receives it and forwards a SIGTERM).
 */
public final class Signals {
    private static final List<String> STOPPING = List.of("TERM", "INT", "HUP");

    private final AtomicBoolean received = new AtomicBoolean();
    private final Consumer<String> onFirst;
    private final Halt halt;

    /** Ends the process at once; a seam so tests see the second signal without dying. */
    @FunctionalInterface
    public interface Halt {
        void halt(int status);
    }

    Signals(Consumer<String> onFirst, Halt halt) {
        this.onFirst = Objects.requireNonNull(onFirst, "onFirst");
        this.halt = Objects.requireNonNull(halt, "halt");
    }

    /**
     * Handles the stopping signals from now on: the first calls {@code onFirst} with the signal's name
     * ({@code TERM}); a second halts with 128 + its number, as a shell reports a death by signal. A signal the
     * process was started with ignored (SIGINT of a background job) stays ignored.
     */
    public static Signals install(Consumer<String> onFirst) {
        Signals signals = new Signals(onFirst, status -> Runtime.getRuntime().halt(status));
        for (String name : STOPPING) {
            try {
                Signal.handle(new Signal(name), signal -> signals.received(signal.getName(), signal.getNumber()));
            } catch (IllegalArgumentException e) {
                // The JVM uses it (-Xrs) or the platform lacks it: the JVM's default stays.
            }
        }
        return signals;
    }

    void received(String name, int number) {
        if (received.compareAndSet(false, true)) {
            onFirst.accept(name);
        } else {
            halt.halt(128 + number);
        }
    }
}
