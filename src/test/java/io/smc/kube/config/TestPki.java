package io.smc.kube.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Certificate authorities, server and client certificates made with the JDK's keytool (so the tests need no
 * OpenSSL), built once per test run because key generation is slow. The PEM forms OpenSSL writes (PKCS#1, SEC1)
 * are made here from the JDK's PKCS#8 encodings with a few lines of DER of the test's own, so the code under test
 * is not checked against its own writer.
 */
final class TestPki {
    static final char[] PASSWORD = "changeit".toCharArray();
    private static TestPki shared;

    final Authority ca;
    final Authority otherCa;
    /** For {@code localhost} and {@code 127.0.0.1}. */
    final Leaf server;
    /** Only for {@code api.internal.example}: reachable on loopback only with tls-server-name. */
    final Leaf namedServer;
    /** A server certificate signed by {@link #otherCa}. */
    final Leaf strangerServer;
    final Leaf rsaClient;
    final Leaf ecClient;

    record Authority(X509Certificate certificate) {
        String pem() {
            return TestPki.pem("CERTIFICATE", encoded(certificate));
        }
    }

    record Leaf(PrivateKey key, X509Certificate certificate, Authority issuer) {
        String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        String pkcs8Pem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }

        /** OpenSSL's traditional RSA form: the RSAPrivateKey inside the PKCS#8 PrivateKeyInfo. */
        String pkcs1Pem() {
            return pem("RSA PRIVATE KEY", pkcs8Parts(key.getEncoded()).get(2).content());
        }

        /**
         * OpenSSL's traditional EC form: ECPrivateKey with the curve in {@code [0]} and the public point in
         * {@code [1]}, as {@code openssl ecparam -genkey} writes it.
         */
        String sec1Pem() {
            List<TestDer> pkcs8 = pkcs8Parts(key.getEncoded());
            TestDer curve = TestDer.children(pkcs8.get(1).content()).get(1);
            List<TestDer> jdkSec1 = TestDer.children(TestDer.children(pkcs8.get(2).content()).get(0).content());
            ECPublicKey publicKey = (ECPublicKey) certificate.getPublicKey();
            byte[] point = concat(new byte[] {0, 4}, fixed(publicKey.getW().getAffineX(), 32),
                    fixed(publicKey.getW().getAffineY(), 32));
            byte[] sec1 = TestDer.tlv(0x30, jdkSec1.get(0).encoded(), jdkSec1.get(1).encoded(),
                    TestDer.tlv(0xA0, curve.encoded()), TestDer.tlv(0xA1, TestDer.tlv(0x03, point)));
            return pem("EC PRIVATE KEY", sec1);
        }

        KeyStore keyStore() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("leaf", key, PASSWORD, new Certificate[] {certificate, issuer.certificate()});
            return store;
        }
    }

    private TestPki(Path dir) throws Exception {
        ca = authority(dir, "ca", "CN=Test CA");
        otherCa = authority(dir, "other-ca", "CN=Other CA");
        server = leaf(dir, "ca", ca, "server", "EC", "CN=localhost", "san=dns:localhost,ip:127.0.0.1");
        namedServer = leaf(dir, "ca", ca, "named", "EC", "CN=api", "san=dns:api.internal.example");
        strangerServer = leaf(dir, "other-ca", otherCa, "stranger", "EC", "CN=localhost",
                "san=dns:localhost,ip:127.0.0.1");
        rsaClient = leaf(dir, "ca", ca, "rsa-client", "RSA", "CN=rsa-client,O=system:masters", null);
        ecClient = leaf(dir, "ca", ca, "ec-client", "EC", "CN=ec-client", null);
    }

    static synchronized TestPki shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("kube-config-pki");
            try {
                shared = new TestPki(dir);
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
        return shared;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static Authority authority(Path dir, String name, String subject) throws Exception {
        keytool(dir, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject,
                "-ext", "bc:c", "-validity", "3", "-keystore", name + ".p12", "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD));
        KeyStore store = load(dir.resolve(name + ".p12"));
        return new Authority((X509Certificate) store.getCertificate(name));
    }

    private static Leaf leaf(Path dir, String issuerName, Authority issuer, String name, String algorithm,
            String subject, String extension) throws Exception {
        List<String> generate = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", algorithm,
                "-dname", subject, "-validity", "3", "-keystore", name + ".p12", "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD)));
        generate.addAll(algorithm.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
        keytool(dir, generate.toArray(String[]::new));
        keytool(dir, "-certreq", "-alias", name, "-keystore", name + ".p12", "-storepass", new String(PASSWORD),
                "-file", name + ".csr");
        List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", issuerName, "-keystore", issuerName + ".p12",
                "-storepass", new String(PASSWORD), "-infile", name + ".csr", "-outfile", name + ".pem", "-rfc",
                "-validity", "3"));
        if (extension != null) {
            sign.addAll(List.of("-ext", extension));
        }
        keytool(dir, sign.toArray(String[]::new));
        PrivateKey key = (PrivateKey) load(dir.resolve(name + ".p12")).getKey(name, PASSWORD);
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".pem"))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        return new Leaf(key, certificate, issuer);
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** version, algorithm identifier, private key octets. */
    private static List<TestDer> pkcs8Parts(byte[] pkcs8) {
        return TestDer.children(TestDer.children(pkcs8).get(0).content());
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
