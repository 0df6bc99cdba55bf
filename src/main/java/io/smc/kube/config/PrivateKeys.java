package io.smc.kube.config;

import io.smc.kube.ConfigException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the private key of a PEM file in the three forms kubeconfigs carry: PKCS#8 ({@code PRIVATE KEY}), and the
 * OpenSSL "traditional" forms PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC1 EC ({@code EC PRIVATE KEY}). The JDK
 * reads only PKCS#8, so the traditional forms are wrapped into a PKCS#8 PrivateKeyInfo first. Encrypted keys are
 * refused: a kubeconfig has no passphrase to give.
 */
final class PrivateKeys {
    /** rsaEncryption, 1.2.840.113549.1.1.1, as the content octets of its OID. */
    private static final String RSA_OID = "2a864886f70d010101";
    /** id-ecPublicKey, 1.2.840.10045.2.1. */
    private static final String EC_OID = "2a8648ce3d0201";
    private static final Map<String, String> ALGORITHMS = Map.of(
            RSA_OID, "RSA",
            EC_OID, "EC",
            "2b6570", "Ed25519", // 1.3.101.112
            "2b6571", "Ed448"); // 1.3.101.113
    private static final HexFormat HEX = HexFormat.of();

    private PrivateKeys() {
    }

    static PrivateKey read(byte[] pemText, Location at) throws ConfigException {
        List<Pem> blocks = Pem.read(pemText, at);
        for (Pem block : blocks) {
            if (block.type().equals("ENCRYPTED PRIVATE KEY")
                    || block.headers().getOrDefault("Proc-Type", "").contains("ENCRYPTED")) {
                throw at.problem("the private key is encrypted; kubeconfig keys must be stored unencrypted");
            }
            try {
                switch (block.type()) {
                    case "PRIVATE KEY":
                        return pkcs8(block.der(), at);
                    case "RSA PRIVATE KEY":
                        return pkcs8(rsaToPkcs8(block.der()), at);
                    case "EC PRIVATE KEY":
                        return pkcs8(ecToPkcs8(block.der(), at), at);
                    default:
                        if (block.type().endsWith("PRIVATE KEY")) {
                            throw at.problem("private keys of type " + block.type() + " are not supported");
                        }
                }
            } catch (IllegalArgumentException e) {
                throw at.problem("the " + block.type() + " block is not a valid key structure");
            }
        }
        throw at.problem("holds no PRIVATE KEY block");
    }

    /** Whether {@code key} is the private half of {@code publicKey}: what one signs, the other verifies. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 name their own signature
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // keys of different kinds, or a certificate key this JDK cannot use
        }
    }

    private static PrivateKey pkcs8(byte[] der, Location at) throws ConfigException {
        // PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm SEQUENCE { OID, params }, ... }
        Der.Reader info = new Der.Reader(der).next(Der.SEQUENCE).children();
        info.next(Der.INTEGER);
        String oid = HEX.formatHex(info.next(Der.SEQUENCE).children().next(Der.OID).content());
        String algorithm = ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw at.problem("private keys with algorithm OID " + oid + " are not supported (RSA, EC and EdDSA are)");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            // The provider's message says what is wrong with the structure, not what it holds.
            throw at.problem("the " + algorithm + " private key cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** PKCS#1 RSAPrivateKey is exactly what PKCS#8 carries for rsaEncryption, with NULL parameters. */
    private static byte[] rsaToPkcs8(byte[] pkcs1) {
        new Der.Reader(pkcs1).next(Der.SEQUENCE); // fail here, clearly, if it is not even a SEQUENCE
        return Der.sequence(
                Der.integer(0),
                Der.sequence(Der.encode(Der.OID, HEX.parseHex(RSA_OID)), Der.encode(Der.NULL)),
                Der.encode(Der.OCTET_STRING, pkcs1));
    }

    /**
     * SEC1 ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters, [1] publicKey }. PKCS#8
     * names the curve in its algorithm identifier instead, so the curve OID is lifted from {@code [0]}; the SEC1
     * structure itself goes in unchanged (readers ignore the duplicate parameters).
     */
    private static byte[] ecToPkcs8(byte[] sec1, Location at) throws ConfigException {
        Der.Reader key = new Der.Reader(sec1).next(Der.SEQUENCE).children();
        key.next(Der.INTEGER);
        key.next(Der.OCTET_STRING);
        byte[] curve = null;
        while (key.hasNext()) {
            Der.Element element = key.next();
            if (element.tag() == Der.CONTEXT_0) {
                curve = element.children().next(Der.OID).encoded();
            }
        }
        if (curve == null) {
            throw at.problem("the EC PRIVATE KEY does not name its curve");
        }
        return Der.sequence(
                Der.integer(0),
                Der.sequence(Der.encode(Der.OID, HEX.parseHex(EC_OID)), curve),
                Der.encode(Der.OCTET_STRING, sec1));
    }
}
