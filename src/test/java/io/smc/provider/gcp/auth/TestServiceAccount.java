package io.smc.provider.gcp.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/** A service account with a freshly generated RSA key, and its JSON key file as Google issues it. */
final class TestServiceAccount {
    static final String PROJECT = "team-a-project";

    private static final ObjectMapper JSON = new ObjectMapper();

    final String email;
    final String privateKeyId;
    final KeyPair keys;

    private TestServiceAccount(String name) {
        this.email = name + "@" + PROJECT + ".iam.gserviceaccount.com";
        this.privateKeyId = "kid-" + Integer.toHexString(name.hashCode());
        this.keys = generate();
    }

    static TestServiceAccount named(String name) {
        return new TestServiceAccount(name);
    }

    RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    /** The PKCS#8 private key in PEM, 64-character lines, as in Google's key files. */
    String privateKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    byte[] keyFile(String tokenUri) {
        return keyFile(tokenUri, json -> {
        });
    }

    /** The key file, changed by {@code edit} (to break it on purpose). */
    byte[] keyFile(String tokenUri, Consumer<ObjectNode> edit) {
        ObjectNode json = JSON.createObjectNode()
                .put("type", "service_account")
                .put("project_id", PROJECT)
                .put("private_key_id", privateKeyId)
                .put("private_key", privateKeyPem())
                .put("client_email", email)
                .put("client_id", "1045" + Math.abs(email.hashCode()))
                .put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
                .put("token_uri", tokenUri);
        edit.accept(json);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Texts that give the key away: the PEM, each of its lines, and stretches of the raw key in other encodings. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        String pem = privateKeyPem();
        secrets.add(pem);
        secrets.add(pem.replace("\n", "\\n"));
        pem.lines().filter(line -> !line.startsWith("-----")).forEach(secrets::add);
        byte[] encoded = keys.getPrivate().getEncoded();
        String base64 = Base64.getEncoder().encodeToString(encoded);
        String hex = java.util.HexFormat.of().formatHex(encoded);
        for (int i = 0; i + 24 <= base64.length(); i += 97) {
            secrets.add(base64.substring(i, i + 24));
        }
        for (int i = 0; i + 32 <= hex.length(); i += 131) {
            secrets.add(hex.substring(i, i + 32));
        }
        secrets.add("BEGIN PRIVATE KEY");
        return secrets;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
