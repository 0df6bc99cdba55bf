package io.smc.sops;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** One {@code ENC[AES256_GCM,data:...,iv:...,tag:...,type:...]} value; it never prints its ciphertext. */
final class EncryptedValue {
    private static final Pattern FORMAT = Pattern.compile(
            "ENC\\[AES256_GCM,data:([A-Za-z0-9+/=]*),iv:([A-Za-z0-9+/=]+),tag:([A-Za-z0-9+/=]+),type:([a-z]+)\\]");

    private final byte[] ciphertextAndTag;
    private final byte[] iv;
    private final String type;

    private EncryptedValue(byte[] ciphertextAndTag, byte[] iv, String type) {
        this.ciphertextAndTag = ciphertextAndTag;
        this.iv = iv;
        this.type = type;
    }

    static boolean looksEncrypted(String text) {
        return text.startsWith("ENC[");
    }

    /** Parses the value at {@code path} (named in the message, the value never is). */
    static EncryptedValue parse(String text, String path) throws SopsException {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new SopsException(SopsException.Kind.INTEGRITY, "value at " + path
                    + " is not in the sops ENC[AES256_GCM,...] format");
        }
        try {
            byte[] data = Base64.getDecoder().decode(m.group(1));
            byte[] iv = Base64.getDecoder().decode(m.group(2));
            byte[] tag = Base64.getDecoder().decode(m.group(3));
            if (tag.length != 16 || iv.length == 0) {
                throw new SopsException(SopsException.Kind.INTEGRITY, "value at " + path
                        + " has a tag or iv of the wrong size");
            }
            byte[] both = new byte[data.length + tag.length];
            System.arraycopy(data, 0, both, 0, data.length);
            System.arraycopy(tag, 0, both, data.length, tag.length);
            return new EncryptedValue(both, iv, m.group(4));
        } catch (IllegalArgumentException e) {
            throw new SopsException(SopsException.Kind.INTEGRITY, "value at " + path + " is not valid base64");
        }
    }

    String type() {
        return type;
    }

    /** The plaintext; a wrong key, AAD or any changed byte fails with INTEGRITY naming {@code path}. */
    byte[] decrypt(byte[] dataKey, byte[] aad, String path) throws SopsException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw new SopsException(SopsException.Kind.INTEGRITY, "value at " + path
                    + " does not authenticate: it was changed, moved, or encrypted with another data key");
        } catch (GeneralSecurityException e) {
            throw new SopsException(SopsException.Kind.INTEGRITY, "value at " + path + " cannot be decrypted");
        }
    }

    @Override
    public String toString() {
        return "EncryptedValue[type=" + type + "]";
    }
}
