package io.smc.sops;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/** Opens the armored OpenPGP message of a {@code pgp} stanza with our secret keys. */
final class PgpDecryptor {
    private static final int MAX_DATA_KEY = 1024;

    private PgpDecryptor() {
    }

    /** The plaintext, or null when the message is not encrypted to any key we hold. */
    static byte[] decrypt(String armored, PGPSecretKeyRingCollection keys) throws SopsException {
        try {
            InputStream in = PGPUtil.getDecoderStream(
                    new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)));
            BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
            Object first = factory.nextObject();
            if (first instanceof PGPMarker) {
                first = factory.nextObject();
            }
            if (!(first instanceof PGPEncryptedDataList)) {
                throw malformed("is not an OpenPGP encrypted message");
            }
            for (Iterator<PGPEncryptedData> it = ((PGPEncryptedDataList) first).getEncryptedDataObjects();
                    it.hasNext(); ) {
                PGPEncryptedData data = it.next();
                if (!(data instanceof PGPPublicKeyEncryptedData pked)) {
                    continue;
                }
                PGPPrivateKey key = privateKey(keys, pked.getKeyID());
                if (key == null) {
                    continue;
                }
                return open(pked, key);
            }
            return null;
        } catch (IOException | PGPException | RuntimeException e) {
            throw malformed("cannot be read as OpenPGP");
        }
    }

    private static PGPPrivateKey privateKey(PGPSecretKeyRingCollection keys, long keyId) throws PGPException {
        for (Iterator<PGPSecretKeyRing> rings = keys.getKeyRings(); rings.hasNext(); ) {
            for (Iterator<PGPSecretKey> it = rings.next().getSecretKeys(); it.hasNext(); ) {
                PGPSecretKey secret = it.next();
                if ((keyId == 0 || secret.getKeyID() == keyId) && !secret.isPrivateKeyEmpty()
                        && secret.getKeyEncryptionAlgorithm() == SymmetricKeyAlgorithmTags.NULL) {
                    return secret.extractPrivateKey(null);
                }
            }
        }
        return null;
    }

    private static byte[] open(PGPPublicKeyEncryptedData pked, PGPPrivateKey key) throws SopsException {
        try {
            InputStream clear = pked.getDataStream(new BcPublicKeyDataDecryptorFactory(key));
            Object message = new BcPGPObjectFactory(clear).nextObject();
            if (message instanceof PGPCompressedData compressed) {
                message = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
            }
            if (!(message instanceof PGPLiteralData literal)) {
                throw malformed("holds no literal data");
            }
            byte[] plain = literal.getInputStream().readNBytes(MAX_DATA_KEY + 1);
            if (plain.length > MAX_DATA_KEY) {
                throw malformed("holds more than a data key");
            }
            if (!pked.isIntegrityProtected() || !pked.verify()) {
                throw new SopsException(SopsException.Kind.INTEGRITY,
                        "OpenPGP-encrypted data key is not integrity-protected or was changed");
            }
            return plain;
        } catch (IOException | PGPException | RuntimeException e) {
            throw new SopsException(SopsException.Kind.INTEGRITY,
                    "OpenPGP-encrypted data key cannot be decrypted with the matching key");
        }
    }

    private static SopsException malformed(String what) {
        return new SopsException(SopsException.Kind.MALFORMED, "OpenPGP-encrypted data key " + what);
    }
}
