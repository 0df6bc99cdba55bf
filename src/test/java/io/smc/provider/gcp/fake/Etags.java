package io.smc.provider.gcp.fake;

import java.security.SecureRandom;

/**
 * Entity tags as the real service hands them out: opaque, quoted (the quotes are part of the value a client must send
 * back), and new on every change, even a change that leaves the resource as it was.
 */
final class Etags {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Etags() {
    }

    static String next() {
        return String.format("\"%014x\"", RANDOM.nextLong() & 0x00ff_ffff_ffff_ffffL);
    }
}
