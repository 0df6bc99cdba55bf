package io.smc.provider.gcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.auth.oauth2.GoogleCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Service account keys against a token endpoint that verifies what it is sent. */
class ServiceAccountKeyCredentialsTest {
    private static final TestServiceAccount ACCOUNT = TestServiceAccount.named("publisher");
    private static final String SOURCE = "Secret team-a/gcp-key key 'key.json'";
    private static final URI ANY_URI = URI.create("https://secretmanager.googleapis.com/");

    private final FakeGoogleAuth google = FakeGoogleAuth.start();
    private final GcpCredentialsFactory factory = new GcpCredentialsFactory(
            () -> {
                throw new AssertionError("a key never looks for Application Default Credentials");
            }, AuthEndpoints.google());

    @AfterEach
    void stop() {
        google.close();
    }

    @Test
    void theKeySignsAJwtThatTheTokenEndpointVerifiesAndTheTokenBecomesTheAuthorization() throws Exception {
        google.register(ACCOUNT);
        GoogleCredentials credentials = factory.create(
                GcpIdentity.serviceAccountKey(ACCOUNT.keyFile(google.tokenUri()), SOURCE));

        Map<String, List<String>> metadata = credentials.getRequestMetadata(ANY_URI);

        assertEquals(List.of(), google.refusals());
        LeakCheck.assertBearer(google.tokenOf(ACCOUNT), metadata);
        assertEquals(1, google.tokenRequests());
    }

    @Test
    void theTokenIsReusedUntilItNearsExpiry() throws Exception {
        google.register(ACCOUNT);
        GoogleCredentials credentials = factory.create(
                GcpIdentity.serviceAccountKey(ACCOUNT.keyFile(google.tokenUri()), SOURCE));

        credentials.getRequestMetadata(ANY_URI);
        Map<String, List<String>> again = credentials.getRequestMetadata(ANY_URI);

        assertEquals(1, google.tokenRequests());
        LeakCheck.assertBearer(google.tokenOf(ACCOUNT), again);
    }

    @Test
    void refreshAsksForANewToken() throws Exception {
        google.register(ACCOUNT);
        GoogleCredentials credentials = factory.create(
                GcpIdentity.serviceAccountKey(ACCOUNT.keyFile(google.tokenUri()), SOURCE));

        credentials.refresh();
        String first = credentials.getAccessToken().getTokenValue();
        credentials.refresh();

        assertEquals(2, google.tokenRequests());
        LeakCheck.assertSameToken(google.tokenOf(ACCOUNT), credentials.getAccessToken().getTokenValue(), "after refresh");
        LeakCheck.assertDifferentToken(first, credentials.getAccessToken().getTokenValue(), "after refresh");
    }

    @Test
    void aTokenEndpointOverrideWinsOverTheKeysTokenUri() throws Exception {
        google.register(ACCOUNT);
        // Nothing listens on port 1 of loopback: were token_uri used, the refresh would fail.
        byte[] key = ACCOUNT.keyFile("http://127.0.0.1:1/token");
        GcpCredentialsFactory overridden = new GcpCredentialsFactory(
                () -> {
                    throw new AssertionError("not used");
                }, AuthEndpoints.google().withToken(URI.create(google.tokenUri())));

        GoogleCredentials credentials = overridden.create(GcpIdentity.serviceAccountKey(key, SOURCE));
        Map<String, List<String>> metadata = credentials.getRequestMetadata(ANY_URI);

        assertEquals(List.of(), google.refusals());
        LeakCheck.assertBearer(google.tokenOf(ACCOUNT), metadata);
    }

    @Test
    void aKeyTheTokenEndpointNoLongerKnowsIsExplainedWithoutTheKey() throws Exception {
        google.registerWithOtherKey(ACCOUNT);
        byte[] key = ACCOUNT.keyFile(google.tokenUri());
        GoogleCredentials credentials = factory.create(GcpIdentity.serviceAccountKey(key, SOURCE));

        GcpAuthException e = assertThrows(GcpAuthException.class, () -> credentials.getRequestMetadata(ANY_URI));

        assertEquals(List.of("token: bad signature"), google.refusals());
        assertEquals("service account " + ACCOUNT.email + " (key from " + SOURCE + "): no access token: the token "
                + "endpoint answered HTTP 400 invalid_grant (a deleted or disabled key, or a wrong clock)",
                e.getMessage());
        LeakCheck.assertClean(e, secrets(key));
    }

    @Test
    void theCredentialsNeverPrintTheirTokenOrKey() throws Exception {
        google.register(ACCOUNT);
        byte[] key = ACCOUNT.keyFile(google.tokenUri());
        GcpIdentity identity = GcpIdentity.serviceAccountKey(key, SOURCE);
        GoogleCredentials credentials = factory.create(identity);

        credentials.refresh();

        assertEquals("Google credentials of " + identity, credentials.toString());
        LeakCheck.assertClean("toString", credentials.toString(), secrets(key));
    }

    private List<String> secrets(byte[] key) {
        List<String> secrets = new ArrayList<>(ACCOUNT.secrets());
        secrets.add(new String(key, StandardCharsets.UTF_8));
        secrets.addAll(google.secretsSeen());
        return secrets;
    }
}
