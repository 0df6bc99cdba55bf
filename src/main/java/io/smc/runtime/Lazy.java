package io.smc.runtime;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made on first use, once, by whichever thread asks first. The controller's heavy collaborators (the Google
 * Cloud client pool, the artifact downloader's TLS context, git) are made this way, so that a process start that
 * has nothing to publish yet — and every probe before it — does not wait for them.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<? extends T> factory;
    private volatile T value;

    private Lazy(Supplier<? extends T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public static <T> Lazy<T> of(Supplier<? extends T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = Objects.requireNonNull(factory.get(), "a lazy value cannot be null");
                    value = made;
                }
            }
        }
        return made;
    }

    /** Whether the value has been made. */
    public boolean made() {
        return value != null;
    }
}
