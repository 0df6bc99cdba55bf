package io.smc.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The bytes of one secret value. It never prints itself: {@link #toString()} gives only the size, so a value that
 * slips into a log line, an exception or a test failure message reveals nothing. Values are compared in constant time.
 */
public final class SecretValue {
    private final byte[] bytes;

    private SecretValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes a copy of {@code bytes}; later changes to the array do not reach the value. */
    public static SecretValue of(byte[] bytes) {
        return new SecretValue(bytes.clone());
    }

    public static SecretValue ofUtf8(String text) {
        return new SecretValue(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the bytes, for the one place that must hand them to a store. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Hex SHA-256 of the bytes: how stores that keep digests compare values without holding them. */
    public String sha256() {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    public boolean sameContentAs(byte[] other) {
        return MessageDigest.isEqual(bytes, other);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256Digest().digest(bytes));
    }

    @Override
    public String toString() {
        return "SecretValue[" + bytes.length + " bytes]";
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
