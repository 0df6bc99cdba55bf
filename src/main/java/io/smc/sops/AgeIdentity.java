package io.smc.sops;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.KeyAgreement;

/** An age X25519 identity ({@code AGE-SECRET-KEY-1...}), held in memory only; it never prints itself. */
final class AgeIdentity {
    private static final String HRP = "age-secret-key-";
    private static final byte[] BASE_POINT = new byte[32];

    static {
        BASE_POINT[0] = 9;
    }

    private final byte[] scalar;
    private final byte[] publicKey;

    private AgeIdentity(byte[] scalar) {
        this.scalar = scalar;
        this.publicKey = agree(BASE_POINT);
    }

    /** Parses one identity line; the message of a failure never repeats the line. */
    static AgeIdentity parse(String line) throws SopsException {
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(line.trim());
        } catch (IllegalArgumentException e) {
            throw new SopsException(SopsException.Kind.BAD_KEY, "an age identity is not valid Bech32 ("
                    + e.getMessage() + ")");
        }
        if (!decoded.hrp().equals(HRP) || decoded.data().length != 32) {
            throw new SopsException(SopsException.Kind.BAD_KEY, "an age identity is not an X25519 secret key");
        }
        return new AgeIdentity(decoded.data());
    }

    static boolean looksLikeIdentity(String line) {
        return line.trim().toUpperCase(Locale.ROOT).startsWith("AGE-SECRET-KEY-1");
    }

    /** The raw X25519 public key (little-endian u coordinate). */
    byte[] publicKey() {
        return publicKey.clone();
    }

    /** X25519(scalar, u); null when the peer's point has small order (an all-zero secret). */
    byte[] agree(byte[] peerU) {
        try {
            KeyFactory factory = KeyFactory.getInstance("X25519");
            PrivateKey priv = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
            byte[] be = new byte[32];
            for (int i = 0; i < 32; i++) {
                be[i] = peerU[31 - i];
            }
            be[0] &= 0x7f;
            PublicKey pub = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                    new BigInteger(1, be)));
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(priv);
            agreement.doPhase(pub, true);
            byte[] shared = agreement.generateSecret();
            return Arrays.equals(shared, new byte[32]) ? null : shared;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "AgeIdentity[redacted]";
    }
}
