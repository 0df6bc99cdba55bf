package io.smc.provider.gcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.auth.oauth2.GoogleCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A base identity asking a strict IAM Credentials fake for a token of another service account. */
class ImpersonationTest {
    private static final TestServiceAccount BASE = TestServiceAccount.named("controller");
    private static final String SOURCE = "Secret team-a/gcp-key key 'key.json'";
    private static final String TARGET = "secret-writer@team-a-project.iam.gserviceaccount.com";
    private static final URI ANY_URI = URI.create("https://secretmanager.googleapis.com/");

    private final FakeGoogleAuth google = FakeGoogleAuth.start().register(BASE);
    private final byte[] key = BASE.keyFile(google.tokenUri());
    private final GcpCredentialsFactory factory = new GcpCredentialsFactory(
            () -> {
                throw new AssertionError("a key never looks for Application Default Credentials");
            }, AuthEndpoints.google().withIamCredentials(google.iamCredentials()));

    @AfterEach
    void stop() {
        google.close();
    }

    @Test
    void theBaseTokenBuysATokenOfTheTargetAndThatIsWhatCallsCarry() throws Exception {
        google.grantTokenCreator(BASE, TARGET);
        GoogleCredentials credentials = factory.create(GcpIdentity.serviceAccountKey(key, SOURCE)
                .impersonating(TARGET));

        Map<String, List<String>> metadata = credentials.getRequestMetadata(ANY_URI);

        assertEquals(List.of(), google.refusals());
        assertEquals(1, google.tokenRequests());
        assertEquals(1, google.iamRequests());
        LeakCheck.assertBearer(google.impersonatedTokenOf(TARGET), metadata);
        LeakCheck.assertDifferentToken(google.tokenOf(BASE), google.impersonatedTokenOf(TARGET), "impersonated");
    }

    @Test
    void theImpersonatedTokenIsReusedAndRefreshUsesTheCachedBaseToken() throws Exception {
        google.grantTokenCreator(BASE, TARGET);
        GoogleCredentials credentials = factory.create(GcpIdentity.serviceAccountKey(key, SOURCE)
                .impersonating(TARGET));

        String first = credentials.getRequestMetadata(ANY_URI).get("Authorization").get(0);
        String second = credentials.getRequestMetadata(ANY_URI).get("Authorization").get(0);
        credentials.refresh();

        LeakCheck.assertSameToken(first, second, "the second call");
        LeakCheck.assertDifferentToken(first, "Bearer " + google.impersonatedTokenOf(TARGET), "after refresh");
        LeakCheck.assertBearer(google.impersonatedTokenOf(TARGET), credentials.getRequestMetadata(ANY_URI));
        assertEquals(2, google.iamRequests());
        assertEquals(1, google.tokenRequests(), "the base token lasts an hour and is reused");
        assertEquals(List.of(), google.refusals());
    }

    @Test
    void applicationDefaultCredentialsCanImpersonateToo() throws Exception {
        google.grantTokenCreator(BASE, TARGET);
        // What GOOGLE_APPLICATION_CREDENTIALS pointing at a key file would yield, unscoped as ADC comes.
        GcpCredentialsFactory adc = new GcpCredentialsFactory(
                () -> Optional.of(GoogleCredentials.fromStream(new ByteArrayInputStream(key))),
                AuthEndpoints.google().withIamCredentials(google.iamCredentials()));

        GoogleCredentials credentials = adc.create(GcpIdentity.applicationDefault().impersonating(TARGET));
        Map<String, List<String>> metadata = credentials.getRequestMetadata(ANY_URI);

        LeakCheck.assertBearer(google.impersonatedTokenOf(TARGET), metadata);
        assertEquals(List.of(), google.refusals());
        assertEquals("Google credentials of Application Default Credentials impersonating " + TARGET,
                credentials.toString());
    }

    @Test
    void aDeniedImpersonationNamesTheTargetThePermissionAndTheRole() throws Exception {
        GoogleCredentials credentials = factory.create(GcpIdentity.serviceAccountKey(key, SOURCE)
                .impersonating(TARGET));

        GcpAuthException e = assertThrows(GcpAuthException.class, () -> credentials.getRequestMetadata(ANY_URI));

        assertEquals(List.of("iam: " + BASE.email + " may not impersonate " + TARGET), google.refusals());
        assertEquals("service account " + BASE.email + " (key from " + SOURCE + ") cannot impersonate " + TARGET
                + ": IAM Credentials denied permission iam.serviceAccounts.getAccessToken (HTTP 403 "
                + "PERMISSION_DENIED); grant the Service Account Token Creator role "
                + "(roles/iam.serviceAccountTokenCreator) on " + TARGET + ", and check that the service account "
                + "exists", e.getMessage());
        LeakCheck.assertClean(e, secrets());
    }

    @Test
    void aBaseKeyThatIsRefusedIsReportedAsTheBasesFailure() throws Exception {
        TestServiceAccount stale = TestServiceAccount.named("stale");
        google.registerWithOtherKey(stale).grantTokenCreator(stale, TARGET);
        byte[] staleKey = stale.keyFile(google.tokenUri());
        GoogleCredentials credentials = factory.create(GcpIdentity.serviceAccountKey(staleKey, SOURCE)
                .impersonating(TARGET));

        GcpAuthException e = assertThrows(GcpAuthException.class, () -> credentials.getRequestMetadata(ANY_URI));

        assertEquals(0, google.iamRequests());
        assertEquals("cannot impersonate " + TARGET + ": service account " + stale.email + " (key from " + SOURCE
                + "): no access token: the token endpoint answered HTTP 400 invalid_grant (a deleted or disabled "
                + "key, or a wrong clock)", e.getMessage());
        List<String> secrets = secrets();
        secrets.addAll(stale.secrets());
        secrets.add(new String(staleKey, StandardCharsets.UTF_8));
        LeakCheck.assertClean(e, secrets);
    }

    @Test
    void anUnreachableIamEndpointSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        GcpCredentialsFactory unreachable = new GcpCredentialsFactory(
                () -> {
                    throw new AssertionError("not used");
                }, AuthEndpoints.google().withIamCredentials(URI.create("http://127.0.0.1:" + closedPort)));
        GoogleCredentials credentials = unreachable.create(GcpIdentity.serviceAccountKey(key, SOURCE)
                .impersonating(TARGET));

        GcpAuthException e = assertThrows(GcpAuthException.class, () -> credentials.getRequestMetadata(ANY_URI));

        assertEquals("service account " + BASE.email + " (key from " + SOURCE + ") cannot impersonate " + TARGET
                + ": cannot reach IAM Credentials (ConnectException: Connection refused)", e.getMessage());
        assertEquals(ConnectException.class, e.getCause().getClass());
        LeakCheck.assertClean(e, secrets());
    }

    @Test
    void theImpersonatedCredentialsPrintNeitherTokenNorKey() throws IOException {
        google.grantTokenCreator(BASE, TARGET);
        GcpIdentity identity = GcpIdentity.serviceAccountKey(key, SOURCE).impersonating(TARGET);
        GoogleCredentials credentials = factory.create(identity);

        credentials.refresh();

        assertEquals("Google credentials of " + identity, credentials.toString());
        LeakCheck.assertClean("toString", credentials.toString(), secrets());
    }

    private List<String> secrets() {
        List<String> secrets = new ArrayList<>(BASE.secrets());
        secrets.add(new String(key, StandardCharsets.UTF_8));
        secrets.addAll(google.secretsSeen());
        return secrets;
    }
}
