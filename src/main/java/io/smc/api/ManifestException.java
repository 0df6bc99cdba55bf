package io.smc.api;

import io.smc.api.schema.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** A manifest that breaks the API's rules; the message lists every violation with its field path. */
public final class ManifestException extends Exception {
    private final List<Violation> violations;

    public ManifestException(String source, List<Violation> violations) {
        super(source + ": " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")),
                null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
