package io.smc.kube.config;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The test's own DER, independent of the code under test: split a structure into elements, write one. */
record TestDer(int tag, byte[] content) {
    static List<TestDer> children(byte[] der) {
        List<TestDer> elements = new ArrayList<>();
        int at = 0;
        while (at < der.length) {
            int tag = der[at++] & 0xFF;
            int length = der[at++] & 0xFF;
            if (length > 0x80) {
                int octets = length & 0x7F;
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (der[at++] & 0xFF);
                }
            }
            elements.add(new TestDer(tag, Arrays.copyOfRange(der, at, at + length)));
            at += length;
        }
        return elements;
    }

    byte[] encoded() {
        return tlv(tag, content);
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
