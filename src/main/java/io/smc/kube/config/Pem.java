package io.smc.kube.config;

import io.smc.kube.ConfigException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text: the {@code -----BEGIN type-----} blocks of a file, with their RFC 1421 headers (which is how legacy
 * encrypted keys say so) and their decoded bytes. Text between blocks is ignored, as OpenSSL does. Errors name the
 * block type and the location, never the text.
 *
 * @param headers such as {@code Proc-Type: 4,ENCRYPTED}
 */
record Pem(String type, Map<String, String> headers, byte[] der) {
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    static List<Pem> read(byte[] text, Location at) throws ConfigException {
        List<Pem> blocks = new ArrayList<>();
        String[] lines = new String(text, StandardCharsets.ISO_8859_1).split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher begin = BEGIN.matcher(lines[i].strip());
            if (!begin.matches()) {
                continue;
            }
            String type = begin.group(1);
            String end = "-----END " + type + "-----";
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder body = new StringBuilder();
            boolean ended = false;
            for (i++; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.equals(end)) {
                    ended = true;
                    break;
                }
                int colon = line.indexOf(':');
                if (body.length() == 0 && colon > 0) {
                    headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                } else {
                    body.append(line);
                }
            }
            if (!ended) {
                throw at.problem("PEM block " + type + " has no END line");
            }
            try {
                blocks.add(new Pem(type, headers, Base64.getDecoder().decode(body.toString())));
            } catch (IllegalArgumentException e) {
                throw at.problem("PEM block " + type + " is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw at.problem("holds no PEM data (-----BEGIN ...----- blocks)");
        }
        return blocks;
    }

    /** Every {@code CERTIFICATE} block, in order: a CA bundle, or a client certificate and its chain. */
    static List<X509Certificate> certificates(byte[] text, Location at) throws ConfigException {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("every JDK has X.509", e);
        }
        for (Pem block : read(text, at)) {
            if (!block.type.equals("CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der)));
            } catch (CertificateException e) {
                throw at.problem("certificate " + (certificates.size() + 1) + " cannot be parsed", e);
            }
        }
        if (certificates.isEmpty()) {
            throw at.problem("holds no CERTIFICATE block");
        }
        return certificates;
    }

    /** Never the bytes. */
    @Override
    public String toString() {
        return "Pem[" + type + ", " + der.length + " bytes]";
    }
}
