package io.smc.kube.config;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough DER to unwrap and rewrap private keys: read one element at a time, write tag-length-value. Input that
 * is not DER is an {@link IllegalArgumentException} whose message never holds the bytes.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]}, constructed, as SEC1's {@code parameters}. */
    static final int CONTEXT_0 = 0xA0;

    private Der() {
    }

    /** One element: its tag and its content octets. */
    record Element(int tag, byte[] content) {
        Reader children() {
            return new Reader(content);
        }

        byte[] encoded() {
            return Der.encode(tag, content);
        }
    }

    /** Reads the elements of a DER string (or of a constructed element's content) in order. */
    static final class Reader {
        private final byte[] der;
        private int position;

        Reader(byte[] der) {
            this.der = der;
        }

        boolean hasNext() {
            return position < der.length;
        }

        Element next() {
            int tag = octet();
            if ((tag & 0x1F) == 0x1F) {
                throw new IllegalArgumentException("multi-byte tags are not used in keys");
            }
            int length = octet();
            if (length == 0x80) {
                throw new IllegalArgumentException("indefinite length is not DER");
            }
            if (length > 0x80) {
                int octets = length & 0x7F;
                if (octets > 3) {
                    throw new IllegalArgumentException("length too large");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | octet();
                }
            }
            if (length > der.length - position) {
                throw new IllegalArgumentException("element longer than its input");
            }
            byte[] content = Arrays.copyOfRange(der, position, position + length);
            position += length;
            return new Element(tag, content);
        }

        /** The next element, which must have this tag. */
        Element next(int tag) {
            if (!hasNext()) {
                throw new IllegalArgumentException("structure ends early");
            }
            Element element = next();
            if (element.tag() != tag) {
                throw new IllegalArgumentException("unexpected tag 0x" + Integer.toHexString(element.tag())
                        + " where 0x" + Integer.toHexString(tag) + " belongs");
            }
            return element;
        }

        private int octet() {
            if (position >= der.length) {
                throw new IllegalArgumentException("structure ends early");
            }
            return der[position++] & 0xFF;
        }
    }

    static byte[] encode(int tag, byte[]... contents) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : contents) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
            out.write(0x80 | octets);
            for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... elements) {
        return encode(SEQUENCE, elements);
    }

    /** A small non-negative INTEGER, such as a structure's version. */
    static byte[] integer(int value) {
        if (value < 0 || value > 0x7F) {
            throw new IllegalArgumentException("only small versions are written");
        }
        return encode(INTEGER, new byte[] {(byte) value});
    }
}
