package io.smc.kube.http;

import io.smc.kube.CredentialSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Hands out tokens in order, moving to the next one only after {@link #invalidate()}, as a refreshing source. */
final class StubCredentials implements CredentialSource {
    private final Deque<String> tokens;
    private int invalidations;

    StubCredentials(String... tokens) {
        this.tokens = new ArrayDeque<>(List.of(tokens));
    }

    @Override
    public synchronized Optional<String> token() {
        return Optional.ofNullable(tokens.peekFirst());
    }

    @Override
    public synchronized void invalidate() {
        invalidations++;
        if (tokens.size() > 1) {
            tokens.removeFirst();
        }
    }

    synchronized int invalidations() {
        return invalidations;
    }
}
