package io.smc.sops;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * The keys we hold, in memory only: age X25519 identities and OpenPGP secret keys without a passphrase.
 * Import failures name the source and the key's fingerprint or user id, never the key; {@link #toString()} shows
 * counts only.
 */
public final class SopsKeys {
    private static final Pattern ARMOR_BLOCK = Pattern.compile(
            "-----BEGIN PGP (PRIVATE|PUBLIC) KEY BLOCK-----.*?-----END PGP \\1 KEY BLOCK-----", Pattern.DOTALL);
    private static final List<String> SNIFFED_NAMES = List.of("private-key", "key", "gpg-key");

    private final List<AgeIdentity> ageIdentities;
    private final PGPSecretKeyRingCollection pgpKeys;

    private SopsKeys(List<AgeIdentity> ageIdentities, List<PGPSecretKeyRing> pgpRings) {
        this.ageIdentities = List.copyOf(ageIdentities);
        this.pgpKeys = new PGPSecretKeyRingCollection(pgpRings);
    }

    public static SopsKeys none() {
        return new SopsKeys(List.of(), List.of());
    }

    /** Reads key files, each holding age identity lines or armored OpenPGP secret keys (judged by content). */
    public static SopsKeys fromFiles(List<Path> files) throws SopsException {
        Builder builder = new Builder();
        for (Path file : files) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new SopsException(SopsException.Kind.BAD_KEY, "key file " + file + " cannot be read");
            }
            builder.sniffed(file.toString(), content);
        }
        return builder.build();
    }

    /**
     * Reads the data of a Kubernetes Secret as Flux does: {@code *.agekey} entries are age identities, {@code *.asc}
     * entries armored OpenPGP secret keys; the entries {@code private-key}, {@code key} and {@code gpg-key} are judged
     * by content. Other entries are ignored.
     */
    public static SopsKeys fromSecretData(Map<String, byte[]> data) throws SopsException {
        Builder builder = new Builder();
        for (Map.Entry<String, byte[]> entry : data.entrySet()) {
            String name = entry.getKey();
            if (name.endsWith(".agekey")) {
                builder.age(name, entry.getValue());
            } else if (name.endsWith(".asc")) {
                builder.pgp(name, entry.getValue());
            } else if (SNIFFED_NAMES.contains(name)) {
                builder.sniffed(name, entry.getValue());
            }
        }
        return builder.build();
    }

    List<AgeIdentity> ageIdentities() {
        return ageIdentities;
    }

    PGPSecretKeyRingCollection pgpKeys() {
        return pgpKeys;
    }

    public boolean isEmpty() {
        return ageIdentities.isEmpty() && pgpKeys.size() == 0;
    }

    @Override
    public String toString() {
        return "SopsKeys[age identities=" + ageIdentities.size() + ", OpenPGP keys=" + pgpKeys.size() + "]";
    }

    private static final class Builder {
        private final List<AgeIdentity> age = new ArrayList<>();
        private final List<PGPSecretKeyRing> pgp = new ArrayList<>();

        void sniffed(String source, byte[] content) throws SopsException {
            if (new String(content, StandardCharsets.ISO_8859_1).contains("-----BEGIN PGP ")) {
                pgp(source, content);
            } else {
                age(source, content);
            }
        }

        void age(String source, byte[] content) throws SopsException {
            int found = 0;
            for (String line : new String(content, StandardCharsets.UTF_8).split("\\R")) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (!AgeIdentity.looksLikeIdentity(trimmed)) {
                    throw new SopsException(SopsException.Kind.BAD_KEY, source
                            + " holds a line that is neither an age identity nor a comment");
                }
                try {
                    age.add(AgeIdentity.parse(trimmed));
                } catch (SopsException e) {
                    throw new SopsException(e.kind(), source + ": " + e.getMessage());
                }
                found++;
            }
            if (found == 0) {
                throw new SopsException(SopsException.Kind.BAD_KEY, source + " holds no age identity");
            }
        }

        void pgp(String source, byte[] content) throws SopsException {
            Matcher blocks = ARMOR_BLOCK.matcher(new String(content, StandardCharsets.US_ASCII));
            int found = 0;
            while (blocks.find()) {
                try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(
                        blocks.group().getBytes(StandardCharsets.US_ASCII)))) {
                    BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
                    for (Object o = factory.nextObject(); o != null; o = factory.nextObject()) {
                        if (o instanceof PGPSecretKeyRing ring) {
                            refuseProtected(source, ring);
                            pgp.add(ring);
                            found++;
                        }
                    }
                } catch (PassphraseException e) {
                    throw new SopsException(SopsException.Kind.BAD_KEY, e.getMessage());
                } catch (IOException | PGPException | RuntimeException e) {
                    throw new SopsException(SopsException.Kind.BAD_KEY, source
                            + " holds an armored OpenPGP block that cannot be read");
                }
            }
            if (found == 0) {
                throw new SopsException(SopsException.Kind.BAD_KEY, source + " holds no OpenPGP secret key");
            }
        }

        private static void refuseProtected(String source, PGPSecretKeyRing ring) throws PGPException {
            for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
                PGPSecretKey key = it.next();
                if (!key.isPrivateKeyEmpty() && key.getKeyEncryptionAlgorithm() != SymmetricKeyAlgorithmTags.NULL) {
                    Iterator<String> ids = ring.getPublicKey().getUserIDs();
                    String userId = ids.hasNext() ? " (" + ids.next() + ")" : "";
                    throw new PassphraseException(source + ": OpenPGP key "
                            + HexFormat.of().withUpperCase().formatHex(ring.getPublicKey().getFingerprint()) + userId
                            + " is protected by a passphrase; only keys without a passphrase are supported");
                }
            }
        }

        SopsKeys build() {
            return new SopsKeys(age, pgp);
        }
    }

    /** Carries the passphrase refusal out of the BouncyCastle parsing loop with its message intact. */
    private static final class PassphraseException extends RuntimeException {
        PassphraseException(String message) {
            super(message, null, false, false);
        }
    }
}
