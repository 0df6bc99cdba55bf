package io.smc.sops;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens an age v1 file (armored or binary) with X25519 identities: unwraps the file key from a recipient stanza,
 * checks the header MAC, then decrypts the STREAM payload. Other stanza types are skipped, as age does.
 */
final class AgeDecryptor {
    private static final String VERSION_LINE = "age-encryption.org/v1";
    private static final String ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
    private static final String ARMOR_END = "-----END AGE ENCRYPTED FILE-----";
    private static final byte[] X25519_INFO = "age-encryption.org/v1/X25519".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK = 64 * 1024;
    private static final int TAG = 16;

    private record Stanza(String type, List<String> args, byte[] body) {
    }

    private AgeDecryptor() {
    }

    /** The plaintext, or null when no identity opens any stanza. */
    static byte[] decrypt(byte[] file, List<AgeIdentity> identities) throws SopsException {
        byte[] binary = dearmor(file);
        int pos = 0;
        String version = line(binary, pos);
        if (!VERSION_LINE.equals(version)) {
            throw malformed("does not start with the age v1 version line");
        }
        pos += version.length() + 1;
        List<Stanza> stanzas = new ArrayList<>();
        int macLineStart;
        while (true) {
            String l = line(binary, pos);
            if (l.startsWith("--- ")) {
                macLineStart = pos;
                break;
            }
            if (!l.startsWith("-> ")) {
                throw malformed("has a header line that is neither a stanza nor the MAC");
            }
            pos += l.length() + 1;
            String[] parts = l.substring(3).split(" ", -1);
            List<String> args = List.of(parts).subList(1, parts.length);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String b = line(binary, pos);
                pos += b.length() + 1;
                if (b.length() > 64) {
                    throw malformed("has a stanza body line longer than 64 columns");
                }
                body.writeBytes(b64(b));
                if (b.length() < 64) {
                    break;
                }
            }
            stanzas.add(new Stanza(parts[0], args, body.toByteArray()));
        }
        String macLine = line(binary, macLineStart);
        byte[] headerMac = b64(macLine.substring(4));
        int payloadStart = macLineStart + macLine.length() + 1;

        byte[] fileKey = unwrap(stanzas, identities);
        if (fileKey == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Hkdf.sha256(fileKey, new byte[0], bytes("header"), 32), "HmacSHA256"));
            mac.update(binary, 0, macLineStart + 3);
            if (!MessageDigest.isEqual(mac.doFinal(), headerMac)) {
                throw new SopsException(SopsException.Kind.INTEGRITY, "age header MAC does not match");
            }
            return payload(binary, payloadStart, fileKey);
        } catch (GeneralSecurityException e) {
            throw new SopsException(SopsException.Kind.INTEGRITY, "age payload does not authenticate");
        }
    }

    private static byte[] unwrap(List<Stanza> stanzas, List<AgeIdentity> identities) throws SopsException {
        for (Stanza stanza : stanzas) {
            if (!stanza.type().equals("X25519")) {
                continue;
            }
            if (stanza.args().size() != 1 || stanza.body().length != 16 + TAG) {
                throw malformed("has a malformed X25519 stanza");
            }
            byte[] share = b64(stanza.args().get(0));
            if (share.length != 32) {
                throw malformed("has an X25519 share that is not 32 bytes");
            }
            for (AgeIdentity identity : identities) {
                byte[] shared = identity.agree(share);
                if (shared == null) {
                    continue;
                }
                byte[] salt = new byte[64];
                System.arraycopy(share, 0, salt, 0, 32);
                System.arraycopy(identity.publicKey(), 0, salt, 32, 32);
                byte[] wrapKey = Hkdf.sha256(shared, salt, X25519_INFO, 32);
                try {
                    return chacha(wrapKey, new byte[12], stanza.body(), 0, stanza.body().length);
                } catch (AEADBadTagException e) {
                    // not this identity's stanza
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("ChaCha20-Poly1305 is missing from this JDK", e);
                }
            }
        }
        return null;
    }

    private static byte[] payload(byte[] binary, int start, byte[] fileKey) throws GeneralSecurityException,
            SopsException {
        if (binary.length - start < 16) {
            throw malformed("has no payload nonce");
        }
        byte[] nonce = java.util.Arrays.copyOfRange(binary, start, start + 16);
        byte[] key = Hkdf.sha256(fileKey, nonce, bytes("payload"), 32);
        int pos = start + 16;
        int remaining = binary.length - pos;
        if (remaining < TAG) {
            throw malformed("has a truncated payload");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long counter = 0;
        while (true) {
            int len = Math.min(remaining, CHUNK + TAG);
            boolean last = remaining <= CHUNK + TAG;
            byte[] chunkNonce = new byte[12];
            for (int i = 0; i < 8; i++) {
                chunkNonce[10 - i] = (byte) (counter >>> (8 * i));
            }
            chunkNonce[11] = (byte) (last ? 1 : 0);
            byte[] plain = chacha(key, chunkNonce, binary, pos, len);
            if (plain.length == 0 && (!last || counter > 0)) {
                throw malformed("has an empty payload chunk");
            }
            out.writeBytes(plain);
            pos += len;
            remaining -= len;
            counter++;
            if (last) {
                return out.toByteArray();
            }
        }
    }

    private static byte[] chacha(byte[] key, byte[] nonce, byte[] in, int off, int len)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        return cipher.doFinal(in, off, len);
    }

    private static byte[] dearmor(byte[] file) throws SopsException {
        String text = new String(file, StandardCharsets.ISO_8859_1).strip();
        if (!text.startsWith(ARMOR_BEGIN)) {
            return file;
        }
        if (!text.endsWith(ARMOR_END)) {
            throw malformed("has an age armor without its end line");
        }
        String inner = text.substring(ARMOR_BEGIN.length(), text.length() - ARMOR_END.length());
        try {
            return Base64.getMimeDecoder().decode(inner.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw malformed("has an age armor that is not base64");
        }
    }

    private static String line(byte[] in, int from) throws SopsException {
        for (int i = from; i < in.length && i - from < 1024; i++) {
            if (in[i] == '\n') {
                return new String(in, from, i - from, StandardCharsets.ISO_8859_1);
            }
        }
        throw malformed("has a truncated header");
    }

    private static byte[] b64(String s) throws SopsException {
        if (s.endsWith("=")) {
            throw malformed("has padded base64 in its header");
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw malformed("has invalid base64 in its header");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static SopsException malformed(String what) {
        return new SopsException(SopsException.Kind.MALFORMED, "age-encrypted data key " + what);
    }
}
