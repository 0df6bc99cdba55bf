package io.smc.sops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Finds the data key of a file: the first age or OpenPGP stanza one of our keys opens. */
final class DataKeyUnwrapper {
    private final SopsKeys keys;

    DataKeyUnwrapper(SopsKeys keys) {
        this.keys = keys;
    }

    byte[] dataKey(SopsMetadata metadata, String source) throws SopsException {
        if (metadata.keyGroups() > 1) {
            throw new SopsException(SopsException.Kind.UNSUPPORTED, source + " splits its data key over "
                    + metadata.keyGroups() + " Shamir key groups (threshold " + metadata.shamirThreshold()
                    + "); Shamir secret sharing is not supported");
        }
        if (metadata.age().isEmpty() && metadata.pgp().isEmpty()) {
            if (!metadata.otherKeyTypes().isEmpty()) {
                throw new SopsException(SopsException.Kind.UNSUPPORTED, source + " is encrypted only for "
                        + String.join(", ", metadata.otherKeyTypes())
                        + " keys; only age and OpenPGP keys are supported");
            }
            throw new SopsException(SopsException.Kind.MALFORMED, source + " names no key its data key is "
                    + "encrypted for");
        }
        SopsException firstFailure = null;
        if (!keys.ageIdentities().isEmpty()) {
            for (SopsMetadata.AgeStanza stanza : metadata.age()) {
                try {
                    byte[] key = AgeDecryptor.decrypt(stanza.enc().getBytes(StandardCharsets.UTF_8),
                            keys.ageIdentities());
                    if (key != null) {
                        return checked(key, source);
                    }
                } catch (SopsException e) {
                    firstFailure = firstFailure == null ? named(e, source, "age recipient " + stanza.recipient())
                            : firstFailure;
                }
            }
        }
        if (keys.pgpKeys().size() > 0) {
            for (SopsMetadata.PgpStanza stanza : metadata.pgp()) {
                try {
                    byte[] key = PgpDecryptor.decrypt(stanza.enc(), keys.pgpKeys());
                    if (key != null) {
                        return checked(key, source);
                    }
                } catch (SopsException e) {
                    firstFailure = firstFailure == null ? named(e, source, "OpenPGP key " + stanza.fingerprint())
                            : firstFailure;
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        List<String> recipients = new ArrayList<>();
        metadata.age().forEach(s -> recipients.add("age " + s.recipient()));
        metadata.pgp().forEach(s -> recipients.add("pgp " + s.fingerprint()));
        metadata.otherKeyTypes().forEach(t -> recipients.add(t + " (unsupported)"));
        throw new SopsException(SopsException.Kind.NO_MATCHING_KEY, source
                + " cannot be decrypted with our keys (" + keys + "); it is encrypted for: "
                + String.join(", ", recipients));
    }

    private static byte[] checked(byte[] key, String source) throws SopsException {
        if (key.length != 32) {
            throw new SopsException(SopsException.Kind.MALFORMED, source + " has a data key of " + key.length
                    + " bytes instead of 32");
        }
        return key;
    }

    private static SopsException named(SopsException e, String source, String stanza) {
        return new SopsException(e.kind(), source + ", " + stanza + ": " + e.getMessage());
    }
}
