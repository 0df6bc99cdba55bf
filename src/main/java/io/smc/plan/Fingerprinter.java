package io.smc.plan;

import io.smc.secrets.SecretValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short fingerprints of values for reports: the first 48 bits of HMAC-SHA256 keyed by the store's id, over the
 * secret's name and value. The same value in the same secret of the same store always shows the same fingerprint,
 * so a change is visible across runs; the key and the name make the fingerprint useless for comparing values
 * between secrets or stores, or for looking them up in precomputed tables. Not thread-safe: one per thread.
 */
public final class Fingerprinter {
    private final Mac mac;

    public Fingerprinter(String storeId) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("secret-manager-controller/fingerprint/v1:" + storeId)
                    .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }

    public String fingerprint(String name, SecretValue value) {
        mac.update(name.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(value.bytes()); // doFinal also resets the Mac for the next call
        return HexFormat.of().formatHex(digest, 0, 6);
    }
}
