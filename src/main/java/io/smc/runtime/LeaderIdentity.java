package io.smc.runtime;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Random;

/**
 * Builds a replica's holder identity: the pod name ({@code POD_NAME}, from the downward API), else {@code HOSTNAME}
 * (which Kubernetes sets to the pod name), else a fixed name; then {@code _} and a short random suffix.
 *
 * <p>The suffix matters: a container restarted in the same pod keeps its pod name, and a replica that found its own
 * identity on the lease would take itself for the holder and lead at once. With a fresh suffix it is a new
 * candidate and waits out the lease like any other.
 */
public final class LeaderIdentity {
    /** The characters Kubernetes uses for generated name suffixes: no vowels, no look-alikes. */
    static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    static final int SUFFIX_LENGTH = 5;
    static final String FALLBACK_NAME = "secret-manager-controller";

    private LeaderIdentity() {
    }

    /** As {@link #fromEnvironment(Map, Random)} with a {@link SecureRandom}. */
    public static String fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(environment, new SecureRandom());
    }

    /**
     * @param environment the process environment, usually {@link System#getenv()}
     * @param random      the source of the suffix
     */
    public static String fromEnvironment(Map<String, String> environment, Random random) {
        String base = firstNonBlank(environment.get("POD_NAME"), environment.get("HOSTNAME"));
        StringBuilder identity = new StringBuilder(base == null ? FALLBACK_NAME : base.trim()).append('_');
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            identity.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return identity.toString();
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
