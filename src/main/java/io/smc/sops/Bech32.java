package io.smc.sops;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** Bech32 (BIP 173) decoding, the encoding of age identities. Errors never repeat the input: it is a key. */
final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    /** The human-readable part and the 8-bit data of one Bech32 string. */
    record Decoded(String hrp, byte[] data) {
        @Override
        public String toString() {
            return "Decoded[hrp=" + hrp + ", " + data.length + " bytes]";
        }
    }

    private Bech32() {
    }

    static Decoded decode(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.equals(text) && !text.toUpperCase(Locale.ROOT).equals(text)) {
            throw new IllegalArgumentException("mixed case");
        }
        int sep = lower.lastIndexOf('1');
        if (sep < 1 || sep + 7 > lower.length()) {
            throw new IllegalArgumentException("no separator or checksum");
        }
        String hrp = lower.substring(0, sep);
        int[] values = new int[lower.length() - sep - 1];
        for (int i = 0; i < values.length; i++) {
            int v = CHARSET.indexOf(lower.charAt(sep + 1 + i));
            if (v < 0) {
                throw new IllegalArgumentException("character outside the Bech32 alphabet");
            }
            values[i] = v;
        }
        if (polymod(hrp, values) != 1) {
            throw new IllegalArgumentException("checksum does not match");
        }
        return new Decoded(hrp, convertBits(values, values.length - 6));
    }

    private static int polymod(String hrp, int[] values) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) >> 5);
        }
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) & 31);
        }
        for (int v : values) {
            chk = step(chk, v);
        }
        return chk;
    }

    private static int step(int chk, int value) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GENERATOR[i];
            }
        }
        return chk;
    }

    private static byte[] convertBits(int[] values, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int acc = 0;
        int bits = 0;
        for (int i = 0; i < count; i++) {
            acc = (acc << 5) | values[i];
            bits += 5;
            while (bits >= 8) {
                bits -= 8;
                out.write((acc >>> bits) & 0xff);
            }
        }
        if (bits >= 5 || ((acc << (8 - bits)) & 0xff) != 0) {
            throw new IllegalArgumentException("invalid padding");
        }
        return out.toByteArray();
    }
}
