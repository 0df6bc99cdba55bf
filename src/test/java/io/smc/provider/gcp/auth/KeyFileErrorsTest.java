package io.smc.provider.gcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Keys that cannot be used: each refusal names the source and the problem, and quotes nothing of the key. */
class KeyFileErrorsTest {
    private static final TestServiceAccount ACCOUNT = TestServiceAccount.named("publisher");
    private static final String SOURCE = "Secret team-a/gcp-key key 'key.json'";
    private static final String TOKEN_URI = "https://oauth2.googleapis.com/token";

    private final GcpCredentialsFactory factory = new GcpCredentialsFactory(
            () -> {
                throw new AssertionError("a key never looks for Application Default Credentials");
            }, AuthEndpoints.google());

    @Test
    void notJson() {
        String broken = new String(ACCOUNT.keyFile(TOKEN_URI), StandardCharsets.UTF_8).replace("\"type\"", "type");
        assertRefused(broken.getBytes(StandardCharsets.UTF_8),
                SOURCE + ": not a service account key: not valid JSON (line 2, column 3)");
    }

    @Test
    void jsonWithTrailingGarbage() {
        byte[] key = (new String(ACCOUNT.keyFile(TOKEN_URI), StandardCharsets.UTF_8) + " }")
                .getBytes(StandardCharsets.UTF_8);
        assertRefused(key, SOURCE + ": not a service account key: not valid JSON (line 10, column 3)");
    }

    @Test
    void empty() {
        assertRefused(new byte[0], SOURCE + ": not a service account key: empty");
    }

    @Test
    void notAnObject() {
        assertRefused("[\"a\", \"b\"]".getBytes(StandardCharsets.UTF_8),
                SOURCE + ": not a service account key: not a JSON object");
    }

    @Test
    void noType() {
        assertRefused(key(json -> json.remove("type")), SOURCE + ": not a service account key: no \"type\" field");
    }

    @Test
    void authorizedUserIsRefused() {
        assertRefused(key(json -> json.put("type", "authorized_user")), SOURCE + ": the key's type is "
                + "'authorized_user'; only 'service_account' keys are accepted here (other credential types go through "
                + "Application Default Credentials)");
    }

    @Test
    void externalAccountIsRefused() {
        byte[] config = ("{\"type\":\"external_account\",\"audience\":\"//iam.googleapis.com/projects/1/locations/"
                + "global/workloadIdentityPools/p/providers/k8s\",\"subject_token_type\":\"urn:ietf:params:oauth:"
                + "token-type:jwt\",\"token_url\":\"https://sts.googleapis.com/v1/token\",\"credential_source\":"
                + "{\"file\":\"/var/run/secrets/kubernetes.io/serviceaccount/token\"}}").getBytes(StandardCharsets.UTF_8);
        assertRefused(config, SOURCE + ": the key's type is 'external_account'; only 'service_account' keys are "
                + "accepted here (other credential types go through Application Default Credentials)");
    }

    @Test
    void aTypeThatDoesNotLookLikeOneIsNotEchoed() {
        assertRefused(key(json -> json.put("type", ACCOUNT.privateKeyPem())), SOURCE + ": the key's type is unknown; "
                + "only 'service_account' keys are accepted here (other credential types go through Application "
                + "Default Credentials)");
    }

    @Test
    void missingFields() {
        assertRefused(key(json -> {
            json.remove("client_email");
            json.put("private_key", "");
        }), SOURCE + ": the service account key lacks client_email, private_key");
    }

    @Test
    void aFieldOfTheWrongKind() {
        assertRefused(key(json -> json.put("project_id", 42)),
                SOURCE + ": the service account key's project_id is not a string");
        assertRefused(key(json -> json.putArray("client_id")), SOURCE + ": the service account key lacks client_id");
    }

    @Test
    void aTokenUriThatIsNoHttpUrl() {
        assertRefused(key(json -> json.put("token_uri", "file:///etc/passwd")),
                SOURCE + ": the service account key's token_uri is not an http(s) URL");
    }

    @Test
    void aPrivateKeyThatIsNotPkcs8Pem() {
        String expected = SOURCE + ": the private_key of the service account key is not a PEM-encoded PKCS#8 RSA "
                + "private key";
        String pem = ACCOUNT.privateKeyPem();
        assertRefused(key(json -> json.put("private_key", pem.replace("PRIVATE KEY", "RSA PRIVATE KEY"))), expected);
        assertRefused(key(json -> json.put("private_key", pem.substring(0, 200) + pem.substring(260))), expected);
        assertRefused(key(json -> json.put("private_key", "not a key")), expected);
    }

    private static byte[] key(Consumer<ObjectNode> edit) {
        return ACCOUNT.keyFile(TOKEN_URI, edit);
    }

    private void assertRefused(byte[] key, String message) {
        GcpAuthException e = assertThrows(GcpAuthException.class,
                () -> factory.create(GcpIdentity.serviceAccountKey(key, SOURCE)));
        assertEquals(message, e.getMessage());
        List<String> secrets = new ArrayList<>(ACCOUNT.secrets());
        if (key.length > 0) {
            secrets.add(new String(key, StandardCharsets.UTF_8));
        }
        LeakCheck.assertClean(e, secrets);
    }
}
