package io.smc.kube.config;

import io.smc.kube.CredentialSource;
import java.util.Optional;

/** A kubeconfig's {@code token}: the same every time; a 401 cannot be helped by asking again. */
final class StaticToken implements CredentialSource {
    private final String token;

    StaticToken(String token) {
        this.token = token;
    }

    @Override
    public Optional<String> token() {
        return Optional.of(token);
    }

    @Override
    public void invalidate() {
    }

    @Override
    public String toString() {
        return "StaticToken[" + token.length() + " characters]";
    }
}
