package io.smc.sops;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The sops MAC: SHA-512 over the plaintext of the values in document order, written as sops's {@code ToBytes}
 * writes them (booleans {@code True}/{@code False}, floats in shortest plain notation), hex in upper case; stored
 * encrypted with {@code lastmodified} as AAD.
 */
final class MacCalculator {
    private final MessageDigest digest;

    MacCalculator() {
        try {
            digest = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is missing from this JDK", e);
        }
    }

    void add(byte[] plaintext) {
        digest.update(plaintext);
    }

    static byte[] bool(boolean value) {
        return (value ? "True" : "False").getBytes(StandardCharsets.US_ASCII);
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}. */
    static byte[] floating(double value) {
        String text = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Checks the computed MAC against the file's encrypted {@code mac}; a missing or different MAC is INTEGRITY. */
    void verify(SopsMetadata metadata, byte[] dataKey, String source) throws SopsException {
        if (metadata.mac().isEmpty()) {
            throw new SopsException(SopsException.Kind.INTEGRITY, source + " has no MAC");
        }
        EncryptedValue stored = EncryptedValue.parse(metadata.mac(), "sops.mac");
        byte[] expected;
        try {
            expected = stored.decrypt(dataKey, metadata.lastModified().getBytes(StandardCharsets.UTF_8), "sops.mac");
        } catch (SopsException e) {
            throw new SopsException(SopsException.Kind.INTEGRITY, source
                    + ": the MAC does not authenticate: the MAC or lastmodified was changed");
        }
        byte[] computed = HexFormat.of().withUpperCase().formatHex(digest.digest())
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(computed, expected)) {
            throw new SopsException(SopsException.Kind.INTEGRITY, source
                    + ": the MAC does not match the values: the file was changed after it was encrypted");
        }
    }
}
