package io.smc.kube.config;

import static io.smc.kube.config.Kubeconfigs.map;
import static io.smc.kube.config.Revealed.assertNothingRevealed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smc.kube.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client keys in the PEM forms kubeconfigs carry, and the clear errors for the ones that cannot be used. */
class ClientKeyTest {
    private static final Location AT = new Location(Path.of("/home/me/.kube/config"), "users[0].user.client-key-data");
    private static TestPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.shared();
    }

    @Test
    void readsPkcs1RsaKeyAsTheSameKey() throws Exception {
        PrivateKey key = PrivateKeys.read(bytes(pki.rsaClient.pkcs1Pem()), AT);

        assertArrayEquals(pki.rsaClient.key().getEncoded(), key.getEncoded());
    }

    @Test
    void readsSec1EcKeyAsTheSameKey() throws Exception {
        PrivateKey key = PrivateKeys.read(bytes(pki.ecClient.sec1Pem()), AT);

        assertEquals("EC", key.getAlgorithm());
        assertEquals(((ECPrivateKey) pki.ecClient.key()).getS(), ((ECPrivateKey) key).getS());
        assertTrue(PrivateKeys.matches(key, pki.ecClient.certificate().getPublicKey()));
    }

    @Test
    void readsPkcs8KeysOfBothKinds() throws Exception {
        assertEquals(pki.rsaClient.key(), PrivateKeys.read(bytes(pki.rsaClient.pkcs8Pem()), AT));
        assertEquals(pki.ecClient.key(), PrivateKeys.read(bytes(pki.ecClient.pkcs8Pem()), AT));
    }

    @Test
    void skipsTheEcParametersBlockOpenSslWritesFirst() throws Exception {
        String pem = TestPki.pem("EC PARAMETERS", HexFormat.of().parseHex("06082a8648ce3d030107"))
                + pki.ecClient.sec1Pem();

        PrivateKey key = PrivateKeys.read(bytes(pem), AT);

        assertEquals(((ECPrivateKey) pki.ecClient.key()).getS(), ((ECPrivateKey) key).getS());
    }

    @Test
    void tellsKeysThatBelongToTheirCertificateFromOnesThatDoNot() throws Exception {
        assertTrue(PrivateKeys.matches(pki.rsaClient.key(), pki.rsaClient.certificate().getPublicKey()));
        assertEquals(false, PrivateKeys.matches(pki.rsaClient.key(), pki.server.certificate().getPublicKey()));
        assertEquals(false, PrivateKeys.matches(pki.ecClient.key(), pki.server.certificate().getPublicKey()));
    }

    @Test
    void refusesAKeyThatDoesNotBelongToTheCertificateNamingTheUser() throws Exception {
        String key = pki.ecClient.pkcs8Pem();
        ConfigException thrown = assertThrows(ConfigException.class, () -> load(map(
                "client-certificate-data", TestPki.base64(pki.rsaClient.certificatePem()),
                "client-key-data", TestPki.base64(key))));

        assertTrue(thrown.getMessage().contains("user 'tester'"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("does not belong to its client certificate"), thrown.getMessage());
        assertNothingRevealed(thrown, key, TestPki.base64(key));
    }

    @Test
    void refusesAnEncryptedPkcs8Key() throws Exception {
        String alg = "PBEWithHmacSHA256AndAES_256";
        SecretKey passphrase = SecretKeyFactory.getInstance("PBE").generateSecret(new PBEKeySpec("pw".toCharArray()));
        Cipher cipher = Cipher.getInstance(alg);
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        cipher.init(Cipher.ENCRYPT_MODE, passphrase,
                new PBEParameterSpec(salt, 1000, new IvParameterSpec(new byte[16])));
        byte[] encrypted = cipher.doFinal(pki.rsaClient.key().getEncoded());
        // EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier { id-PBES2, PBES2-params }, OCTET STRING }
        byte[] info = TestDer.tlv(0x30,
                TestDer.tlv(0x30, TestDer.tlv(0x06, HexFormat.of().parseHex("2a864886f70d01050d")),
                        cipher.getParameters().getEncoded()),
                TestDer.tlv(0x04, encrypted));
        new EncryptedPrivateKeyInfo(info); // the JDK reads it as one
        String pem = TestPki.pem("ENCRYPTED PRIVATE KEY", info);

        assertKeyRefused(pem, "encrypted");
    }

    @Test
    void refusesALegacyEncryptedRsaKey() throws Exception {
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(128);
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, aes.generateKey(), new IvParameterSpec(iv));
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(cipher.doFinal(TestDer.children(pki.rsaClient.key().getEncoded()).get(0).content()));
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,"
                + HexFormat.of().withUpperCase().formatHex(iv) + "\n\n" + body + "\n-----END RSA PRIVATE KEY-----\n";

        assertKeyRefused(pem, "encrypted");
    }

    @Test
    void refusesTextThatIsNotPem() throws Exception {
        assertKeyRefused("this is not a key at all, just some text", "holds no PEM data");
    }

    @Test
    void refusesAPemBlockThatIsNotBase64() throws Exception {
        assertKeyRefused("-----BEGIN PRIVATE KEY-----\nnot*base64*at*all!\n-----END PRIVATE KEY-----\n",
                "PEM block PRIVATE KEY is not valid base64");
    }

    @Test
    void refusesAPemBlockWithoutItsEnd() throws Exception {
        String pem = pki.rsaClient.pkcs8Pem();
        assertKeyRefused(pem.substring(0, pem.indexOf("-----END")), "PEM block PRIVATE KEY has no END line");
    }

    @Test
    void refusesAKeyBlockHoldingGarbage() throws Exception {
        byte[] garbage = new byte[64];
        new SecureRandom().nextBytes(garbage);
        assertKeyRefused(TestPki.pem("RSA PRIVATE KEY", garbage), "is not a valid key structure");
        assertKeyRefused(TestPki.pem("EC PRIVATE KEY", garbage), "is not a valid key structure");
        assertKeyRefused(TestPki.pem("PRIVATE KEY", garbage), "is not a valid key structure");
    }

    @Test
    void refusesAPkcs8KeyThatDoesNotParse() throws Exception {
        // A well-formed PrivateKeyInfo for RSA whose key is not an RSAPrivateKey.
        byte[] bogus = TestDer.tlv(0x30, TestDer.tlv(0x02, new byte[] {0}),
                TestDer.tlv(0x30, TestDer.tlv(0x06, HexFormat.of().parseHex("2a864886f70d010101")),
                        TestDer.tlv(0x05)),
                TestDer.tlv(0x04, TestDer.tlv(0x30, TestDer.tlv(0x02, new byte[] {1}))));
        assertKeyRefused(TestPki.pem("PRIVATE KEY", bogus), "the RSA private key cannot be read");
    }

    @Test
    void refusesAnEcKeyThatDoesNotNameItsCurve() throws Exception {
        byte[] sec1 = TestDer.tlv(0x30, TestDer.tlv(0x02, new byte[] {1}), TestDer.tlv(0x04, new byte[32]));
        assertKeyRefused(TestPki.pem("EC PRIVATE KEY", sec1), "does not name its curve");
    }

    @Test
    void refusesACertificateThatIsNotACertificate() throws Exception {
        String garbage = TestPki.pem("CERTIFICATE", "no certificate here".getBytes(StandardCharsets.US_ASCII));
        ConfigException thrown = assertThrows(ConfigException.class, () -> load(map(
                "client-certificate-data", TestPki.base64(garbage),
                "client-key-data", TestPki.base64(pki.rsaClient.pkcs8Pem()))));

        assertTrue(thrown.getMessage().contains("users[0].user.client-certificate-data: certificate 1 cannot be"
                + " parsed"), thrown.getMessage());
        assertNothingRevealed(thrown, pki.rsaClient.pkcs8Pem());
    }

    @Test
    void refusesAKeyWithoutItsCertificate() throws Exception {
        ConfigException thrown = assertThrows(ConfigException.class, () -> load(map(
                "client-key-data", TestPki.base64(pki.rsaClient.pkcs8Pem()))));

        assertTrue(thrown.getMessage().contains("users[0].user.client-certificate: missing"), thrown.getMessage());
    }

    @Test
    void namesTheKeyFileThatCannotBeUsed() throws Exception {
        Files.writeString(dir.resolve("client.key"), "garbage");
        ConfigException thrown = assertThrows(ConfigException.class, () -> load(map(
                "client-certificate-data", TestPki.base64(pki.rsaClient.certificatePem()),
                "client-key", "client.key")));

        assertTrue(thrown.getMessage().contains("users[0].user.client-key (" + dir.resolve("client.key") + ")"),
                thrown.getMessage());
    }

    /** The PEM forms the test writes by hand are the ones OpenSSL reads, when OpenSSL is there to ask. */
    @Test
    void handMadeTraditionalFormsAreWhatOpenSslReads() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "no openssl to cross-check with");
        Files.writeString(dir.resolve("rsa.pem"), pki.rsaClient.pkcs1Pem());
        Files.writeString(dir.resolve("ec.pem"), pki.ecClient.sec1Pem());

        assertArrayEquals(pki.rsaClient.certificate().getPublicKey().getEncoded(),
                openssl("pkey", "-in", "rsa.pem", "-pubout", "-outform", "DER"));
        assertArrayEquals(pki.ecClient.certificate().getPublicKey().getEncoded(),
                openssl("pkey", "-in", "ec.pem", "-pubout", "-outform", "DER"));
    }

    private byte[] openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertEquals(0, process.waitFor(), "openssl " + String.join(" ", args));
        return out;
    }

    private void assertKeyRefused(String keyPem, String expected) throws Exception {
        ConfigException thrown = assertThrows(ConfigException.class, () -> load(map(
                "client-certificate-data", TestPki.base64(pki.rsaClient.certificatePem()),
                "client-key-data", TestPki.base64(keyPem))));

        assertTrue(thrown.getMessage().contains("users[0].user.client-key-data: "), thrown.getMessage());
        assertTrue(thrown.getMessage().contains(expected), thrown.getMessage());
        assertNothingRevealed(thrown, keyPem, TestPki.base64(keyPem));
    }

    private void load(Map<String, Object> user) throws Exception {
        Path kubeconfig = Kubeconfigs.write(dir.resolve("config"),
                Kubeconfigs.single(map("server", "https://localhost:6443"), user));
        new KubeConfigLoader().load(LoadOptions.of(Map.of(), null).withKubeconfig(kubeconfig)
                .withInClusterRoot(dir.resolve("none")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
